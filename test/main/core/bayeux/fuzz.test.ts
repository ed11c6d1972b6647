/**
 * A seeded fuzz of raw Bayeux replies: 10,000 replies through the
 * reply gate and faye's own routing (no crash, nothing unsafe let through),
 * then a smaller number end to end over HTTP against the real client (no
 * crash, no event delivered that the server did not send on the channel, live
 * again afterwards).
 */

import { createRequire } from 'node:module';
import fc from 'fast-check';
import faye, { type Message } from 'faye';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ADVICE_BOUNDS, screenReplies } from '../../../../main/core/bayeux/message.ts';
import { fakeSession, observedConnection, type ObservedConnection } from '../../helpers/bayeux-client.ts';
import { startHostileBayeuxServer, type HostileBayeuxServer } from '../../helpers/hostile-bayeux-server.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const SEED = 20_261_202;
const channelOf = createRequire(import.meta.url)('faye/src/protocol/channel.js') as {
  isValid(name: string): boolean;
};

const channel = fc.oneof(
  fc.constantFrom('/meta/connect', '/meta/handshake', '/meta/subscribe', '/v2/me/calls', '/v2/me/*', '/**'),
  fc.constantFrom('nope', '', '/', '//x', '/meta/', '/v2/me/calls/', '/a b', '/ü'),
  fc.string({ maxLength: 12 }),
);
const number = fc.oneof(
  fc.integer({ min: -10, max: 100_000 }),
  fc.constantFrom(1e10, 1e308, -1e10, 2 ** 31, 0),
  fc.double(),
);
const advice = fc.record(
  {
    reconnect: fc.oneof(fc.constantFrom('retry', 'handshake', 'none', 'bogus'), fc.integer()),
    interval: fc.oneof(number, fc.string({ maxLength: 3 })),
    timeout: fc.oneof(number, fc.constant(null)),
  },
  { requiredKeys: [] },
);
/** Arrays nested 1, 33 (just over the bound) and 5,000 deep, built once. */
const DEEP = [1, 33, 5_000].map((depth) => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
});
const deepArray = fc.constantFrom(...DEEP);

/** Mostly well-formed messages, so the fuzz reaches faye's routing and not only the gate. */
const plausible = fc.record(
  {
    channel: fc.constantFrom('/meta/connect', '/meta/subscribe', '/v2/me/calls', '/v2/me/devices', '/x/y'),
    id: fc.string({ minLength: 1, maxLength: 4 }),
    successful: fc.boolean(),
    advice,
    data: fc.jsonValue({ maxDepth: 3 }),
  },
  { requiredKeys: ['channel', 'successful'] },
);
const message = fc.oneof(
  plausible,
  fc.record(
    {
      channel: fc.oneof(channel, fc.integer(), fc.constant(null)),
      id: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null)),
      clientId: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()),
      successful: fc.oneof(fc.boolean(), fc.constant('true'), fc.constant(null)),
      error: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
      subscription: fc.oneof(channel, fc.array(channel, { maxLength: 3 }), fc.integer()),
      advice: fc.oneof(advice, fc.string({ maxLength: 4 }), fc.constant(null)),
      ext: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })), fc.integer()),
      data: fc.oneof(
        { weight: 9, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
        { weight: 1, arbitrary: deepArray },
      ),
    },
    { requiredKeys: [] },
  ),
);
const reply = fc.oneof(
  { weight: 6, arbitrary: fc.array(message, { maxLength: 5 }) },
  { weight: 1, arbitrary: message },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: deepArray },
);

/** JSON text of any sample, deep arrays included (JSON.stringify overflows on those). */
function toJson(value: unknown): string {
  const depth = DEEP.indexOf(value);
  if (depth >= 0)
    return '['.repeat([1, 33, 5_000][depth] ?? 0) + '[]' + ']'.repeat([1, 33, 5_000][depth] ?? 0);
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Why an accepted message would be unsafe to route, or undefined. */
function unsafe(m: Message): string | undefined {
  if (!channelOf.isValid(m.channel)) return 'invalid channel';
  if (m.channel.startsWith('/meta/') && typeof m.successful !== 'boolean') return 'meta without successful';
  if (m.id !== undefined && typeof m.id !== 'string') return 'non-string id';
  const { timeout, interval } = m.advice ?? {};
  const { minTimeoutMs, maxTimeoutMs, maxIntervalMs } = DEFAULT_ADVICE_BOUNDS;
  if (timeout !== undefined && !(timeout === 0 || (timeout >= minTimeoutMs && timeout <= maxTimeoutMs))) {
    return 'timeout';
  }
  if (interval !== undefined && !(interval >= 0 && interval <= maxIntervalMs)) return 'interval';
  return undefined;
}

describe('seeded fuzz of raw Bayeux replies', () => {
  it('10,000 replies: the gate never throws, lets only safe messages through, and faye routes them without a crash', () => {
    // A real faye client that never goes on the network: DISCONNECTED, so advice cannot start a handshake.
    const client = new faye.Client('http://127.0.0.1:9/api/v2/notifications');
    client._state = 4;
    let accepted = 0;
    const problems: string[] = [];
    fc.assert(
      fc.property(reply, (raw) => {
        const result = screenReplies(raw);
        for (const m of result.messages) {
          const why = unsafe(m);
          if (why) problems.push(`${why}: ${JSON.stringify(m).slice(0, 200)}`);
          client._dispatcher.handleResponse(m);
          accepted += 1;
        }
        if (result.notBayeux !== (result.messages.length === 0)) problems.push('notBayeux flag wrong');
      }),
      { seed: SEED, numRuns: 10_000 },
    );
    expect(problems).toEqual([]);
    expect(accepted).toBeGreaterThan(100); // the fuzz reached faye's routing, not only the gate
  });
});

describe('fuzzed replies end to end over HTTP', () => {
  let server: HostileBayeuxServer | undefined;
  let observed: ObservedConnection | undefined;
  afterEach(async () => {
    await observed?.connection.stop();
    await server?.close();
  });

  it('40 fuzzed connect replies: no crash, only events the server sent on the channel, live again after', async () => {
    server = await startHostileBayeuxServer({ holdMs: 5_000 });
    const s = server;
    observed = observedConnection({
      session: fakeSession(s.url),
      timings: {
        holdMarginMs: 500,
        backoffMs: 20,
        maxBackoffMs: 100,
        throttleIntervalMs: 20,
        retrySec: 0.05,
      },
    });
    const o = observed;
    o.connection.start();
    await waitFor(() => o.connection.state === 'connected' && s.holding(), 3_000, 'connected');

    const sent: string[] = [];
    const samples = fc.sample(reply, { seed: SEED, numRuns: 40 });
    for (const raw of samples) {
      const body = toJson(raw);
      sent.push(body);
      s.queueRaw({ body });
    }
    s.publish('/v2/me/calls', { marker: 'start' });
    await waitFor(
      () => s.counters.connects >= samples.length + 2 && o.connection.state === 'connected' && s.holding(),
      25_000,
      'every fuzzed reply consumed, and live again',
      () => ({ connects: s.counters.connects, states: o.states.slice(-5), errors: o.errors.slice(-3) }),
    );
    s.publish('/v2/me/calls', { marker: 'end' });
    await waitFor(() => o.messages.some((m) => JSON.stringify(m.data) === '{"marker":"end"}'), 3_000, 'end');

    const all = sent.join('\n');
    for (const m of o.messages) {
      expect(m.channel).toBe('/v2/me/calls');
      const text = JSON.stringify(m.data);
      if (!/"marker":"(start|end)"/.test(text)) expect(all).toContain(text);
    }
  }, 40_000);
});
