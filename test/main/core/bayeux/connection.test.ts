import { createServer, type Server } from 'node:http';
import { CookieJar } from 'tough-cookie';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../../simulator/index.ts';
import {
  BayeuxConnection,
  type ConnectionState,
  type SessionPort,
} from '../../../../main/core/bayeux/connection.ts';
import { systemClock } from '../../../../main/core/ports/clock.ts';
import { GwsSession } from '../../../../main/core/gws/session.ts';
import {
  FAST_POLL_SIM_OPTIONS,
  startHarness,
  TEST_SIM_OPTIONS,
  type Harness,
} from '../../helpers/core-harness.ts';
import { simControl } from '../../helpers/sim-control.ts';
import { startRelay, type TcpRelay } from '../../helpers/tcp-relay.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** The simulator's long-poll hold in these tests (TEST_SIM_OPTIONS), in ms. */
const POLL_TIMEOUT_MS = 2_000;
const ORIGIN = 'https://agent.example';
/** This file pins long-polling: its faults act on HTTP replies (websocket: bayeux-transport.test.ts). */
const LP = { transport: 'long-polling' } as const;

let h: Harness | undefined;
let relay: TcpRelay | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.close();
  await relay?.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  h = undefined;
  relay = undefined;
});

async function withRelay(extraSetCookie?: string): Promise<Harness> {
  return startHarness({}, LP, async (sim) => {
    relay = await startRelay(sim.port, extraSetCookie === undefined ? {} : { extraSetCookie });
    return relay.url;
  });
}

function connectionLog(harness: Harness): ConnectionState[] {
  const log: ConnectionState[] = [];
  harness.core.subscribe((event) => {
    if (event.type === 'state' && log.at(-1) !== event.state.connection) log.push(event.state.connection);
  });
  return log;
}

describe('Bayeux connection recovery', () => {
  it('comes back to the right state by itself after POST /sim/restart mid-call', async () => {
    h = await startHarness({}, LP);
    const callId = await h.establishedCall();
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    h.statuses.length = 0;
    const loginsBefore = h.core.loginCount;

    const restartedAt = Date.now();
    await h.ctl.restart();
    await waitFor(() => h?.statuses.includes('disconnected'), 3_000, 'outage noticed');
    await h.waitStatus('paused', 3_000);

    expect(Date.now() - restartedAt).toBeLessThan(3_000);
    expect(h.statuses).toEqual(['disconnected', 'paused']);
    expect(h.core.getSnapshot().targetCallId).toBe(callId);
    expect(h.core.loginCount).toBe(loginsBefore + 1); // the session died with the restart
    // Events flow again on the new subscription.
    await h.core.toggleRecording();
    await h.waitStatus('recording');
  });

  it('re-reads state after a restart, so what happened during the outage is not lost', async () => {
    h = await startHarness({}, LP);
    const callId = await h.establishedCall();
    await h.waitStatus('recording');

    await h.ctl.restart();
    await h.ctl.release(callId); // its event goes to no one: every Bayeux client was dropped
    await h.waitStatus('no-call', 3_000);
    expect(h.statuses).toContain('disconnected');
    expect(h.core.getSnapshot().calls).toEqual([]);
  });

  it('recovers from advice reconnect "none" instead of stopping silently', async () => {
    h = await startHarness({}, LP);
    const connection = connectionLog(h);
    await h.ctl.fault({ bayeuxAdvice: 'none', count: 1 });
    await waitFor(() => connection.includes('disconnected'), 3 * POLL_TIMEOUT_MS, 'advice none noticed');
    await waitFor(() => h?.core.getSnapshot().live, 3_000, 'live again');
    // Proof that events flow after recovery: a new call shows up.
    const callId = await h.ctl.createCall({ state: 'Established', recording: true });
    await waitFor(() => h?.core.getSnapshot().targetCallId === callId, 3_000, 'new call seen');
    expect(h.errors.some((e) => /reconnect "none"/.test(e))).toBe(true);
  });

  it('reports a notification endpoint that answers 401 + HTML forever, and recovers when it heals', async () => {
    h = await startHarness({}, LP);
    await h.establishedCall();
    await h.waitStatus('recording');
    const armedAt = Date.now();
    await h.ctl.fault({ badBody: 'html', httpStatus: 401, scope: 'bayeux', count: 1_000_000 });
    await h.waitStatus('disconnected', 2 * POLL_TIMEOUT_MS + 500);
    expect(Date.now() - armedAt).toBeLessThan(2 * POLL_TIMEOUT_MS + 500);
    expect(await h.core.toggleRecording()).toMatchObject({ ok: false, code: 'not-connected' });

    await h.ctl.clearFaults();
    await h.waitStatus('recording', 3 * POLL_TIMEOUT_MS);
  });

  it('reports a hung server as disconnected within 2x the poll timeout, then reconnects', async () => {
    h = await withRelay();
    await h.establishedCall();
    await h.waitStatus('recording');
    const frozenAt = Date.now();
    relay?.freeze();
    await h.waitStatus('disconnected', 2 * POLL_TIMEOUT_MS);
    expect(Date.now() - frozenAt).toBeLessThanOrEqual(2 * POLL_TIMEOUT_MS);

    relay?.thaw();
    await h.waitStatus('recording', 3 * POLL_TIMEOUT_MS);
  });

  it('reports a server that went away (connection refused) and keeps showing disconnected', async () => {
    h = await withRelay();
    await h.establishedCall();
    await h.waitStatus('recording');
    const goneAt = Date.now();
    await relay?.close(); // in-flight long poll cut, new connections refused
    relay = undefined;
    await h.waitStatus('disconnected', 2 * POLL_TIMEOUT_MS);
    expect(Date.now() - goneAt).toBeLessThanOrEqual(2 * POLL_TIMEOUT_MS);
    expect(await h.core.toggleRecording()).toMatchObject({ ok: false, code: 'not-connected' });
    expect(h.core.getSnapshot().status).toBe('disconnected');
  });

  it('clamps the reconnect interval when the server advises interval 0 on instant replies', async () => {
    h = await withRelay();
    // Every /meta/connect reply says "handshake again, no wait": faye alone loops as fast as it can.
    relay?.resetLog();
    await h.ctl.fault({ bayeuxAdvice: 'handshake', interval: 0 });
    // The held connect gets the faulty reply only when answered (an event, or its poll
    // timeout under load): window the count once the loop has started, not before.
    await waitFor(() => (relay?.count(/\/meta\/handshake/) ?? 0) > 0, 2 * POLL_TIMEOUT_MS, 'the loop');
    await new Promise((resolve) => setTimeout(resolve, 300)); // warm-up to a steady pace (not a condition)
    relay?.resetLog();
    const windowMs = 1_000;
    await new Promise((resolve) => setTimeout(resolve, windowMs)); // rate window: counts an absence of excess
    const bayeuxRequests = relay?.count(/POST \/api\/v2\/notifications/) ?? Infinity;
    // Unclamped this is hundreds per second; clamped it is a handful per throttle interval.
    expect(bayeuxRequests).toBeLessThan(25);
    expect(bayeuxRequests).toBeGreaterThan(0);

    await h.ctl.clearFaults();
    await waitFor(() => h?.core.getSnapshot().live, 3_000, 'live again after the fault');
  });

  it('keeps the session cookie on every Bayeux request when the server sets cookies of its own', async () => {
    h = await withRelay('LB=node7; Path=/');
    await h.establishedCall();
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    await h.core.toggleRecording();
    await h.waitStatus('recording');

    const bayeuxPosts = relay?.count(/POST \/api\/v2\/notifications /) ?? 0;
    const headersThenCookie = (cookie: string) =>
      new RegExp(`POST /api/v2/notifications [^\\r]*\\r\\n(?:[^\\r]+\\r\\n)*?cookie: [^\\r]*${cookie}=`, 'i');
    expect(bayeuxPosts).toBeGreaterThan(2);
    expect(relay?.count(headersThenCookie('JSESSIONID'))).toBe(bayeuxPosts);
    expect(relay?.count(headersThenCookie('LB'))).toBeGreaterThan(0);
  });
});

// The watchdog's tests (a server that really does or does not answer) are in bayeux-liveness.test.ts.

describe('notification endpoint misbehaving', () => {
  it.each([
    ['', {}, {}],
    [' (Origin enforced)', { allowedOrigins: [ORIGIN] }, { origin: ORIGIN }],
  ])(
    'survives GWS JSON (401 statusCode 20) where Bayeux replies are expected%s, and recovers when it heals',
    async (_name, simOptions, coreOptions) => {
      h = await startHarness(
        { ...FAST_POLL_SIM_OPTIONS, ...simOptions },
        { ...LP, ...coreOptions, bayeuxTimings: { maxBackoffMs: 500 } },
      );
      await h.establishedCall();
      await h.waitStatus('recording');

      await h.ctl.fault({ badBody: 'json', httpStatus: 401, scope: 'bayeux', count: 1_000_000 });
      await h.waitStatus('disconnected', 2 * POLL_TIMEOUT_MS);
      expect(await h.core.toggleRecording()).toMatchObject({ ok: false, code: 'not-connected' });
      expect(h.errors.some((e) => /non-Bayeux body/.test(e))).toBe(true);

      await h.ctl.clearFaults();
      await h.waitStatus('recording', 3 * POLL_TIMEOUT_MS);
    },
  );

  it('recovers with one re-login when an auth filter in front of CometD refuses an expired session', async () => {
    h = await startHarness({ ...FAST_POLL_SIM_OPTIONS, bayeuxAuth: 'every-request' }, LP);
    await h.establishedCall();
    await h.waitStatus('recording');
    h.statuses.length = 0;
    await h.ctl.expireSessions('agent1');
    await waitFor(() => h?.statuses.includes('disconnected'), 3_000, 'outage noticed');
    await h.waitStatus('recording', 3_000);
    expect(h.core.loginCount).toBe(2);
  });

  it('sends the configured Origin on Bayeux too, so a server enforcing it lets the stream in', async () => {
    h = await startHarness({ allowedOrigins: [ORIGIN] }, { ...LP, origin: ORIGIN });
    const callId = await h.establishedCall();
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    expect(h.core.getSnapshot().targetCallId).toBe(callId);
  });

  it('backs off while the server keeps advising reconnect "none", and recovers once it stops', async () => {
    h = await startHarness(
      FAST_POLL_SIM_OPTIONS,
      { ...LP, bayeuxTimings: { maxBackoffMs: 1_000 } },
      async (sim) => {
        relay = await startRelay(sim.port);
        return relay.url;
      },
    );
    await h.ctl.fault({ bayeuxAdvice: 'none' }); // every /meta/connect reply, until cleared
    await waitFor(
      () => h?.errors.some((e) => /reconnect "none"/.test(e)),
      3 * POLL_TIMEOUT_MS,
      'advice noticed',
    );
    relay?.resetLog();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // counting needs a window
    // Without back-off: ~45 session checks and ~90 Bayeux requests in this second.
    expect(relay?.count(/GET \/api\/v2\/me /)).toBeLessThanOrEqual(4);
    expect(relay?.count(/POST \/api\/v2\/notifications/)).toBeLessThanOrEqual(12);

    await h.ctl.clearFaults();
    const callId = await h.ctl.createCall({ state: 'Established', recording: true });
    await waitFor(() => h?.core.getSnapshot().targetCallId === callId, 4_000, 'events flow again');
    await h.waitStatus('recording');
  });

  it('stops in a terminal signed-out state when the server refuses the credentials while reconnecting', async () => {
    h = await startHarness(FAST_POLL_SIM_OPTIONS, LP);
    const loginsBefore = h.core.loginCount;
    // Every REST answer is now "access denied", sign-in included; then the stream drops.
    await h.ctl.fault({ badBody: 'json', httpStatus: 401, scope: 'rest', count: 1_000_000 });
    await h.ctl.fault({ bayeuxAdvice: 'none', count: 1 });
    await waitFor(
      () => h?.core.getSnapshot().connection === 'signed-out',
      3 * POLL_TIMEOUT_MS,
      'signed-out',
      () => h?.core.getSnapshot(),
    );
    expect(h.core.getSnapshot().status).toBe('disconnected');
    expect(h.errors.some((e) => /sign-in refused while reconnecting/.test(e))).toBe(true);
    expect(h.core.loginCount).toBe(loginsBefore); // no retry loop that could lock the account
  });
});

/**
 * A CometD-style server stand-in: advice only on the handshake and the first
 * /meta/connect reply; later replies come back at once (or held, on demand).
 */
async function startCometdLikeServer(): Promise<{
  url: string;
  connects: number[];
  replies: number[];
  setHoldMs(ms: number): void;
  server: Server;
}> {
  const connects: number[] = [];
  const replies: number[] = [];
  let holdMs = 0;
  let advised = false;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const messages = JSON.parse(body) as { id: string; channel: string; subscription?: unknown }[];
      let hold = 0;
      const out = messages.map((m) => {
        const base = { id: m.id, channel: m.channel, successful: true, clientId: 'c1' };
        const advice = { reconnect: 'retry', interval: 0, timeout: 2_000 };
        switch (m.channel) {
          case '/meta/handshake':
            return { ...base, version: '1.0', supportedConnectionTypes: ['long-polling'], advice };
          case '/meta/subscribe':
            return { ...base, subscription: m.subscription };
          case '/meta/connect': {
            connects.push(Date.now());
            hold = holdMs;
            if (advised) return base;
            // The one reply with advice is a held long poll, as on a quiet server.
            advised = true;
            hold = 300;
            return { ...base, advice };
          }
          default:
            return base;
        }
      });
      setTimeout(() => {
        if (messages.some((m) => m.channel === '/meta/connect')) replies.push(Date.now());
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out));
      }, hold);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    connects,
    replies,
    setHoldMs: (ms) => {
      holdMs = ms;
    },
    server,
  };
}

function fakeSession(url: string): SessionPort {
  return {
    serverUrl: url,
    cookieJar: new CookieJar(),
    tls: { ca: undefined },
    proxyUrl: undefined,
    origin: undefined,
    ensureSession: () => Promise.resolve({ ok: true, httpStatus: 200, body: {} }),
  };
}

describe('interval:0 storm guard with CometD-style advice (sent once)', () => {
  it('throttles instant connect replies that carry no advice, and goes back to the server interval once held', async () => {
    const fake = await startCometdLikeServer();
    const connection = new BayeuxConnection({
      transport: 'long-polling',
      session: fakeSession(fake.url),
      clock: systemClock,
      channels: ['/v2/me/calls'],
      timings: { throttleIntervalMs: 400, minHoldMs: 100 },
      onMessage: () => undefined,
      onState: () => undefined,
      onLive: () => undefined,
      onError: () => undefined,
    });
    cleanups.push(
      () => connection.stop(),
      () => new Promise<void>((resolve) => fake.server.close(() => resolve())),
    );
    connection.start();
    await waitFor(() => connection.state === 'connected', 3_000, 'connected');

    const before = fake.connects.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // rate window: counts an absence of excess
    // Unthrottled this is hundreds per second.
    expect(fake.connects.length - before).toBeLessThanOrEqual(5);

    // The server holds replies again: the next connect follows a held reply at
    // once (the server's interval 0), not after the storm-guard interval.
    fake.setHoldMs(300);
    const heldFrom = fake.replies.length + 1; // the reply in flight may still be an instant one
    await waitFor(() => fake.replies.length >= heldFrom + 3, 5_000, 'three held replies');
    const gaps = fake.replies.slice(heldFrom, heldFrom + 2).map((replyAt) => {
      const next = fake.connects.find((at) => at >= replyAt) ?? Infinity;
      return next - replyAt;
    });
    for (const gap of gaps) expect(gap).toBeLessThan(200);
  });
});

describe('Bayeux connection stop() during recovery', () => {
  it('recovers again after a restart when stop() came in the middle of a recovery', async () => {
    const sim = await startSimulator({ ...TEST_SIM_OPTIONS, ...FAST_POLL_SIM_OPTIONS });
    cleanups.push(() => sim.close());
    const ctl = simControl(sim.url);
    const session = new GwsSession({ serverUrl: sim.url, username: 'agent1', password: 'agent1' });
    expect((await session.signIn()).ok).toBe(true);
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    // The session check of the first recovery waits until the test lets it go.
    const port: SessionPort = {
      serverUrl: session.serverUrl,
      cookieJar: session.cookieJar,
      tls: session.tls,
      proxyUrl: undefined,
      origin: undefined,
      ensureSession: () => gate.then(() => session.ensureSession()),
    };
    const states: ConnectionState[] = [];
    const connection = new BayeuxConnection({
      transport: 'long-polling',
      session: port,
      clock: systemClock,
      channels: ['/v2/me/calls'],
      onMessage: () => undefined,
      onState: (state) => states.push(state),
      onLive: () => undefined,
      onError: () => undefined,
    });
    cleanups.unshift(() => connection.stop());
    connection.start();
    await waitFor(() => connection.state === 'connected', 3_000, 'connected');

    await ctl.fault({ bayeuxAdvice: 'none', count: 1 });
    await waitFor(() => connection.state === 'disconnected', 3 * POLL_TIMEOUT_MS, 'recovering');
    await connection.stop(); // while the recovery waits on its session check
    openGate();
    await gate;

    connection.start();
    await waitFor(() => connection.state === 'connected', 3_000, 'connected again');
    states.length = 0;
    await ctl.fault({ bayeuxAdvice: 'none', count: 1 });
    // A recovery flag left over from before stop() would make faye stop silently here.
    await waitFor(() => states.includes('disconnected'), 3 * POLL_TIMEOUT_MS, 'second outage noticed');
    await waitFor(() => connection.state === 'connected', 3_000, 'recovered');
  });
});
