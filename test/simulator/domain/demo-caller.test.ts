/**
 * The `--demo` caller on a manual clock: when it rings, when it gives up on a
 * ringing call, when the caller hangs up a talking one, and that it stops.
 * Minutes of demo time run in microseconds, and every moment is exact.
 */

import { describe, expect, it } from 'vitest';
import { startDemoCaller } from '../../../simulator/domain/demo-caller.ts';
import type { PendingEvent } from '../../../simulator/domain/model.ts';
import { Scheduler } from '../../../simulator/domain/scheduler.ts';
import { World } from '../../../simulator/domain/world.ts';
import { parseSimulatorOptions } from '../../../simulator/index.ts';
import { ManualClock } from '../../main/helpers/manual-clock.ts';

function setup() {
  const clock = new ManualClock();
  const scheduler = new Scheduler(clock);
  const world = new World(
    parseSimulatorOptions({}),
    () => 'http://sim.invalid',
    () => clock.now(),
  );
  const published: PendingEvent[] = [];
  const log: string[] = [];
  const caller = startDemoCaller({
    world,
    scheduler,
    publish: (events) => published.push(...events),
    agent: 'agent1',
    intervalMs: 8_000,
    log: (line) => log.push(line),
  });
  const calls = () =>
    world.callsOf('agent1').map((c) => ({ id: c.id, state: c.state, from: c.remoteNumber }));
  return { clock, scheduler, world, published, log, caller, calls };
}

describe('demo caller', () => {
  it('rings 1.5 s after start, and not again while the agent has a call', () => {
    const { clock, published, calls } = setup();
    clock.advance(1_499);
    expect(calls()).toEqual([]);
    clock.advance(1);
    expect(calls()).toEqual([{ id: expect.any(String), state: 'Ringing', from: '15551230042' }]);
    expect(published.map((e) => [e.agent, e.data.notificationType])).toEqual([['agent1', 'StatusChange']]);
    clock.advance(16_000); // two more ticks, the line is busy
    expect(calls()).toHaveLength(1);
    expect(published).toHaveLength(1);
  });

  it('abandons a call nobody answers after 30 s, on its every-8-s tick, and rings the next number', () => {
    const { clock, log, calls } = setup();
    clock.advance(1_500);
    const [first] = calls();
    clock.advance(32_000 - 1_500 - 1); // the tick at 24 s saw it 22.5 s old
    expect(calls()).toEqual([first]);
    clock.advance(1); // the tick at 32 s: 30.5 s of ringing
    expect(calls()).toEqual([{ id: expect.any(String), state: 'Ringing', from: '15551230077' }]);
    expect(calls()[0]?.id).not.toBe(first?.id);
    expect(log).toEqual([
      'demo caller: 15551230042 rings agent1',
      'demo caller: 15551230042 hangs up',
      'demo caller: 15551230077 rings agent1',
    ]);
  });

  it('hangs up an answered call 2 min after the ring timeout', () => {
    const { clock, world, calls } = setup();
    clock.advance(1_500);
    const id = calls()[0]?.id ?? '';
    expect(world.callOperation('agent1', id, { operationName: 'Answer' }).statusCode).toBe(0);
    clock.advance(152_000 - 1_500 - 1); // the tick at 144 s saw it 142.5 s old
    expect(calls()).toEqual([{ id, state: 'Established', from: '15551230042' }]);
    clock.advance(1); // the tick at 152 s: 150.5 s > 30 s + 120 s
    expect(calls().map((c) => c.id)).not.toContain(id);
  });

  it('rings no more once stopped, or once its scheduler stops (the server closing)', () => {
    const stopped = setup();
    stopped.caller.stop();
    stopped.clock.advance(60_000);
    expect(stopped.calls()).toEqual([]);

    const closing = setup();
    expect(closing.clock.pending).toBe(2); // the early first call and the every-interval tick
    closing.scheduler.stop();
    expect(closing.clock.pending).toBe(0);
    closing.clock.advance(60_000);
    expect(closing.calls()).toEqual([]);
  });
});
