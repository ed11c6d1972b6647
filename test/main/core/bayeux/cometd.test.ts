/**
 * The Bayeux layer against CometD's own server (the GWS peer: events written
 * before the /meta/connect reply, advice once, `402::session_unknown`,
 * long-polling only) and the simulator's knobs for what CometD adds: the
 * acknowledgement extension, and a re-handshake storm's leaked clients.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../../simulator/index.ts';
import { createAgentCore, type AgentCore } from '../../../../main/core/agent-core.ts';
import { GwsSession } from '../../../../main/core/gws/session.ts';
import { startCometdGwsPeer, type CometdGwsPeer } from '../../../peers/cometd-gws-peer.ts';
import { observedConnection, type ObservedConnection } from '../../helpers/bayeux-client.ts';
import { startHarness, type Harness } from '../../helpers/core-harness.ts';
import { simControl } from '../../helpers/sim-control.ts';
import { startRelay, type TcpRelay } from '../../helpers/tcp-relay.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const cleanups: (() => Promise<void>)[] = [];
let h: Harness | undefined;
let relay: TcpRelay | undefined;
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await h?.close();
  await relay?.close();
  h = relay = undefined;
});

async function peer(options: Parameters<typeof startCometdGwsPeer>[0] = {}): Promise<CometdGwsPeer> {
  const p = await startCometdGwsPeer({ timeoutMs: 2_000, ...options });
  cleanups.push(() => p.close());
  return p;
}

async function connectTo(
  url: string,
  overrides: Parameters<typeof observedConnection>[0] extends infer O ? Partial<O> : never = {},
): Promise<ObservedConnection> {
  const session = new GwsSession({ serverUrl: url, username: 'agent1', password: 'agent1' });
  expect((await session.signIn()).ok).toBe(true);
  const o = observedConnection({ session, transport: 'auto', ...overrides });
  cleanups.unshift(() => o.connection.stop());
  o.connection.start();
  await waitFor(() => o.connection.state === 'connected', 5_000, 'connected');
  return o;
}

function agentCore(url: string): AgentCore {
  const core = createAgentCore({
    serverUrl: url,
    username: 'agent1',
    password: 'agent1',
    recordingTimeoutMs: 3_000,
  });
  cleanups.unshift(() => core.stop());
  return core;
}

describe('against CometD’s server (the GWS peer)', () => {
  it('transport auto works on a server without websocket: toggle → paused → recording', async () => {
    const p = await peer();
    const core = agentCore(p.url);
    expect(await core.start()).toEqual({ ok: true });
    await waitFor(() => core.getSnapshot().status === 'no-call', 5_000, 'no-call');
    const id = await p.addEstablishedCall();
    await waitFor(() => core.getSnapshot().status === 'recording', 5_000, 'recording');
    expect(await core.toggleRecording()).toMatchObject({ ok: true });
    await waitFor(() => core.getSnapshot().status === 'paused', 5_000, 'paused');
    expect(p.world.calls.get(id)?.recordingState).toBe('Paused');
  });

  it('no hold-off after a reply that carried events (CometD writes them before the connect reply)', async () => {
    const p = await peer();
    // A 10 s storm-guard interval: a hold-off after any event would be unmissable.
    const o = await connectTo(p.url, { timings: { throttleIntervalMs: 10_000 } });
    expect(o.connection.activeTransport).toBe('long-polling');
    for (let i = 0; i < 3; i++) {
      const connects = p.counters.connects;
      await p.addEstablishedCall();
      await waitFor(() => o.messages.length > i, 3_000, `event ${i}`);
      await waitFor(() => p.counters.connects > connects, 2_000, `the next connect after event ${i}`);
    }
  });

  it('failing connects (retry, interval 0) and unknown-client loops (handshake, interval 0) stay bounded, no leaked clients', async () => {
    const p = await peer();
    const o = await connectTo(p.url, { timings: { maxBackoffMs: 1_000 } });
    const window = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300)); // warm-up to a steady pace (not a condition)
      const before = { ...p.counters };
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // rate window: counts an absence of excess
      return {
        connects: p.counters.connects - before.connects,
        handshakes: p.counters.handshakes - before.handshakes,
      };
    };
    p.failConnects({ error: '500::boom', advice: { reconnect: 'retry', interval: 0 } });
    await p.addEstablishedCall(); // answers the held poll at once
    expect((await window()).connects).toBeLessThanOrEqual(6);
    p.failConnects({
      error: '402::session_unknown',
      advice: { reconnect: 'handshake', interval: 0 },
      dropClient: true,
    });
    const rate = await window();
    expect(rate.handshakes).toBeLessThanOrEqual(4);
    expect(p.liveClients).toBeLessThanOrEqual(1);
    p.failConnects(undefined);
    await waitFor(() => o.connection.state === 'connected', 5_000, 'live again');
    await waitFor(
      () => p.liveClients === 1,
      5_000,
      'exactly one client',
      () => p.liveClients,
    );
  });

  it('a frozen CometD server is declared dead within the poll timeout plus the margin, and comes back', async () => {
    const p = await peer({ timeoutMs: 1_000 });
    const o = await connectTo(p.url, { timings: { holdMarginMs: 500 } });
    await waitFor(() => o.connection.pollTimeoutMs === 1_000, 3_000, 'advice read');
    p.freeze();
    // The bound itself is pinned by the watchdog's own words (poll 1000 ms + margin 500 ms); the wait is
    // generous so a loaded 2-core machine cannot fail it by scheduling alone.
    await waitFor(() => o.connection.state === 'disconnected', 15_000, 'frozen server noticed');
    expect(o.errors.some((e) => /no reply to \/meta\/connect within 1500 ms/.test(e.message))).toBe(true);
    p.thaw();
    await waitFor(() => o.connection.state === 'connected', 5_000, 'back');
  });

  it.each([true, false])(
    'acknowledgement extension offered; used only when the server agrees (server has it: %s)',
    async (ack) => {
      const p = await peer({ ackExtension: ack });
      const o = await connectTo(p.url);
      expect(o.connection.ackAgreed).toBe(ack);
      await p.addEstablishedCall();
      await waitFor(() => o.messages.length > 0, 3_000, 'event delivered');
    },
  );
});

describe('the simulator’s ack knob and a re-handshake storm', () => {
  it('ackExtension: the client acks each batch the server numbered', async () => {
    const sim = await startSimulator({ bayeuxTimeoutSec: 0.5, ackExtension: true });
    cleanups.push(() => sim.close());
    const o = await connectTo(sim.url, { transport: 'long-polling' });
    expect(o.connection.ackAgreed).toBe(true);
    const ctl = simControl(sim.url);
    const acks = async () =>
      ((await ctl.state()).bayeuxClients as { ack?: { batch: number; lastAck?: number } }[])[0]?.ack;
    await waitFor(async () => ((await acks())?.lastAck ?? 0) >= 2, 5_000, 'acks flowing', acks);
    const { batch, lastAck } = (await acks()) ?? { batch: 0 };
    expect(lastAck).toBeGreaterThanOrEqual(batch - 1); // the poll in flight acks the latest batch
  });

  it('without the knob, the simulator does not agree and no ack goes out', async () => {
    const sim = await startSimulator({ bayeuxTimeoutSec: 0.5 });
    cleanups.push(() => sim.close());
    const o = await connectTo(sim.url, { transport: 'long-polling' });
    expect(o.connection.ackAgreed).toBe(false);
  });

  it('reconnect "handshake" with interval 0 on every reply: handshakes, REST re-reads and live server clients stay bounded', async () => {
    h = await startHarness(
      {},
      { transport: 'long-polling', bayeuxTimings: { maxBackoffMs: 1_000 } },
      async (sim) => {
        relay = await startRelay(sim.port);
        return relay.url;
      },
    );
    await h.ctl.fault({ bayeuxAdvice: 'handshake', interval: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // warm-up to a steady pace (not a condition)
    relay?.resetLog();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // rate window: counts an absence of excess
    // Unguarded: 268 requests/s, half of them REST re-reads, and 62 live clients on the simulator.
    expect(relay?.count(/"channel":"\/meta\/handshake"/)).toBeLessThanOrEqual(5);
    expect(relay?.count(/GET \/api\/v2\/me\/calls/)).toBeLessThanOrEqual(6);
    const clients = ((await h.ctl.state()).bayeuxClients as unknown[]).length;
    expect(clients).toBeLessThanOrEqual(6);
    await h.ctl.clearFaults();
    await waitFor(() => h?.core.getSnapshot().live, 5_000, 'live again');
  });
});
