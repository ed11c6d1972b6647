/**
 * Test helpers that talk to a real simulator over loopback: a got client per
 * agent with a real cookie jar, and a real faye Bayeux client.
 */

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import got, { type Got, type Response } from 'got';
import { CookieJar } from 'tough-cookie';
import { afterEach } from 'vitest';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorExtras,
  type SimulatorOptionsInput,
} from '../../simulator/index.ts';
import { waitFor } from '../main/helpers/wait-for.ts';

/** The project's own copies of the documented GWS fixtures (test/fixtures/gws-events). */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/gws-events/', import.meta.url));

const running: RunningSimulator[] = [];
const fayeClients: FayeClient[] = [];

afterEach(async () => {
  for (const client of fayeClients.splice(0)) client.disconnect();
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

/** Starts a simulator that is closed after the test; short long-polls keep tests quick. */
export async function startSim(
  options: SimulatorOptionsInput = {},
  extras: SimulatorExtras = {},
): Promise<RunningSimulator> {
  const sim = await startSimulator({ bayeuxTimeoutSec: 2, ...options }, extras);
  running.push(sim);
  return sim;
}

export function basic(user: string, password = user): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A REST client for one agent: cookie jar, cached CSRF token, no exceptions on HTTP errors. */
export class RestAgent {
  readonly jar = new CookieJar();
  readonly http: Got;
  csrfToken: string | undefined;

  constructor(
    readonly sim: RunningSimulator,
    readonly user = 'agent1',
    readonly password = user,
  ) {
    this.http = got.extend({
      prefixUrl: sim.url,
      cookieJar: this.jar,
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: 10_000 },
      hooks: {
        afterResponse: [
          (response) => {
            const token = response.headers['x-csrf-token'];
            if (typeof token === 'string') this.csrfToken = token;
            return response;
          },
        ],
      },
    });
  }

  /** `GET /api/v2/me` with Basic: opens the session and caches the CSRF token. */
  async login(): Promise<Response<string>> {
    return this.http.get('api/v2/me', { headers: { authorization: basic(this.user, this.password) } });
  }

  get(path: string): Promise<Response<string>> {
    return this.http.get(path.replace(/^\//, ''));
  }

  /** POST JSON with the session cookie and the cached CSRF token. */
  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response<string>> {
    return this.http.post(path.replace(/^\//, ''), {
      json: body,
      headers: { ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}), ...headers },
    });
  }

  /** Signs in and starts the contact-center session, as a desktop does. */
  async signIn(): Promise<void> {
    const me = await this.login();
    if (me.statusCode !== 200) throw new Error(`login failed: ${me.statusCode} ${me.body}`);
    const start = await this.post('api/v2/me', {
      operationName: 'StartContactCenterSession',
      channels: ['voice'],
    });
    if (start.statusCode !== 200) throw new Error(`start failed: ${start.statusCode} ${start.body}`);
  }

  async calls(): Promise<Array<Record<string, unknown>>> {
    const res = await this.get('api/v2/me/calls?fields=*');
    return (JSON.parse(res.body) as { calls: Array<Record<string, unknown>> }).calls;
  }
}

export function json(res: Response<string>): Record<string, unknown> {
  return JSON.parse(res.body) as Record<string, unknown>;
}

/** Calls the `/sim` control API. */
export async function control(
  sim: RunningSimulator,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await got(`${sim.url}${path}`, {
    method,
    ...(body === undefined ? {} : { json: body }),
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return { httpStatus: res.statusCode, ...(JSON.parse(res.body) as Record<string, unknown>) };
}

/** Creates a call through the control API and returns its id. */
export async function createCall(
  sim: RunningSimulator,
  body: { agent?: string; from?: string; state?: 'Ringing' | 'Established'; recording?: boolean } = {},
): Promise<string> {
  const res = await control(sim, 'POST', '/sim/calls', {
    agent: 'agent1',
    from: '15551230042',
    state: 'Established',
    ...body,
  });
  if (res.statusCode !== 0) throw new Error(`createCall failed: ${JSON.stringify(res)}`);
  return String(res.id);
}

// ---- Bayeux (faye's Node client) ----

const require = createRequire(import.meta.url);

export interface BayeuxMessage {
  messageType?: string;
  notificationType?: string;
  call?: Record<string, unknown>;
  devices?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

interface FayeSubscription {
  then(ok: () => void, fail: (error: unknown) => void): void;
  withChannel(listener: (channel: string, message: BayeuxMessage) => void): FayeSubscription;
}
/** The parts of faye's client API the tests use. */
export interface FayeClient {
  setHeader(name: string, value: string): void;
  subscribe(channel: string): FayeSubscription;
  disconnect(): void;
  bind(event: string, listener: (...args: unknown[]) => void): void;
  addExtension(extension: {
    incoming?: (message: Record<string, unknown>, callback: (m: Record<string, unknown>) => void) => void;
    outgoing?: (message: Record<string, unknown>, callback: (m: Record<string, unknown>) => void) => void;
  }): void;
}
interface FayeModule {
  Client: new (url: string, options?: Record<string, unknown>) => FayeClient;
}

/** A faye client on the simulator's notifications endpoint (closed after the test). */
export function fayeClient(sim: RunningSimulator, headers: Record<string, string>): FayeClient {
  const faye = require('faye') as FayeModule;
  const client = new faye.Client(`${sim.url}/api/v2/notifications`, { timeout: 5, retry: 1 });
  for (const [name, value] of Object.entries(headers)) client.setHeader(name, value);
  fayeClients.push(client);
  return client;
}

/** Collects messages of one subscription and waits for the ones a test expects. */
export class Inbox {
  readonly messages: Array<{ channel: string; data: BayeuxMessage }> = [];
  private waiters: Array<() => void> = [];

  push(channel: string, data: BayeuxMessage): void {
    this.messages.push({ channel, data });
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves with the first message (from index `since`) matching `predicate`, or rejects after `timeoutMs`. */
  async waitFor(
    predicate: (data: BayeuxMessage, channel: string) => boolean,
    timeoutMs = 5_000,
    since = 0,
  ): Promise<BayeuxMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.messages.slice(since).find((m) => predicate(m.data, m.channel));
      if (hit) return hit.data;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching Bayeux message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((m) => m.data.notificationType ?? m.data.messageType))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Subscribes and resolves once the server confirmed the subscription. */
export async function subscribe(client: FayeClient, channel: string, inbox = new Inbox()): Promise<Inbox> {
  await new Promise<void>((resolve, reject) => {
    client
      .subscribe(channel)
      .withChannel((actual, data) => inbox.push(actual, data))
      .then(resolve, reject);
  });
  return inbox;
}

/** Waits until `predicate` holds (the shared {@link waitFor}); for state that has no event to wait on. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  await waitFor(predicate, timeoutMs, what);
}

/** A signed-in agent1 with a live Bayeux subscription: the usual start of a notification test. */
export async function signedInWithInbox(channel = '/v2/me/calls', options: SimulatorOptionsInput = {}) {
  const sim = await startSim(options);
  const agent = new RestAgent(sim);
  await agent.signIn();
  const client = fayeClient(sim, { Authorization: basic('agent1') });
  const inbox = await subscribe(client, channel);
  return { sim, agent, client, inbox };
}

/** As `signedInWithInbox`, plus an Established, recording call whose first event has arrived. */
export async function signedInWithCall(options: SimulatorOptionsInput = {}) {
  const setup = await signedInWithInbox('/v2/me/calls', options);
  const id = await createCall(setup.sim, { recording: true });
  await setup.inbox.waitFor((m) => m.call?.id === id);
  return { ...setup, id };
}
