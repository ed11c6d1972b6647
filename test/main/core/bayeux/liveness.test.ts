/**
 * Liveness and the watchdog, each against a server
 * that really does or does not answer: the simulator behind a TCP relay that
 * can freeze. Our timers run on a manual clock; the server runs in real time.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../../simulator/index.ts';
import { BayeuxConnection } from '../../../../main/core/bayeux/connection.ts';
import { GwsSession } from '../../../../main/core/gws/session.ts';
import { startHarness, TEST_SIM_OPTIONS, type Harness } from '../../helpers/core-harness.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { simControl } from '../../helpers/sim-control.ts';
import { startRelay, type TcpRelay } from '../../helpers/tcp-relay.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** The simulator's long-poll hold here (TEST_SIM_OPTIONS), ms. */
const POLL_MS = 2_000;
const MARGIN_MS = 500;
const WINDOW_MS = POLL_MS + MARGIN_MS;

const cleanups: (() => Promise<void>)[] = [];
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const CONNECTS = /"channel":"\/meta\/connect"/;
const HANDSHAKES = /"channel":"\/meta\/handshake"/;

async function watched(timings: Record<string, number> = {}) {
  const sim = await startSimulator(TEST_SIM_OPTIONS);
  const relay: TcpRelay = await startRelay(sim.port);
  cleanups.push(
    () => relay.close(),
    () => sim.close(),
  );
  const session = new GwsSession({
    serverUrl: relay.url,
    username: 'agent1',
    password: 'agent1',
    requestTimeoutMs: 1_000,
  });
  expect((await session.signIn()).ok).toBe(true);
  const clock = new ManualClock();
  const errors: string[] = [];
  let lives = 0;
  const connection = new BayeuxConnection({
    session,
    clock,
    channels: ['/v2/me/calls'],
    transport: 'long-polling',
    timings: { holdMarginMs: MARGIN_MS, ...timings },
    onMessage: () => undefined,
    onState: () => undefined,
    onLive: () => {
      lives += 1;
    },
    onError: (event) => errors.push(event.message),
  });
  cleanups.unshift(() => connection.stop());
  connection.start();
  await waitFor(() => connection.state === 'connected', 3_000, 'connected');
  expect(connection.pollTimeoutMs).toBe(POLL_MS); // advised by the server
  // The first long poll is out (held by the server).
  await waitFor(() => relay.count(CONNECTS) >= 2, 3_000, 'a held connect');
  return { relay, clock, connection, errors, lives: () => lives, ctl: simControl(sim.url) };
}

describe('the /meta/connect watchdog against a server that does or does not answer', () => {
  it('never fires while the server answers each long poll, however far our clock runs between answers', async () => {
    const { relay, clock, connection } = await watched();
    for (let i = 0; i < 3; i++) {
      const sent = relay.count(CONNECTS);
      // The server answers the held poll (real time), and the client sends the next one.
      await waitFor(() => relay.count(CONNECTS) > sent, 2 * POLL_MS, `answer ${i}`);
      clock.advance(WINDOW_MS - 50);
      expect(connection.state).toBe('connected');
    }
  });

  it('declares a frozen server dead after the poll timeout and within the poll timeout plus the margin', async () => {
    const { relay, clock, connection, errors } = await watched();
    relay.freeze();
    const sent = relay.count(CONNECTS);
    // Long enough for a healthy server to have answered the held poll; this one does not.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + 300));
    expect(relay.count(CONNECTS)).toBe(sent);
    let elapsed = 0;
    while (connection.state !== 'disconnected' && elapsed < 10 * WINDOW_MS) {
      clock.advance(50);
      elapsed += 50;
    }
    expect(connection.state).toBe('disconnected');
    expect(elapsed).toBeGreaterThan(POLL_MS - 400); // the poll went out up to ~300 ms before the freeze
    expect(elapsed).toBeLessThanOrEqual(WINDOW_MS);
    expect(errors).toContainEqual(expect.stringMatching(/no reply to \/meta\/connect within/));
  });

  it('waits out an advised reconnect interval before declaring the server dead', async () => {
    const { clock, connection, ctl } = await watched();
    const intervalMs = 3 * POLL_MS;
    // A server advising a long interval sends nothing between polls: that silence is health.
    await ctl.fault({ bayeuxAdvice: 'retry', interval: intervalMs, count: 1 });
    await waitFor(() => connection.advisedIntervalMs === intervalMs, 3 * POLL_MS, 'advice read');
    let elapsed = 0;
    while (connection.state === 'connected' && elapsed < 10 * intervalMs) {
      clock.advance(50);
      elapsed += 50;
    }
    expect(elapsed).toBeGreaterThan(intervalMs + POLL_MS);
  });
});

describe('reconnectNow()', () => {
  it('rebuilds the stream at once, without any timer, and the owner re-reads', async () => {
    const { relay, connection, lives } = await watched();
    const handshakes = relay.count(HANDSHAKES);
    const livesBefore = lives();
    connection.reconnectNow();
    expect(connection.state).not.toBe('connected');
    // The manual clock never moves: no watchdog or back-off timer can be what reconnects.
    await waitFor(() => connection.state === 'connected', 3_000, 'connected again');
    expect(relay.count(HANDSHAKES)).toBe(handshakes + 1);
    expect(lives()).toBe(livesBefore + 1);
  });

  it('cuts a recovery back-off short once the network is back (a laptop waking up)', async () => {
    const { relay, clock, connection } = await watched({ backoffMs: 60_000, maxBackoffMs: 60_000 });
    relay.freeze();
    clock.advance(WINDOW_MS); // the watchdog notices the dead poll: recovery 1 (immediate) fails...
    await waitFor(() => connection.state === 'disconnected', 1_000, 'recovering');
    clock.advance(WINDOW_MS); // ...and the next one is a minute away on our clock.
    relay.thaw();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // absence window: nothing reconnects by itself
    const handshakes = relay.count(HANDSHAKES);
    connection.reconnectNow();
    await waitFor(() => connection.state === 'connected', 4_000, 'connected after reconnectNow');
    expect(relay.count(HANDSHAKES)).toBeGreaterThan(handshakes);
  });
});

describe('liveness seen by the agent', () => {
  it('an HTML blip on the notification endpoint: live again within seconds and the hotkey accepted, though the server holds polls 20 s', async () => {
    h = await startHarness({ bayeuxTimeoutSec: 20 }, { transport: 'long-polling' });
    await waitFor(() => h?.core.getSnapshot().live, 3_000, 'live');
    await h.ctl.fault({ badBody: 'html', httpStatus: 200, scope: 'bayeux', count: 1 });
    const callId = await h.ctl.createCall({ state: 'Established', recording: true }); // its event meets the blip
    await waitFor(() => h?.statuses.includes('disconnected'), 3_000, 'the blip noticed');
    await waitFor(
      () => h?.core.getSnapshot().calls.some((c) => c.id === callId),
      4_000,
      'live again with the call re-read',
      () => h?.core.getSnapshot(),
    );
    await h.waitStatus('recording', 4_000);
    expect(await h.core.toggleRecording()).toMatchObject({ ok: true });
    await h.waitStatus('paused', 3_000);
  });
});
