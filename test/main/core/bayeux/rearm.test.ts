/**
 * After a long-poll reply that carried events, the next
 * `/meta/connect` leaves without faye's two timer hops (`_cycleConnection`'s
 * `setTimeout(interval)` and the transport's 0 ms batching timer). The
 * mechanism is asserted by ordering, not by time: a 0 ms timer queued when the
 * event is delivered must fire only after the next connect's bytes were handed
 * to Node's HTTP client. Before the fix the connect went out behind two such
 * timers, so the earlier one always fired first. The storm guard's floors must
 * still hold.
 */

import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileBayeuxServer, type HostileBayeuxServer } from '../../helpers/hostile-bayeux-server.ts';
import { fakeSession, observedConnection, type ObservedConnection } from '../../helpers/bayeux-client.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import {
  checkFayeInternals,
  loadFayeModules,
  missingFayeMembers,
} from '../../../../main/core/bayeux/faye-adapter.ts';

const HOLD_MS = 10_000;
const TIMINGS = { holdMarginMs: 1_000, backoffMs: 100, maxBackoffMs: 500, maxReplyBytes: 1024 * 1024 };

let server: HostileBayeuxServer | undefined;
let observed: ObservedConnection | undefined;
const originalRequest = http.request;
afterEach(async () => {
  http.request = originalRequest;
  await observed?.connection.stop();
  await server?.close();
  server = observed = undefined;
});

/** Records, in order, each `/meta/connect` body faye hands to `http.request` (faye calls it on the `http` module). */
function recordConnectsSent(log: string[]): void {
  http.request = ((...args: Parameters<typeof originalRequest>) => {
    const request = originalRequest(...args);
    const end = request.end.bind(request) as (...a: unknown[]) => http.ClientRequest;
    request.end = ((...endArgs: unknown[]) => {
      const body = endArgs[0];
      if ((Buffer.isBuffer(body) || typeof body === 'string') && String(body).includes('"/meta/connect"')) {
        log.push('connect sent');
      }
      return end(...endArgs);
    }) as typeof request.end;
    return request;
  }) as typeof http.request;
}

describe('the next /meta/connect after an event-carrying reply', () => {
  it.each(['events-first', 'connect-first'] as const)(
    '%s: goes out before a 0 ms timer queued at the event fires',
    async (order) => {
      const log: string[] = [];
      const s = await startHostileBayeuxServer({ holdMs: HOLD_MS, order });
      const o = observedConnection({
        session: fakeSession(s.url),
        timings: TIMINGS,
        onMessage: (_channel, data) => {
          log.push(`event ${(data as { marker: string }).marker}`);
          setTimeout(() => log.push('0 ms timer'), 0);
        },
      });
      server = s;
      observed = o;
      recordConnectsSent(log);
      o.connection.start();
      await waitFor(() => o.connection.state === 'connected' && s.holding(), 3_000, 'live');
      for (let i = 0; i < 3; i++) {
        log.length = 0;
        const connects = s.counters.connects;
        s.publish('/v2/me/calls', { marker: `toggle-${i}` });
        await waitFor(() => log.includes('0 ms timer'), 2_000, `event ${i} and its timer`);
        await waitFor(() => s.counters.connects > connects && s.holding(), 2_000, `connect after ${i}`);
        // Unfixed: ['event toggle-i', '0 ms timer', 'connect sent'].
        expect(log).toEqual([`event toggle-${i}`, 'connect sent', '0 ms timer']);
      }
    },
  );
});

describe('the storm guard still floors what the fast re-arm would loop on', () => {
  async function connectsPerSecond(s: HostileBayeuxServer): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 300)); // warm-up to a steady pace (not a condition)
    const before = s.counters.connects;
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // rate window: counts an absence of excess
    return s.counters.connects - before;
  }

  it('successful connects answered at once without events (interval 0) stay at the pacer floor', async () => {
    const s = await startHostileBayeuxServer({ holdMs: HOLD_MS });
    const o = observedConnection({ session: fakeSession(s.url), timings: TIMINGS });
    server = s;
    observed = o;
    o.connection.start();
    await waitFor(() => o.connection.state === 'connected' && s.holding(), 3_000, 'live');
    // Answered at once: an instant, empty, successful reply advising interval 0.
    s.setConnectReply({ successful: true, advice: { reconnect: 'retry', interval: 0 } });
    s.publish('/v2/me/calls', { marker: 'release the held connect' });
    const rate = await connectsPerSecond(s);
    // The default floor is 250 ms: about 4 a second. Unfloored: hundreds.
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThanOrEqual(6);
    expect(o.connection.state).toBe('connected');
  });
});

describe('faye internals of the re-arm fast path', () => {
  it('are checked at start: a faye without them fails loudly, naming them', () => {
    const modules = loadFayeModules();
    expect(missingFayeMembers(modules)).toEqual([]);
    const { _flush: _drop, ...transport } = modules.Transport.prototype;
    const broken = { ...modules, Transport: { prototype: transport } };
    expect(() => checkFayeInternals(broken)).toThrow(/Transport\.prototype\._flush/);
  });
});
