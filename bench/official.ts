/**
 * (b) The official CometD JavaScript client (cometd 9 + cometd-nodejs-client 2)
 * doing the same POST → event cycle as our toggle: a PauseCallRecording (or
 * Resume) POST with got on a keep-alive socket, timed until the
 * CallRecordingStateChange arrives on its `/v2/me/calls` subscription.
 */

import { performance } from 'node:perf_hooks';
import { CometD, type Message } from 'cometd';
import { adapt } from 'cometd-nodejs-client';
import { got, type Got } from 'got';
import { CookieJar } from 'tough-cookie';
import { WebSocket } from 'ws';
import { stats, within, type LatencyStats } from './stats.ts';
import type { BenchTarget } from './targets.ts';

export interface OfficialResult {
  server: string;
  transport: 'long-polling' | 'websocket';
  cycle: LatencyStats;
}

/** Cookie header for the one official client running at a time (its websocket upgrade needs it). */
let upgradeCookie = '';
let adapted = false;

function ensureAdapted(): void {
  if (adapted) return;
  adapt({
    cookies: {
      retrieveCookies(
        context: unknown,
        uri: URL,
        callback: (failure: Error | null, cookies: string[]) => void,
      ) {
        const jar = (context as { jar?: CookieJar } | undefined)?.jar;
        if (!jar) return callback(null, []);
        jar.getCookieString(uri.href).then(
          (cookie) => callback(null, cookie ? [cookie] : []),
          (error: unknown) => callback(error as Error, []),
        );
      },
      storeCookie(_uri: URL, _header: string, callback: (failure: Error | null, cookie: unknown) => void) {
        callback(null, undefined);
      },
    },
  });
  // cometd-nodejs-client hands cometd the bare `ws` class, which sends no cookie on the upgrade;
  // GWS authenticates the upgrade by the session cookie, as a browser would send it.
  (globalThis as unknown as { window: { WebSocket: unknown } }).window.WebSocket = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: upgradeCookie } });
    }
  };
  adapted = true;
}

type Waiter = { id: string; state: string; resolve: (at: number) => void };

/** A signed-in official client with its own established call, ready to cycle. */
export interface OfficialSession {
  /** One POST → event cycle (pause when `i` is even, resume when odd); ms until the event arrived. */
  cycle(i: number): Promise<number>;
  close(): Promise<void>;
}

/** Signs `user` in, handshakes over `transport`, subscribes, and creates the user's call. */
export async function startOfficial(
  target: BenchTarget,
  transport: 'long-polling' | 'websocket',
  user = 'agent1',
): Promise<OfficialSession> {
  ensureAdapted();
  const jar = new CookieJar();
  let csrf: string | undefined;
  const http: Got = got.extend({
    prefixUrl: target.url,
    cookieJar: jar,
    retry: { limit: 0 },
    hooks: {
      afterResponse: [
        (res) => {
          const token = res.headers['x-csrf-token'];
          if (typeof token === 'string') csrf = token;
          return res;
        },
      ],
    },
  });
  await http.get('api/v2/me', {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}` },
  });
  upgradeCookie = await jar.getCookieString(target.url);

  const cometd = new CometD();
  if (transport === 'long-polling') cometd.unregisterTransport('websocket');
  Object.assign(cometd.findTransport('long-polling') ?? {}, { context: { jar } });
  cometd.configure({ url: `${target.url}/api/v2/notifications`, logLevel: 'warn', maxNetworkDelay: 10_000 });
  let waiter: Waiter | undefined;
  const handshake = await new Promise<Message>((resolve) => cometd.handshake((reply) => resolve(reply)));
  if (!handshake.successful)
    throw new Error(`official client handshake failed: ${JSON.stringify(handshake)}`);
  const actual = cometd.getTransport()?.type;
  if (actual !== transport) throw new Error(`official client runs ${actual}, not ${transport}`);
  await new Promise<void>((resolve, reject) =>
    cometd.subscribe(
      '/v2/me/calls',
      (message) => {
        const call = (message.data as { call?: { id?: string; recordingState?: string } } | undefined)?.call;
        if (waiter && call?.id === waiter.id && call.recordingState === waiter.state) {
          const done = waiter;
          waiter = undefined;
          done.resolve(performance.now());
        }
      },
      (reply) => (reply.successful ? resolve() : reject(new Error(JSON.stringify(reply)))),
    ),
  );
  const expectEvent = (id: string, state: string) =>
    within(new Promise<number>((resolve) => (waiter = { id, state, resolve })), 10_000, `official ${state}`);
  const id = await target.addEstablishedCall(user);
  return {
    async cycle(i) {
      const [operationName, state] =
        i % 2 === 0 ? ['PauseCallRecording', 'Paused'] : ['ResumeCallRecording', 'Recording'];
      const event = expectEvent(id, state);
      const start = performance.now();
      const res = await http
        .post(`api/v2/me/calls/${id}`, {
          json: { operationName },
          headers: csrf ? { 'x-csrf-token': csrf } : {},
        })
        .json<{ statusCode: number }>();
      if (res.statusCode !== 0) throw new Error(`${operationName} refused: ${JSON.stringify(res)}`);
      return (await event) - start;
    },
    async close() {
      await target.releaseCall(id);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        cometd.disconnect(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

/** Runs `cycles` POST → event cycles (alternately pause and resume) after 20 unmeasured ones. */
export async function runOfficial(
  target: BenchTarget,
  transport: 'long-polling' | 'websocket',
  cycles: number,
): Promise<OfficialResult> {
  const session = await startOfficial(target, transport);
  try {
    for (let i = 0; i < 20; i++) await session.cycle(i);
    const samples: number[] = [];
    for (let i = 0; i < cycles; i++) samples.push(await session.cycle(i));
    return { server: target.name, transport, cycle: stats(samples) };
  } finally {
    await session.close();
  }
}
