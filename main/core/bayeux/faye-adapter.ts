/**
 * The one place that touches faye 1.4.3's private members. faye's public API
 * cannot share our cookie jar, bound a reply's size, screen replies before
 * they are routed, or tear a wedged client down; these need its internals.
 * {@link checkFayeInternals} verifies every one of them when the first client
 * is built, so a faye upgrade fails loudly at start (naming what moved)
 * instead of during a recovery at 3 a.m.
 */

import { createRequire } from 'node:module';
import type { IncomingMessage } from 'node:http';
import faye, { type Client, type CookieStoreLike, type Extension, type Message } from 'faye';

const requireCjs = createRequire(import.meta.url);

/** faye's client states we read or set (protocol/client.js CONNECTED / DISCONNECTED). */
const FayeState = { Connected: 3, Disconnected: 4 } as const;

/** Where our per-client hooks hang on a faye Dispatcher. */
const GUARD = Symbol('gws-reply-guard');

/** Set on a faye Dispatcher while the re-arm fast path sends a connect to be flushed at once. */
const FLUSH_CONNECT = Symbol('gws-flush-connect');

/** faye's transport classes and helpers we patch or call (all private). */
export interface FayeModules {
  Transport: { prototype: Record<string, unknown> };
  NodeHttp: { prototype: Record<string, unknown> };
  WebSocket: { prototype: Record<string, unknown>; getSocketUrl?: unknown };
  wsFactory: { create?: unknown };
  Client: { prototype: Record<string, unknown> };
}

/** Loads faye's internal modules from the installed package. */
export function loadFayeModules(): FayeModules {
  return {
    Transport: requireCjs('faye/src/transport/transport.js') as FayeModules['Transport'],
    NodeHttp: requireCjs('faye/src/transport/node_http.js') as FayeModules['NodeHttp'],
    WebSocket: requireCjs('faye/src/transport/web_socket.js') as FayeModules['WebSocket'],
    wsFactory: requireCjs('faye/src/util/websocket/node_websocket.js') as FayeModules['wsFactory'],
    Client: faye.Client as unknown as FayeModules['Client'],
  };
}

/** Every private faye member this adapter relies on, as `Module.prototype.member`. */
const REQUIRED: readonly [keyof FayeModules, 'prototype' | 'static', string][] = [
  ['Transport', 'prototype', '_findProxy'],
  ['Transport', 'prototype', '_receive'],
  ['Transport', 'prototype', '_handleError'],
  ['Transport', 'prototype', '_getCookies'],
  ['Transport', 'prototype', '_storeCookies'],
  ['Transport', 'prototype', 'removeAllTimeouts'],
  ['Transport', 'prototype', 'sendMessage'],
  ['Transport', 'prototype', '_flush'],
  ['Transport', 'prototype', 'removeTimeout'],
  ['NodeHttp', 'prototype', '_handleResponse'],
  ['WebSocket', 'prototype', '_createSocket'],
  ['WebSocket', 'static', 'getSocketUrl'],
  ['wsFactory', 'static', 'create'],
  ['Client', 'prototype', '_receiveMessage'],
  ['Client', 'prototype', '_handleAdvice'],
  ['Client', 'prototype', '_cycleConnection'],
  ['Client', 'prototype', 'connect'],
];

/**
 * The private faye members missing from `modules` (empty when faye is the
 * version this adapter was written for). Exposed for the test that proves an
 * upgrade is caught.
 */
export function missingFayeMembers(modules: FayeModules): string[] {
  return REQUIRED.filter(([module, where, member]) => {
    const owner = modules[module] as { prototype?: Record<string, unknown> } | undefined;
    const target = where === 'prototype' ? owner?.prototype : owner;
    return typeof (target as Record<string, unknown> | undefined)?.[member] !== 'function';
  }).map(([module, where, member]) =>
    where === 'prototype' ? `${module}.prototype.${member}` : `${module}.${member}`,
  );
}

/** Throws an Error naming every missing private member (the message says which faye this needs). */
export function checkFayeInternals(modules: FayeModules = loadFayeModules()): void {
  const missing = missingFayeMembers(modules);
  if (missing.length > 0) {
    throw new Error(
      `faye internals changed (the Bayeux client needs faye 1.4.3): missing ${missing.join(', ')}`,
    );
  }
}

/** Per-client hooks the patched transports call. */
interface ReplyGuard {
  maxReplyBytes: number;
  upgradeTimeoutMs: number;
  /** Websockets of this client, open or opening. */
  sockets: Set<WsSocket>;
  /** The messages faye may route, or `undefined` when the reply was refused (already reported). */
  screen(raw: unknown): Message[] | undefined;
  onOversize(bytes: number): void;
}

interface TransportLike {
  _dispatcher: Record<string | symbol, unknown> & {
    headers: Record<string, string>;
    tls: unknown;
    wsExtensions: unknown;
  };
  endpoint: unknown;
  _proxy: unknown;
  _pending?: { remove(item: unknown): unknown };
  _receive(replies: Message[]): void;
  _handleError(messages: unknown, immediate?: boolean): void;
  _getCookies(): string;
  batching?: boolean;
  _flush(): void;
  _requestPromise?: unknown;
}

/** The faye client members the re-arm fast path reads (protocol/client.js). */
interface ClientLike {
  _dispatcher: Record<string | symbol, unknown>;
  _state: number;
  _advice: { reconnect?: string; interval?: number };
  _connectRequest: unknown;
  connect(): void;
}

let patched = false;

/**
 * Installs the transport patches once. Each patch only changes clients built
 * by this adapter (those with a guard); any other faye client in the process
 * (the simulator's server, tests) keeps faye's own behaviour.
 */
function installPatches(modules: FayeModules): void {
  if (patched) return;
  checkFayeInternals(modules);
  patched = true;
  // One proxy rule for REST and Bayeux: faye reads http_proxy/https_proxy when no
  // proxy is given, which sent Bayeux (and the session cookie) to a proxy REST never used.
  modules.Transport.prototype._findProxy = () => undefined;

  const originalHandle = modules.NodeHttp.prototype._handleResponse as (
    m: unknown,
    r: IncomingMessage,
  ) => void;
  modules.NodeHttp.prototype._handleResponse = function (
    this: TransportLike,
    messages: unknown,
    response: IncomingMessage,
  ) {
    const guard = this._dispatcher[GUARD] as ReplyGuard | undefined;
    if (!guard) return originalHandle.call(this, messages, response);
    readBounded(response, guard, (body) => {
      if (body === undefined) return this._handleError(messages);
      let raw: unknown;
      try {
        raw = JSON.parse(body);
      } catch {
        return this._handleError(messages); // an HTML page, a cut body: faye retries
      }
      const accepted = guard.screen(raw);
      if (!accepted) return;
      this._receive(accepted);
      // Whatever this request carried and got no reply (dropped, or never sent back)
      // is retried now rather than after faye's 1.2 × timeout; answered ones are no-ops.
      this._handleError(messages);
    });
  };

  patchConnectRearm(modules);

  const originalCreate = modules.WebSocket.prototype._createSocket as () => unknown;
  const getSocketUrl = (modules.WebSocket.getSocketUrl as (endpoint: unknown) => string).bind(
    modules.WebSocket,
  );
  const create = modules.wsFactory.create as (url: string, protocols: string[], options: object) => WsSocket;
  modules.WebSocket.prototype._createSocket = function (this: TransportLike) {
    const guard = this._dispatcher[GUARD] as ReplyGuard | undefined;
    if (!guard) return originalCreate.call(this);
    // A copy of the headers: faye writes the Cookie header into the dispatcher's own object.
    const headers: Record<string, string> = { ...this._dispatcher.headers };
    const cookie = this._getCookies();
    if (cookie !== '') headers.Cookie = cookie;
    let socket: WsSocket;
    try {
      socket = create(getSocketUrl(this.endpoint), [], {
        extensions: this._dispatcher.wsExtensions,
        headers,
        proxy: this._proxy,
        tls: this._dispatcher.tls,
        maxLength: guard.maxReplyBytes,
      });
    } catch {
      return undefined; // faye falls back to the next connection type
    }
    screenWebSocket(socket, this, guard);
    // An upgrade a proxy swallows never opens nor fails: give up on it, so faye moves on
    // to long-polling and no half-open socket outlives the client.
    const opened = { done: false };
    const timer = setTimeout(() => {
      if (!opened.done) closeSocket(socket);
    }, guard.upgradeTimeoutMs);
    timer.unref();
    socket.on?.('open', () => {
      opened.done = true;
      clearTimeout(timer);
    });
    socket.on?.('close', () => clearTimeout(timer));
    guard.sockets.add(socket);
    socket.on?.('close', () => guard.sockets.delete(socket));
    return socket;
  };
}

/**
 * Sends the next `/meta/connect` without faye's two timer hops when nothing
 * asks to wait: faye re-arms through `setTimeout(advice.interval)` in
 * `Client._cycleConnection` and then a 0 ms batching timer in
 * `Transport._publish`; an event published right after a reply waited for a
 * connect sent behind both. With `advice.interval` 0 (the server's, and the
 * storm guard's pacer added no floor: its floors land in that same advice) a
 * guarded client connects at once. Only called from faye's connect callback,
 * which our connection runs after the whole reply batch was read (see
 * `BayeuxConnection`), so the pacer has already decided. Only that re-armed
 * connect is flushed at once: the first connect after a handshake must keep
 * waiting for the subscribes faye queues right after it, so that the batch asks
 * for `timeout: 0` (faye's rule) and is answered at once.
 */
function patchConnectRearm(modules: FayeModules): void {
  const originalCycle = modules.Client.prototype._cycleConnection as () => void;
  modules.Client.prototype._cycleConnection = function (this: ClientLike) {
    const guarded = this._dispatcher[GUARD] !== undefined;
    if (
      !guarded ||
      this._state !== FayeState.Connected ||
      this._advice.reconnect !== 'retry' ||
      (this._advice.interval ?? 0) !== 0
    ) {
      return originalCycle.call(this);
    }
    this._connectRequest = null;
    // Our extensions pass messages on synchronously, so the connect reaches the transport inside this call.
    this._dispatcher[FLUSH_CONNECT] = true;
    try {
      this.connect();
    } finally {
      this._dispatcher[FLUSH_CONNECT] = false;
    }
  };

  const originalSend = modules.Transport.prototype.sendMessage as (message: Message) => unknown;
  modules.Transport.prototype.sendMessage = function (this: TransportLike, message: Message) {
    const promise = originalSend.call(this, message);
    if (this._dispatcher[FLUSH_CONNECT] === true && this.batching && message.channel === '/meta/connect') {
      // What faye's 0 ms 'publish' timer would do: send the batch, forget its promise.
      this._flush();
      delete this._requestPromise;
    }
    return promise;
  };
}

interface WsSocket {
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
  on?(event: 'open' | 'close', listener: () => void): void;
  /** faye-websocket's TCP stream (private there); destroyed when a socket must go now. */
  _stream?: { destroy?(): void };
}

/** Closes a websocket for good, even one still upgrading. */
function closeSocket(socket: WsSocket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
  socket._stream?.destroy?.();
}

/**
 * Replaces faye's websocket message handler (which dereferences every reply
 * without a check: a `null` in a frame crashes the process) by one that
 * screens first, while faye keeps attaching and detaching it as it does.
 */
function screenWebSocket(socket: WsSocket, transport: TransportLike, guard: ReplyGuard): void {
  let attached = false;
  const handler = (event: { data: unknown }): void => {
    if (typeof event.data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(event.data);
    } catch {
      return;
    }
    const accepted = guard.screen(raw);
    if (!accepted) return;
    for (const reply of accepted) if (reply.successful !== undefined) transport._pending?.remove(reply);
    transport._receive(accepted);
  };
  Object.defineProperty(socket, 'onmessage', {
    configurable: true,
    get: () => (attached ? handler : null),
    set: (fn: unknown) => {
      attached = typeof fn === 'function';
    },
  });
}

/** Reads a long-poll reply body up to `guard.maxReplyBytes`; `undefined` when cut off. */
function readBounded(
  response: IncomingMessage,
  guard: ReplyGuard,
  done: (body: string | undefined) => void,
): void {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > guard.maxReplyBytes) {
    response.destroy();
    guard.onOversize(declared);
    return done(undefined);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  response.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > guard.maxReplyBytes) {
      over = true;
      chunks.length = 0;
      response.destroy();
      guard.onOversize(size);
      done(undefined);
      return;
    }
    chunks.push(chunk);
  });
  response.on('end', () => {
    if (!over) done(Buffer.concat(chunks).toString('utf8'));
  });
  response.on('error', () => undefined);
}

/** Options of {@link FayeClientAdapter}. */
export interface FayeClientOptions {
  endpoint: string;
  /** faye's per-message retry interval, seconds. */
  retrySec: number;
  /** Poll timeout until the server advises one, seconds. */
  timeoutSec: number;
  proxyUrl: string | undefined;
  tls: { ca: string[] | undefined };
  /** The cookie store every request and every websocket upgrade reads and writes. */
  cookies: CookieStoreLike;
  origin: string | undefined;
  /** Offer the websocket transport (faye falls back to long-polling when the upgrade fails). */
  websocket: boolean;
  /** Largest reply (long-poll body or websocket message) accepted, in bytes. */
  maxReplyBytes: number;
  /** A websocket upgrade not open by then is abandoned (a proxy that swallows it). */
  upgradeTimeoutMs: number;
  /** Screens every parsed reply before faye routes it (see {@link ReplyGuard.screen}). */
  screen(raw: unknown): Message[] | undefined;
  /** A reply over `maxReplyBytes` was cut off; faye retries the request. */
  onOversize(bytes: number): void;
}

/**
 * One faye client, with our reply guard in front of its routing and the
 * private-member operations the connection needs as plain methods.
 */
export class FayeClientAdapter {
  readonly #client: Client;
  readonly #guard: ReplyGuard;

  constructor(options: FayeClientOptions, modules: FayeModules = loadFayeModules()) {
    installPatches(modules);
    const client = new faye.Client(options.endpoint, {
      retry: options.retrySec,
      timeout: options.timeoutSec,
      ...(options.proxyUrl ? { proxy: { origin: options.proxyUrl } } : {}),
      tls: { rejectUnauthorized: true, ...(options.tls.ca ? { ca: options.tls.ca } : {}) },
    });
    const dispatcher = client._dispatcher as unknown as Record<symbol, unknown> & typeof client._dispatcher;
    if (!(dispatcher._envelopes instanceof Map) || typeof dispatcher.handleResponse !== 'function') {
      throw new Error(
        'faye internals changed (the Bayeux client needs faye 1.4.3): missing Dispatcher._envelopes',
      );
    }
    const guard: ReplyGuard = {
      maxReplyBytes: options.maxReplyBytes,
      upgradeTimeoutMs: options.upgradeTimeoutMs,
      sockets: new Set(),
      screen: options.screen,
      onOversize: options.onOversize,
    };
    dispatcher[GUARD] = guard;
    dispatcher.cookies = options.cookies;
    if (options.origin !== undefined) client.setHeader('Origin', options.origin);
    if (!options.websocket) client.disable('websocket');
    this.#client = client;
    this.#guard = guard;
  }

  /** Adds a faye extension (incoming/outgoing hooks). */
  addExtension(extension: Extension): void {
    this.#client.addExtension(extension);
  }

  /** Subscribes; faye re-subscribes by itself after every re-handshake. */
  subscribe(channel: string, callback: (data: unknown) => void): void {
    this.#client.subscribe(channel, callback);
  }

  /** faye's transport events: `down` when a request failed, `up` on the next reply. */
  on(event: 'transport:up' | 'transport:down', listener: () => void): void {
    this.#client.on(event, listener);
  }

  /** The transport faye picked (`websocket`, `long-polling`), once it picked one. */
  get connectionType(): string | undefined {
    return (this.#client._dispatcher as unknown as { connectionType?: string }).connectionType;
  }

  /** True while faye holds a handshaken client. */
  get handshaken(): boolean {
    return this.#client._state === FayeState.Connected;
  }

  /**
   * Asks the server to answer the pending `/meta/connect` at once
   * (`advice.timeout: 0`, Bayeux 1.0 §5.2) when faye resends it after a
   * transport failure, so one bad reply costs a retry interval, not a whole
   * long-poll hold. Returns whether a connect was pending.
   */
  expediteConnect(): boolean {
    let found = false;
    for (const envelope of this.#client._dispatcher._envelopes.values()) {
      const message = (envelope as { message?: Message }).message;
      if (message?.channel !== '/meta/connect') continue;
      message.advice = { ...message.advice, timeout: 0 };
      found = true;
    }
    return found;
  }

  /** Sends /meta/disconnect (best effort) if handshaken. */
  disconnect(): boolean {
    if (!this.handshaken) return false;
    this.#client.disconnect();
    return true;
  }

  /**
   * Stops the client for good, even a wedged one: no further handshakes or
   * connects, pending retries cancelled, in-flight requests aborted, sockets closed.
   */
  destroy(): void {
    const client = this.#client;
    client._state = FayeState.Disconnected;
    const dispatcher = client._dispatcher;
    for (const envelope of dispatcher._envelopes.values()) {
      clearTimeout(envelope.timer as NodeJS.Timeout);
      void envelope.request?.then((request) => request?.abort?.());
    }
    dispatcher._envelopes.clear();
    client._responseCallbacks.clear();
    dispatcher._transport?.removeAllTimeouts?.();
    for (const socket of dispatcher.transports.websocket?.values() ?? []) socket.close();
    for (const socket of this.#guard.sockets) closeSocket(socket);
    this.#guard.sockets.clear();
    dispatcher.close();
  }
}
