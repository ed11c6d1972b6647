/**
 * Hostile replies, and the pacing (the 250 ms stall, the storm
 * guard) against a small real Bayeux server whose replies the tests craft.
 * Each hostile reply: no crash (vitest fails the file on an uncaught error),
 * live again within seconds though the server holds connects for 10 s, and
 * events flow afterwards.
 */

import { afterEach, describe, expect, it } from 'vitest';
import {
  startHostileBayeuxServer,
  type HostileBayeuxServer,
  type RawReply,
} from '../../helpers/hostile-bayeux-server.ts';
import { fakeSession, observedConnection, type ObservedConnection } from '../../helpers/bayeux-client.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const HOLD_MS = 10_000;
const TIMINGS = { holdMarginMs: 1_000, backoffMs: 100, maxBackoffMs: 500, maxReplyBytes: 1024 * 1024 };

let server: HostileBayeuxServer | undefined;
let observed: ObservedConnection | undefined;
afterEach(async () => {
  await observed?.connection.stop();
  await server?.close();
  server = observed = undefined;
});

async function live(
  options: Parameters<typeof startHostileBayeuxServer>[0] = {},
  timings: Record<string, number> = {},
): Promise<{ s: HostileBayeuxServer; o: ObservedConnection }> {
  const s = await startHostileBayeuxServer({ holdMs: HOLD_MS, ...options });
  const o = observedConnection({ session: fakeSession(s.url), timings: { ...TIMINGS, ...timings } });
  server = s;
  observed = o;
  o.connection.start();
  await waitFor(() => o.connection.state === 'connected', 3_000, 'connected');
  await waitFor(() => s.holding(), 3_000, 'a held connect');
  return { s, o };
}

/** Answers the held connect with an event, so the next connect gets `reply`. */
function nextConnectGets(s: HostileBayeuxServer, reply: RawReply): void {
  s.queueRaw(reply);
  s.publish('/v2/me/calls', { marker: 'before' });
}

async function eventsFlowAgain(s: HostileBayeuxServer, o: ObservedConnection): Promise<void> {
  await waitFor(
    () => o.connection.state === 'connected' && s.holding(),
    4_000,
    'live again',
    () => o.states,
  );
  s.publish('/v2/me/calls', { marker: 'after' });
  await waitFor(
    () => o.messages.some((m) => (m.data as { marker?: string }).marker === 'after'),
    3_000,
    'an event after the hostile reply',
  );
}

const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);

describe('hostile replies on /meta/connect', () => {
  const cases: [string, RawReply][] = [
    ['a 47-byte message on channel "nope"', { body: '[{"channel":"nope","data":{}}]' }],
    ['an array nested 5,000 deep', { body: deep(5_000) }],
    ['[null]', { body: '[null]' }],
    ['a bare string', { body: '"ok"' }],
    ['a connect reply without "successful"', { body: (id) => `[{"id":"${id}","channel":"/meta/connect"}]` }],
    ['a 2 MB body (bound 1 MB), chunked', { body: '[]', padBytes: 2 * 1024 * 1024 }],
    ['a declared 600 MB body', { body: '[', declaredLength: 600 * 1024 * 1024 }],
    ['an HTML page (HTTP 200)', { body: '<html><body>Gateway</body></html>', contentType: 'text/html' }],
    ['an HTML page (HTTP 502)', { body: '<html><body>Bad gateway</body></html>', status: 502 }],
  ];

  it.each(cases)('%s: no crash, live again within seconds, events flow', async (_name, reply) => {
    const { s, o } = await live();
    const livesBefore = o.lives();
    nextConnectGets(s, reply);
    await waitFor(() => o.connection.state !== 'connected', 3_000, 'the bad reply noticed');
    await eventsFlowAgain(s, o);
    expect(o.lives()).toBeGreaterThan(livesBefore); // the owner re-reads what may have been lost
    expect(o.messages.every((m) => m.channel === '/v2/me/calls')).toBe(true);
    expect(o.messages.some((m) => Array.isArray(m.data))).toBe(false); // nothing hostile delivered as an event
  });

  it.each([
    ['a message on channel "nope"', '{"channel":"nope","data":{}}'],
    ['an event whose data nests 5,000 deep', `{"channel":"/v2/me/calls","data":${deep(5_000)}}`],
    ['an event with a numeric id', '{"channel":"/v2/me/calls","id":7,"data":{}}'],
  ])('drops %s but keeps the rest of the reply, and asks for a re-read', async (_name, bad) => {
    const { s, o } = await live();
    const livesBefore = o.lives();
    nextConnectGets(s, {
      body: (id) =>
        `[${bad},{"channel":"/v2/me/calls","data":{"marker":"good"}},` +
        `{"id":"${id}","channel":"/meta/connect","successful":true}]`,
    });
    await waitFor(
      () => o.messages.some((m) => (m.data as { marker?: string }).marker === 'good'),
      3_000,
      'good',
    );
    expect(o.errors).toContainEqual(
      expect.objectContaining({ code: 'unreadable-event', severity: 'diagnostic' }),
    );
    expect(o.lives()).toBeGreaterThan(livesBefore);
    await eventsFlowAgain(s, o);
  });

  it('clamps advice.timeout 1e10 and advice.interval 1e10: no 1 ms timer storm, still live', async () => {
    const { s, o } = await live({}, { maxPollTimeoutMs: 60_000, maxIntervalMs: 200 });
    s.adviseOnce({ timeout: 1e10, interval: 1e10 });
    s.publish('/v2/me/calls', { marker: 'carry the advice' });
    await waitFor(
      () => o.connection.pollTimeoutMs === 60_000,
      3_000,
      'advice read',
      () => o.connection.pollTimeoutMs,
    );
    expect(o.connection.advisedIntervalMs).toBe(200);
    await waitFor(() => s.holding(), 3_000, 'next connect held');
    const connects = s.counters.connects;
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // rate window: counts an absence of excess
    // Overflowed, faye's 1.2 × timeout request timer fires after 1 ms: hundreds of resends a second.
    expect(s.counters.connects - connects).toBeLessThanOrEqual(2);
    expect(o.connection.state).toBe('connected');
  });

  it('names no cookie or credential in what it reports about a hostile body', async () => {
    const { s, o } = await live();
    nextConnectGets(s, {
      body: '{"echo":"Cookie: JSESSIONID=s3cr3t-session; Authorization: Basic YWdlbnQxOmFnZW50MQ=="}',
    });
    await eventsFlowAgain(s, o);
    const text = JSON.stringify(o.errors);
    expect(text).toMatch(/non-Bayeux body/);
    expect(text).not.toMatch(/s3cr3t-session|YWdlbnQxOmFnZW50MQ/);
  });
});

describe('no hold-off after a reply that carried events, either batch order', () => {
  it.each(['events-first', 'connect-first'] as const)(
    '%s: the next connect goes out at once after an event-carrying instant reply',
    async (order) => {
      // A storm-guard interval of 10 s: any hold-off after an event would be unmissable.
      const { s, o } = await live({ order }, { throttleIntervalMs: 10_000 });
      for (let i = 0; i < 3; i++) {
        const connects = s.counters.connects;
        s.publish('/v2/me/calls', { marker: `toggle-${i}` });
        await waitFor(() => o.messages.length > i, 2_000, `event ${i}`);
        await waitFor(() => s.counters.connects > connects && s.holding(), 2_000, `connect after event ${i}`);
      }
      expect(o.connection.state).toBe('connected');
    },
  );
});

describe('storm guard, widened', () => {
  async function windowed(s: HostileBayeuxServer, ms = 1_000) {
    await new Promise((resolve) => setTimeout(resolve, 300)); // warm-up to a steady pace (not a condition)
    const before = { ...s.counters };
    await new Promise((resolve) => setTimeout(resolve, ms)); // rate window: counts an absence of excess
    return {
      connects: s.counters.connects - before.connects,
      handshakes: s.counters.handshakes - before.handshakes,
    };
  }

  it('unsuccessful connects advising retry with interval 0 do not drive a request storm', async () => {
    const { s, o } = await live();
    s.setConnectReply({ successful: false, error: '500::boom', advice: { reconnect: 'retry', interval: 0 } });
    s.publish('/v2/me/calls', { marker: 'release the held connect' });
    const rate = await windowed(s);
    // Unguarded this was ~300 requests per second.
    expect(rate.connects).toBeLessThanOrEqual(6);
    expect(rate.connects).toBeGreaterThan(0);
    s.setConnectReply(undefined);
    await eventsFlowAgain(s, o);
  });

  it('402::Unknown client advising handshake with interval 0 does not drive a handshake storm', async () => {
    const { s, o } = await live();
    s.setConnectReply({
      successful: false,
      error: '402::Unknown client',
      advice: { reconnect: 'handshake', interval: 0 },
    });
    s.publish('/v2/me/calls', { marker: 'release the held connect' });
    const livesBefore = o.lives();
    const rate = await windowed(s);
    // Unguarded: hundreds of handshakes per second, each a REST re-read and a new server-side client.
    expect(rate.handshakes).toBeLessThanOrEqual(4);
    expect(o.lives() - livesBefore).toBeLessThanOrEqual(6);
    s.setConnectReply(undefined);
    await eventsFlowAgain(s, o);
  });
});

describe('hostile websocket frames', () => {
  async function liveOnWebsocket(): Promise<{ s: HostileBayeuxServer; o: ObservedConnection }> {
    const s = await startHostileBayeuxServer({ holdMs: HOLD_MS, websocket: true });
    const o = observedConnection({ session: fakeSession(s.url), transport: 'websocket', timings: TIMINGS });
    server = s;
    observed = o;
    o.connection.start();
    await waitFor(
      () => o.connection.state === 'connected' && o.connection.activeTransport === 'websocket' && s.holding(),
      4_000,
      'live on a websocket',
      () => ({ state: o.connection.state, transport: o.connection.activeTransport }),
    );
    return { s, o };
  }

  it.each([
    ['[null]', '[null]'],
    ['null', 'null'],
    ['a message on channel "nope"', '[{"channel":"nope","data":{}}]'],
    ['an array nested 5,000 deep', deep(5_000)],
    ['a 2 MB frame (bound 1 MB)', `"${'x'.repeat(2 * 1024 * 1024)}"`],
  ])('%s: no crash, live again within seconds, events flow', async (_name, frame) => {
    const { s, o } = await liveOnWebsocket();
    const livesBefore = o.lives();
    s.sendFrame(frame);
    await waitFor(
      () => o.connection.state !== 'connected' || o.lives() > livesBefore,
      3_000,
      'frame noticed',
    );
    await waitFor(
      () => o.connection.state === 'connected' && s.holding() && s.openSockets() > 0,
      4_000,
      'live again',
      () => o.states,
    );
    s.publish('/v2/me/calls', { marker: 'after' });
    await waitFor(
      () => o.messages.some((m) => (m.data as { marker?: string }).marker === 'after'),
      3_000,
      'an event after the hostile frame',
    );
    expect(o.messages.some((m) => Array.isArray(m.data))).toBe(false);
  });
});
