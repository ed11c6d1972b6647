/**
 * A second GWS test peer: **CometD's own Node server** (`cometd-nodejs-server`,
 * long-polling only, as real GWS runs CometD rather than faye) behind the
 * simulator's GWS REST model, on one loopback HTTP server.
 *
 * Why: faye's server and CometD's differ where clients get hurt — CometD writes
 * a long-poll reply's queued events **before** the `/meta/connect` reply (faye
 * after), sends advice only on the first connect reply, answers an unknown
 * client with `402::session_unknown` + `reconnect:"handshake", interval:0`.
 * Every Bayeux behaviour of the core can be tested against both servers.
 *
 * What it serves (shapes are the simulator's, i.e. ../shared/fixtures/gws-events):
 * - REST under `/api/v2` through the simulator's own route table: Basic sign-in on
 *   `GET /api/v2/me` issuing `JSESSIONID`, `GET /api/v2/me/calls|devices?fields=*`,
 *   `POST /api/v2/me` (Start/EndContactCenterSession), `POST /api/v2/me/calls/{id}`
 *   (PauseCallRecording, ResumeCallRecording, ... → statusCode 0, then the event);
 *   CSRF like the simulator's when `csrf: true` (default off).
 * - Bayeux at `/api/v2/notifications[/handshake|/connect|...]`: the handshake needs a
 *   live `JSESSIONID` (or Basic); CometD's browser cookie **is** `JSESSIONID`, so no
 *   extra cookie is needed (the official client in the tests stores none). Events go
 *   to the CometD sessions of the event's agent that subscribed to the channel (or a
 *   wildcard over it), only after the REST answer was written (gws-api.md §6.4).
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type {
  CometDServer,
  ServerMessage,
  ServerSession,
  createCometDServer as CreateCometDServer,
} from 'cometd-nodejs-server';
import type { AcknowledgedMessagesExtension as AckExtension } from 'cometd-nodejs-server/ack-extension.js';
import { authenticateBayeux, authenticateRest } from '../../simulator/http/auth.ts';
import { readJsonObject, sendJson, sendText } from '../../simulator/http/http-util.ts';
import { DEFAULT_HTTP_STATUS, parseSimulatorOptions, type AgentConfig } from '../../simulator/options.ts';
import {
  CSRF_FAILURE_TEXT,
  CSRF_HEADER_NAME,
  NOTIFICATIONS_PATH,
  SESSION_COOKIE,
  StatusCode,
} from '../../simulator/protocol.ts';
import { matchRestRoute, type RestDeps } from '../../simulator/api/rest-api.ts';
import { SessionStore } from '../../simulator/domain/sessions.ts';
import { World, type OperationResult, type PendingEvent } from '../../simulator/domain/world.ts';

// CommonJS modules whose exports an ESM import cannot see (an IIFE assigned to module.exports).
const require = createRequire(import.meta.url);
const { createCometDServer } = require('cometd-nodejs-server') as {
  createCometDServer: typeof CreateCometDServer;
};
const { AcknowledgedMessagesExtension } = require('cometd-nodejs-server/ack-extension.js') as {
  AcknowledgedMessagesExtension: typeof AckExtension;
};

/** Options of {@link startCometdGwsPeer}; every field is optional. */
export interface CometdGwsPeerOptions {
  /** CSRF on POST/PUT/DELETE as the simulator does it (default false). */
  csrf?: boolean;
  /** Long-poll hold of `/meta/connect`, ms (CometD's `timeout`; default 30 000). */
  timeoutMs?: number;
  /** `advice.interval` of connect replies, ms (CometD's `interval`; default 0). */
  intervalMs?: number;
  /** How long a client may be away before its session is swept, ms (CometD's `maxInterval`; default 10 000). */
  maxIntervalMs?: number;
  /**
   * CometD's `maxSessionsPerBrowser` (its own default is 1: a second concurrent
   * long-poll on one JSESSIONID gets `multiple-clients` advice). Default here -1
   * (unlimited), so a client's recovery is not slowed by CometD's multi-client rule
   * unless a test asks for it.
   */
  maxSessionsPerBrowser?: number;
  /** Install CometD's server-side `AcknowledgedMessagesExtension` (`ext.ack`). Default false. */
  ackExtension?: boolean;
  /** Agents (default: the simulator's agent1..3, password = user name). */
  agents?: AgentConfig[];
}

/** A `/meta/connect` failure armed with {@link CometdGwsPeer.failConnects}. */
export interface ConnectFault {
  /** Bayeux `error`, e.g. `402::session_unknown` (default `500::simulated failure`). */
  error?: string;
  /** Advice of the failed reply, e.g. `{ reconnect: 'retry', interval: 0 }`. */
  advice?: { reconnect?: 'retry' | 'handshake' | 'none'; interval?: number; timeout?: number };
  /** Also forget the client server-side (a true unknown client on the next request). */
  dropClient?: boolean;
}

/** Request counters; read them to assert rates (e.g. connects per second under a storm). */
export interface PeerCounters {
  /** `/meta/handshake` messages received (successful or not). */
  handshakes: number;
  /** `/meta/connect` messages received. */
  connects: number;
  /** `/meta/subscribe` messages received. */
  subscribes: number;
  /** REST POST/PUT/DELETE requests received under `/api/v2`. */
  restPosts: number;
  /** REST GET requests received under `/api/v2`. */
  restGets: number;
  /** Bayeux HTTP requests received. */
  bayeuxRequests: number;
  /** Bayeux HTTP responses actually written (parked ones count once {@link CometdGwsPeer.thaw} writes them). */
  bayeuxResponses: number;
}

/** A running peer, as {@link startCometdGwsPeer} resolves it. */
export interface CometdGwsPeer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:43121`. */
  readonly url: string;
  readonly port: number;
  /** The GWS model (agents, calls); shapes identical to the simulator's. */
  readonly world: World;
  /** The CometD server itself, for tests that need more than the knobs. */
  readonly cometd: CometDServer;
  /** Live counters (mutated in place). */
  readonly counters: PeerCounters;
  /** CometD sessions alive now (leak checks). */
  readonly liveClients: number;
  /** Bayeux requests and replies parked by {@link freeze}, not yet answered. */
  readonly parked: number;
  /**
   * An Established, recording call for `agent` (default agent1); resolves with
   * its id once its StatusChange event has been handed to the agent's clients.
   */
  addEstablishedCall(agent?: string): Promise<string>;
  /** Publishes events as the REST layer does (per agent and subscription). */
  publish(events: PendingEvent[]): void;
  /** The next `count` (default: every, until `failConnects(undefined)`) connects fail with `fault`. */
  failConnects(fault: ConnectFault | undefined, count?: number): void;
  /** Forgets every CometD client (their next request gets `402::session_unknown`); returns how many. */
  dropClients(): number;
  /** Kills every HTTP session of `agent` (all when omitted): handshakes on them are denied from now on. */
  expireSessions(agent?: string): number;
  /**
   * Stops answering Bayeux: requests are parked unprocessed and replies already
   * being written are held, until {@link thaw}. REST keeps answering.
   */
  freeze(): void;
  /** Processes and answers everything {@link freeze} parked. */
  thaw(): void;
  close(): Promise<void>;
}

/** True if a subscription `pattern` (Bayeux glob: trailing `*` one segment, `**` any depth) covers `channel`. */
export function channelMatches(pattern: string, channel: string): boolean {
  if (pattern === channel) return true;
  if (pattern.endsWith('/**')) return channel.startsWith(pattern.slice(0, -2));
  if (pattern.endsWith('/*')) {
    const prefix = pattern.slice(0, -1);
    return channel.startsWith(prefix) && !channel.slice(prefix.length).includes('/');
  }
  return false;
}

interface Binding {
  agent: string;
  httpSessionId: string | undefined;
}

const MUTATING = new Set(['POST', 'PUT', 'DELETE']);

/** What the peer's REST handler works on. */
interface RestContext {
  opts: ReturnType<typeof parseSimulatorOptions>;
  world: World;
  sessions: SessionStore;
  counters: PeerCounters;
  bayeux: ReturnType<typeof bindBayeux>;
  restDeps: RestDeps;
}

const httpStatusFor = (code: number): number => DEFAULT_HTTP_STATUS[code] ?? (code === 0 ? 200 : 500);

/** True (after answering 403) when CSRF is on and a mutating request lacks the session's token. */
function refuseCsrf(
  ctx: RestContext,
  req: IncomingMessage,
  res: ServerResponse,
  auth: { viaCookie: boolean; session: { csrfToken: string } },
): boolean {
  if (!ctx.opts.csrf || !MUTATING.has(req.method ?? 'GET')) return false;
  const token = req.headers[CSRF_HEADER_NAME.toLowerCase()];
  if (auth.viaCookie && token === auth.session.csrfToken) return false;
  sendText(res, 403, CSRF_FAILURE_TEXT);
  return true;
}

/** One `/api/v2` request: the simulator's own auth, CSRF and routes, events published on the next turn. */
async function handlePeerRest(
  ctx: RestContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (MUTATING.has(method)) ctx.counters.restPosts++;
  else ctx.counters.restGets++;
  const body = MUTATING.has(method)
    ? await readJsonObject(req, ctx.opts.maxBodyBytes)
    : { ok: true as const, value: {} };
  const auth = authenticateRest(req, ctx.world, ctx.sessions);
  if (!auth.ok) {
    sendJson(
      res,
      401,
      { statusCode: StatusCode.AccessDenied, statusMessage: 'Access denied' },
      { 'WWW-Authenticate': 'Basic realm="GWS"' },
    );
    return;
  }
  const headers: Record<string, string> = {};
  if (auth.setCookie) headers['Set-Cookie'] = auth.setCookie;
  if (ctx.opts.csrf && method === 'GET') {
    headers['X-CSRF-HEADER'] = CSRF_HEADER_NAME;
    headers['X-CSRF-TOKEN'] = auth.session.csrfToken;
  }
  if (refuseCsrf(ctx, req, res, auth)) return;
  const route = matchRestRoute(method, url.pathname);
  if (route.kind !== 'handler' || !body.ok) {
    const failure = body.ok
      ? { httpStatus: 404, statusCode: StatusCode.NotFound, statusMessage: `${url.pathname} not found` }
      : body.failure;
    const { httpStatus, ...rest } = failure;
    sendJson(res, httpStatus, rest, headers);
    return;
  }
  const result = route.run(
    { method, path: url.pathname, query: url.searchParams, body: body.value, session: auth.session },
    ctx.restDeps,
  );
  sendResult(res, result, headers, httpStatusFor, () =>
    setImmediate(() => {
      ctx.bayeux.publish(result.events);
      result.afterSend?.();
    }),
  );
}

/** The Bayeux side with a freeze switch: while frozen, requests and replies are parked until thawed. */
function createFreezableBayeux(cometd: CometDServer, counters: PeerCounters) {
  const frozen: Array<() => void> = [];
  let isFrozen = false;
  return {
    handle(req: IncomingMessage, res: ServerResponse): void {
      counters.bayeuxRequests++;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      const write = (args: unknown[]): ServerResponse => {
        counters.bayeuxResponses++;
        return end(...args);
      };
      res.end = ((...args: unknown[]) => {
        if (!isFrozen) return write(args);
        frozen.push(() => write(args));
        return res;
      }) as typeof res.end;
      if (isFrozen) frozen.push(() => cometd.handle(req, res));
      else cometd.handle(req, res);
    },
    get parked(): number {
      return frozen.length;
    },
    freeze(): void {
      isFrozen = true;
    },
    thaw(): void {
      isFrozen = false;
      for (const run of frozen.splice(0)) run();
    },
    /** Forgets what is parked, unanswered (closing). */
    discard(): void {
      isFrozen = false;
      frozen.length = 0;
    },
  };
}

/** Listens on an ephemeral loopback port; resolves with it. */
async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

const ZERO_COUNTERS: PeerCounters = {
  handshakes: 0,
  connects: 0,
  subscribes: 0,
  restPosts: 0,
  restGets: 0,
  bayeuxRequests: 0,
  bayeuxResponses: 0,
};

/** The peer's HTTP server: Bayeux to the (freezable) CometD server, `/api/v2` to the REST handler. */
function createPeerServer(rest: RestContext, stream: ReturnType<typeof createFreezableBayeux>): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer.invalid');
    const path = url.pathname;
    if (path === NOTIFICATIONS_PATH || path.startsWith(`${NOTIFICATIONS_PATH}/`)) {
      stream.handle(req, res);
      return;
    }
    if (!path.startsWith('/api/v2/')) {
      sendJson(res, 404, { statusCode: StatusCode.NotFound, statusMessage: `${path} not found` });
      return;
    }
    handlePeerRest(rest, req, res, url).catch((error: unknown) => {
      sendJson(res, 500, { statusCode: StatusCode.InternalError, statusMessage: String(error) });
    });
  });
}

/** Starts the peer on an ephemeral loopback port. */
export async function startCometdGwsPeer(options: CometdGwsPeerOptions = {}): Promise<CometdGwsPeer> {
  const opts = parseSimulatorOptions({
    csrf: options.csrf ?? false,
    ...(options.agents ? { agents: options.agents } : {}),
  });
  let baseUrl = '';
  const world = new World(opts, () => baseUrl);
  const sessions = new SessionStore();
  const counters: PeerCounters = { ...ZERO_COUNTERS };
  const cometd = createCometDServer({
    timeout: options.timeoutMs ?? 30_000,
    interval: options.intervalMs ?? 0,
    maxInterval: options.maxIntervalMs ?? 10_000,
    browserCookieName: SESSION_COOKIE,
    maxSessionsPerBrowser: options.maxSessionsPerBrowser ?? -1,
  });
  if (options.ackExtension) cometd.addExtension(new AcknowledgedMessagesExtension() as never);

  const bayeux = bindBayeux(cometd, world, sessions, counters);
  sessions.onInvalidate((dead) => bayeux.dropHttpSessions(new Set(dead.map((s) => s.id))));
  const restDeps: RestDeps = {
    world,
    baseUrl: () => baseUrl,
    invalidateSession: (id) => sessions.invalidate(id),
    scheduleRemoteAnswer: () => undefined,
  };
  const rest: RestContext = { opts, world, sessions, counters, bayeux, restDeps };
  const stream = createFreezableBayeux(cometd, counters);

  const server = createPeerServer(rest, stream);
  const port = await listenOnLoopback(server);
  baseUrl = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    world,
    cometd,
    counters,
    get liveClients() {
      return bayeux.liveClients();
    },
    get parked() {
      return stream.parked;
    },
    addEstablishedCall(agent = 'agent1') {
      const result = world.createCall({ agent, from: '15551230042', state: 'Established', recording: true });
      if (result.statusCode !== StatusCode.Ok) return Promise.reject(new Error(result.statusMessage));
      bayeux.publish(result.events);
      return Promise.resolve(String(result.body?.id));
    },
    publish: (events) => bayeux.publish(events),
    failConnects: (fault, count) => bayeux.failConnects(fault, count),
    dropClients: () => bayeux.dropAll(),
    expireSessions: (agent) => (agent === undefined ? sessions.clear() : sessions.invalidateAgent(agent)),
    freeze: () => stream.freeze(),
    thaw: () => stream.thaw(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        stream.discard();
        bayeux.dropAll();
        cometd.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** Writes a GWS result (statusCode 0 + body, or the error with its HTTP status), then runs `onSent`. */
function sendResult(
  res: ServerResponse,
  result: OperationResult,
  headers: Record<string, string>,
  httpStatusFor: (code: number) => number,
  onSent: () => void,
): void {
  if (result.statusCode !== StatusCode.Ok) {
    const body = { statusCode: result.statusCode, statusMessage: result.statusMessage ?? '' };
    sendJson(res, httpStatusFor(result.statusCode), body, headers, onSent);
    return;
  }
  sendJson(res, 200, { statusCode: 0, ...result.body }, headers, onSent);
}

/**
 * Wires CometD's server to GWS: handshake policy (live HTTP session or Basic),
 * per-agent bindings, per-subscription delivery, connect faults, counters.
 */
function bindBayeux(cometd: CometDServer, world: World, sessions: SessionStore, counters: PeerCounters) {
  const pending = new WeakMap<ServerSession, Binding>();
  const bindings = new Map<ServerSession, Binding>();
  const failedReplies = new WeakSet<object>();
  let fault: ConnectFault | undefined;
  let faultsLeft = Number.POSITIVE_INFINITY;

  cometd.policy = {
    canHandshake(session, _message, callback) {
      const request = (cometd.context as { request?: IncomingMessage }).request;
      const auth = request ? authenticateBayeux(request, world, sessions) : undefined;
      if (auth) pending.set(session, { agent: auth.agent, httpSessionId: auth.session?.id });
      callback(undefined, auth !== undefined);
    },
    canSubscribe(_session, _message, channel, callback) {
      const name = channel.name;
      callback(undefined, !name.startsWith('/meta/') && !name.startsWith('/service/'));
    },
  };
  cometd.addListener('sessionAdded', (session: ServerSession) => {
    const binding = pending.get(session);
    if (binding) bindings.set(session, binding);
  });
  cometd.addListener('sessionRemoved', (session: ServerSession) => bindings.delete(session));
  cometd.addExtension({
    incoming(_server, session, message: ServerMessage, callback) {
      if (message.channel !== '/meta/connect') return callback(undefined, true);
      if (!fault || faultsLeft <= 0) return callback(undefined, true);
      faultsLeft--;
      const reply = (message as { reply?: object }).reply;
      if (reply) failedReplies.add(reply);
      if (fault.dropClient) session.disconnect();
      // false: CometD answers at once, unsuccessful, without holding the poll.
      callback(undefined, false);
    },
    outgoing(_server, _sender, _session, message: ServerMessage, callback) {
      // Every reply passes here, those to unknown clients (402) included; deliveries are never meta.
      if (message.channel === '/meta/handshake') counters.handshakes++;
      else if (message.channel === '/meta/connect') counters.connects++;
      else if (message.channel === '/meta/subscribe') counters.subscribes++;
      if (failedReplies.has(message) && fault) {
        message.successful = false;
        message.error = fault.error ?? '500::simulated failure';
        message.advice = { ...fault.advice };
      }
      callback(undefined, true);
    },
  });

  return {
    liveClients: () => bindings.size,
    publish(events: PendingEvent[]): void {
      for (const event of events) {
        for (const [session, binding] of bindings) {
          if (binding.agent !== event.agent) continue;
          if (!session.subscriptions.some((c) => channelMatches(c.name, event.channel))) continue;
          session.deliver(null, event.channel, event.data);
        }
      }
    },
    failConnects(next: ConnectFault | undefined, count?: number): void {
      fault = next;
      faultsLeft = count ?? Number.POSITIVE_INFINITY;
    },
    dropHttpSessions(ids: Set<string>): void {
      for (const [session, binding] of [...bindings]) {
        if (binding.httpSessionId !== undefined && ids.has(binding.httpSessionId)) session.disconnect();
      }
    },
    dropAll(): number {
      const all = [...bindings.keys()];
      for (const session of all) session.disconnect();
      return all.length;
    },
  };
}
