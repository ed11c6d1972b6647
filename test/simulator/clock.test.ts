/**
 * The simulator's timers run on the clock `startSimulator` is given: a test
 * moves time by hand and sees, over real HTTP and Bayeux, exactly when a
 * Dial's far end answers, when a delayed event goes out, when a delay fault
 * lets a request through and when the demo caller rings.
 */

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../main/helpers/manual-clock.ts';
import {
  RestAgent,
  basic,
  control,
  createCall,
  eventually,
  fayeClient,
  startSim,
  subscribe,
} from './helpers.ts';

/** Waits until the simulator has armed `count` timers on the clock (its work after an answer is async). */
async function armed(clock: ManualClock, count = 1): Promise<void> {
  await eventually(() => clock.pending === count, 5_000, `${count} armed timer(s)`);
}

describe('the simulator on a manual clock', () => {
  it("answers a Dial's far end after dialAnswerMs of the clock's time, not before", async () => {
    const clock = new ManualClock();
    const sim = await startSim({ dialAnswerMs: 2_000 }, { clock });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const deviceId = sim.world.agents.get('agent1')?.device.id ?? '';
    const dial = await agent.post(`api/v2/me/devices/${deviceId}/calls`, {
      operationName: 'Dial',
      destination: { phoneNumber: '5551234' },
    });
    expect(dial.statusCode).toBe(200);
    await armed(clock);
    clock.advance(1_999);
    expect((await agent.calls()).map((c) => c.state)).toEqual(['Dialing']);
    clock.advance(1);
    expect((await agent.calls()).map((c) => c.state)).toEqual(['Established']);
  });

  it('publishes an event eventDelayMs after the change, on the clock', async () => {
    const clock = new ManualClock();
    const sim = await startSim({ eventDelayMs: 5_000 }, { clock });
    await new RestAgent(sim).signIn();
    const inbox = await subscribe(fayeClient(sim, { Authorization: basic('agent1') }), '/v2/me/calls');
    await armed(clock); // the sign-in's device events, delayed too
    clock.advance(5_000);
    const id = await createCall(sim);
    await armed(clock);
    clock.advance(4_999);
    expect(inbox.messages.filter((m) => m.data.call?.id === id)).toEqual([]);
    clock.advance(1);
    await inbox.waitFor((m) => m.call?.id === id);
  });

  it('holds a request under a delay fault until the clock has moved delayMs', async () => {
    const clock = new ManualClock();
    const sim = await startSim({}, { clock });
    const agent = new RestAgent(sim);
    await agent.login();
    await control(sim, 'POST', '/sim/faults', { delayMs: 10_000, count: 1 });
    let answered = false;
    const me = agent.get('api/v2/me').then((res) => {
      answered = true;
      return res;
    });
    await armed(clock);
    clock.advance(9_999);
    expect(answered).toBe(false);
    clock.advance(1);
    expect((await me).statusCode).toBe(200);
  });

  it('rings the demo call at 1.5 s of the clock, and abandons it at 32 s', async () => {
    const clock = new ManualClock();
    const sim = await startSim({ demo: true }, { clock });
    clock.advance(1_499);
    expect(sim.world.callsOf('agent1')).toEqual([]);
    clock.advance(1);
    const calls = (await control(sim, 'GET', '/sim/state')).calls as Array<Record<string, unknown>>;
    expect(calls).toEqual([
      expect.objectContaining({ agent: 'agent1', state: 'Ringing', from: '15551230042' }),
    ]);
    clock.advance(32_000 - 1_500); // call ages are on the same clock as the ticks
    const later = (await control(sim, 'GET', '/sim/state')).calls as Array<Record<string, unknown>>;
    expect(later).toEqual([expect.objectContaining({ state: 'Ringing', from: '15551230077' })]);
  });
});
