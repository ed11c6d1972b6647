import { createRequire } from 'node:module';
import faye, { type Client, type CookieStoreLike, type Message } from 'faye';
import type { CookieJar } from 'tough-cookie';
import type { Clock, TimerHandle } from './clock.ts';
import { GwsPath, type GwsResult } from './gws-session.ts';

/**
 * The GWS notification stream (gws-api.md §3) on faye 1.4's Bayeux client,
 * with the faye traps we measured made explicit:
 *
 * - `advice.reconnect:"none"` makes faye stop silently while still looking
 *   connected → any `none` advice triggers our own recovery (fresh client).
 * - A 401 with an HTML body makes faye retry forever → the /meta/connect
 *   watchdog notices the missing replies and recovers (re-login, fresh client).
 * - A server `Set-Cookie` can replace a `Cookie` header set with `setHeader`,
 *   and handshake-reply cookies never reach a websocket upgrade → faye's own
 *   cookie jar is replaced by the GWS session's jar: the session cookie goes
 *   with every request and every upgrade, whatever else the server sets.
 * - `interval:0` on immediate replies drives hundreds of requests/s → the
 *   reconnect interval is clamped whenever a connect came back without being
 *   held and without carrying any event (a reply that delivers events is the
 *   stream working, and is followed by an immediate reconnect).
 * - Messages published during an outage are lost → after **every** (re)handshake
 *   and after every return to "connected", `onLive` fires so the owner re-reads
 *   state over REST and replaces it.
 * - `402::Unknown client` → faye re-handshakes; if the session died the
 *   handshake is denied (advice none) and we re-login before a fresh client.
 */

/**
 * One proxy rule for REST and Bayeux: only the configured proxy is used. got
 * ignores `http_proxy`/`https_proxy`, but faye's transports read them when no
 * proxy is given, which sent Bayeux (with the session cookie) to a proxy REST
 * never used. faye 1.4.3's env lookup (`Transport#_findProxy`) is turned off.
 */
const fayeTransport = createRequire(import.meta.url)('faye/src/transport/transport.js') as {
  prototype: { _findProxy(): string | undefined };
};
fayeTransport.prototype._findProxy = () => undefined;

/**
 * What consumers see. Only `connected` means events are flowing. `signed-out`
 * is terminal: the server refused the credentials while reconnecting, and
 * retrying could lock the agent's account, so nothing more is attempted until
 * the user signs in again.
 */
export type ConnectionState = 'connected' | 'connecting' | 'disconnected' | 'signed-out';

/** Bayeux transport choice: long-polling is the documented GWS transport (§3.1). */
export type BayeuxTransport = 'long-polling' | 'websocket';

/** Bayeux meta channels (Bayeux 1.0). */
export const MetaChannel = {
  Handshake: '/meta/handshake',
  Connect: '/meta/connect',
  Subscribe: '/meta/subscribe',
} as const;

/** Bayeux advice values (`advice.reconnect`). */
export const Reconnect = { Retry: 'retry', Handshake: 'handshake', None: 'none' } as const;

/** faye's client states we read or set (protocol/client.js CONNECTED / DISCONNECTED). */
const FayeState = { Connected: 3, Disconnected: 4 } as const;

/** Tunables, all with production defaults; tests shorten them. */
export interface BayeuxTimings {
  /** Poll timeout assumed until the server advises one (CometD default 30 s). */
  initialPollTimeoutMs: number;
  /** Reconnect interval used after a connect reply that was not held (storm guard). */
  throttleIntervalMs: number;
  /** A connect reply held less than this counts as "not held". */
  minHoldMs: number;
  /** faye's per-message retry interval, seconds. */
  retrySec: number;
  /**
   * Back-off between recovery attempts (grows ×2 up to `maxBackoffMs`). The
   * first recovery after a healthy stretch is immediate; the back-off keeps
   * growing across rebuilt clients until one stays connected for a full poll.
   */
  backoffMs: number;
  /** Ceiling of the recovery back-off. */
  maxBackoffMs: number;
}

/** Production defaults of {@link BayeuxTimings}. */
export const DEFAULT_BAYEUX_TIMINGS: BayeuxTimings = {
  initialPollTimeoutMs: 30_000,
  throttleIntervalMs: 250,
  minHoldMs: 200,
  retrySec: 1,
  backoffMs: 250,
  maxBackoffMs: 5_000,
};

/** What the connection needs from the HTTP session (a {@link GwsSession} fits). */
export interface SessionPort {
  readonly serverUrl: string;
  readonly cookieJar: CookieJar;
  readonly tls: { ca: string[] | undefined };
  readonly proxyUrl: string | undefined;
  /** `Origin` header for every request (REST and Bayeux alike), if configured. */
  readonly origin: string | undefined;
  /** Verifies the HTTP session, signing in again if it died. */
  ensureSession(): Promise<GwsResult>;
}

/** Construction options of {@link BayeuxConnection}. */
export interface BayeuxConnectionOptions {
  /** The HTTP session whose cookies, TLS, proxy and Origin the Bayeux client shares. */
  session: SessionPort;
  /** Time source of every timer (watchdog, back-off, throttle decisions). */
  clock: Clock;
  /** Channels to subscribe to; `connected` only once all of them are acknowledged. */
  channels: readonly string[];
  /** Transport; long-polling unless `websocket` is asked for. */
  transport?: BayeuxTransport;
  /** Overrides of {@link DEFAULT_BAYEUX_TIMINGS}. */
  timings?: Partial<BayeuxTimings>;
  /** A data message on one of `channels`. */
  onMessage(channel: string, data: unknown): void;
  /** Connection state changed. */
  onState(state: ConnectionState): void;
  /** Subscriptions are live again after a (re)handshake or an outage: re-read state now. */
  onLive(): void;
  /** Something worth telling the user (never contains credentials). */
  onError(message: string): void;
}

/**
 * One logical Bayeux subscription that survives server restarts, session
 * expiry and faye's failure modes by replacing the faye client when needed.
 */
export class BayeuxConnection {
  readonly #options: BayeuxConnectionOptions;
  readonly #timings: BayeuxTimings;
  #client: Client | undefined;
  #state: ConnectionState = 'disconnected';
  #acked = new Set<string>();
  #subscribed = false;
  #pollTimeoutMs: number;
  #connectSentAt = 0;
  #batchHadData = false;
  #watchdog: TimerHandle | undefined;
  #recovering = false;
  #stopped = true;
  #generation = 0;
  #backoffTimer: TimerHandle | undefined;
  /** Recoveries since a client last stayed connected for a full poll; drives the back-off. */
  #failures = 0;
  /** The reconnect interval the server last advised, before any clamp of ours. */
  #serverIntervalMs: number | undefined;
  /** True while faye runs on our clamped interval rather than the server's. */
  #clamped = false;

  constructor(options: BayeuxConnectionOptions) {
    this.#options = options;
    this.#timings = { ...DEFAULT_BAYEUX_TIMINGS, ...options.timings };
    this.#pollTimeoutMs = this.#timings.initialPollTimeoutMs;
  }

  /** Current connection state. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** The poll timeout the server advised (or the initial assumption). */
  get pollTimeoutMs(): number {
    return this.#pollTimeoutMs;
  }

  /** The reconnect interval the server last advised (ms), `undefined` until it advises one. */
  get advisedIntervalMs(): number | undefined {
    return this.#serverIntervalMs;
  }

  /** Starts handshaking; state goes `connecting` → `connected` once subscribed. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#build();
  }

  /** Disconnects politely (best effort) and stops every timer. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#recovering = false;
    this.#generation++;
    this.#clearWatchdog();
    if (this.#backoffTimer) this.#options.clock.clearTimeout(this.#backoffTimer);
    this.#backoffTimer = undefined;
    const client = this.#client;
    this.#client = undefined;
    if (client) {
      if (client._state === FayeState.Connected) {
        client.disconnect();
        // Let faye flush the /meta/disconnect before tearing the transport down.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      destroyFayeClient(client);
    }
    this.#setState('disconnected');
  }

  #build(): void {
    const generation = ++this.#generation;
    const { session } = this.#options;
    const client = new faye.Client(`${session.serverUrl}/${GwsPath.Notifications}`, {
      retry: this.#timings.retrySec,
      timeout: this.#pollTimeoutMs / 1000,
      ...(session.proxyUrl ? { proxy: { origin: session.proxyUrl } } : {}),
      tls: { rejectUnauthorized: true, ...(session.tls.ca ? { ca: session.tls.ca } : {}) },
    });
    client._dispatcher.cookies = sharedCookieStore(session.cookieJar, (message) =>
      this.#options.onError(message),
    );
    if (session.origin !== undefined) client.setHeader('Origin', session.origin);
    if ((this.#options.transport ?? 'long-polling') === 'long-polling') client.disable('websocket');
    // A body that is JSON but not Bayeux (GWS's own `{"statusCode":20,...}` on a
    // 401, `{}`, `"ok"`, `[null]`) must never reach faye's message handling,
    // where a non-object crashes the process: treat it as a failed transport.
    const dispatcher = client._dispatcher;
    const handleResponse = dispatcher.handleResponse.bind(dispatcher);
    dispatcher.handleResponse = (reply: unknown) => {
      if (isBayeuxMessage(reply)) return handleResponse(reply);
      if (generation === this.#generation)
        this.#recover(`the notification endpoint answered ${describeBody(reply)}`);
    };
    client.addExtension({
      outgoing: (message, callback) => {
        if (!isBayeuxMessage(message)) return callback(null);
        if (message.channel === MetaChannel.Connect) this.#connectSentAt = this.#options.clock.now();
        callback(message);
      },
      incoming: (message, callback) => {
        if (!isBayeuxMessage(message)) {
          if (generation === this.#generation)
            this.#recover(`the notification endpoint answered ${describeBody(message)}`);
          return callback(null);
        }
        if (generation !== this.#generation) return callback(message);
        if (typeof message.advice?.interval === 'number') this.#serverIntervalMs = message.advice.interval;
        if (message.channel === MetaChannel.Connect && message.successful) {
          // A long-poll reply is followed, in the same batch, by the events it
          // carries; decide the throttle once the whole batch has been read.
          const heldMs = this.#options.clock.now() - this.#connectSentAt;
          this.#batchHadData = false;
          setImmediate(() => {
            this.#throttle(message, heldMs);
            if (generation === this.#generation) this.#inspect(message, heldMs);
            callback(message);
          });
          return;
        }
        if (!message.channel.startsWith('/meta/')) this.#batchHadData = true;
        this.#inspect(message);
        callback(message);
      },
    });
    client.on('transport:down', () => {
      if (generation === this.#generation) this.#setState('connecting');
    });
    this.#client = client;
    this.#acked = new Set();
    this.#subscribed = false;
    this.#setState('connecting');
    this.#armWatchdog(Math.max(this.#pollTimeoutMs, 2_000));
    for (const channel of this.#options.channels) {
      client.subscribe(channel, (data) => {
        if (generation === this.#generation) this.#options.onMessage(channel, data);
      });
    }
  }

  /**
   * Storm guard. faye keeps advice across replies (CometD servers send it only
   * on the first or a changed reply), so a clamp must be added even to a reply
   * without advice, and undone once replies are held (or deliver events) again.
   */
  #throttle(message: Message, heldMs: number): void {
    if (heldMs < this.#timings.minHoldMs && !this.#batchHadData) {
      const interval = Math.max(
        message.advice?.interval ?? this.#serverIntervalMs ?? 0,
        this.#timings.throttleIntervalMs,
      );
      message.advice = { ...message.advice, interval };
      this.#clamped = true;
    } else if (this.#clamped) {
      this.#clamped = false;
      if (typeof message.advice?.interval !== 'number') {
        message.advice = { ...message.advice, interval: this.#serverIntervalMs ?? 0 };
      }
    }
  }

  /** Reads every incoming message before faye acts on it. */
  #inspect(message: Message, heldMs = 0): void {
    const advice = message.advice;
    if (advice) {
      if (typeof advice.timeout === 'number' && advice.timeout > 0) this.#pollTimeoutMs = advice.timeout;
    }
    if (advice?.reconnect === Reconnect.None) {
      this.#recover(`server advised reconnect "none" on ${message.channel}${describeError(message)}`);
      return;
    }
    switch (message.channel) {
      case MetaChannel.Handshake:
        if (message.successful) {
          this.#acked = new Set();
          this.#subscribed = false;
          this.#setState('connecting');
        } else {
          this.#recover(`handshake refused${describeError(message)}`);
        }
        break;
      case MetaChannel.Subscribe:
        if (message.successful) {
          for (const channel of [message.subscription ?? []].flat()) this.#acked.add(channel);
          if (!this.#subscribed && this.#options.channels.every((c) => this.#acked.has(c))) {
            this.#subscribed = true;
            this.#becomeLive();
          }
        } else {
          this.#recover(`subscription refused${describeError(message)}`);
        }
        break;
      case MetaChannel.Connect:
        if (message.successful) {
          this.#armWatchdog(this.#watchdogWindowMs());
          // A long poll held while live: this client stayed up a full cycle, so
          // the next outage starts the back-off afresh.
          if (this.#state === 'connected' && heldMs >= this.#timings.minHoldMs) this.#failures = 0;
          if (this.#subscribed && this.#state !== 'connected') this.#becomeLive();
        } else {
          // 402::Unknown client and friends: faye re-handshakes when advised to; make sure it is.
          this.#setState('connecting');
          if (!advice || advice.reconnect === undefined)
            message.advice = { ...advice, reconnect: 'handshake' };
        }
        break;
      default:
        break;
    }
  }

  #becomeLive(): void {
    this.#setState('connected');
    this.#options.onLive();
  }

  /**
   * Watchdog window: the next /meta/connect goes out after the reconnect
   * interval (the server's, or our clamp) and a healthy server answers it
   * within the poll timeout; 1.5× the timeout plus that interval is late
   * enough to never fire on a healthy server and early enough to report a
   * dead one within 2× the timeout when the interval is small.
   */
  #watchdogWindowMs(): number {
    const interval = Math.max(this.#timings.throttleIntervalMs, this.#serverIntervalMs ?? 0);
    return Math.round(this.#pollTimeoutMs * 1.5) + interval;
  }

  #armWatchdog(ms: number): void {
    this.#clearWatchdog();
    const generation = this.#generation;
    this.#watchdog = this.#options.clock.setTimeout(() => {
      if (generation !== this.#generation || this.#stopped) return;
      this.#recover(`no reply to /meta/connect within ${ms} ms`);
    }, ms);
  }

  #clearWatchdog(): void {
    if (this.#watchdog) this.#options.clock.clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
  }

  /**
   * Throws the current faye client away, makes sure the HTTP session is alive
   * (signing in again if it died), then builds a fresh client. Single-flight;
   * retries with back-off while the server is unreachable.
   */
  #recover(reason: string): void {
    if (this.#stopped || this.#recovering) return;
    this.#recovering = true;
    this.#generation++;
    this.#clearWatchdog();
    if (this.#client) destroyFayeClient(this.#client);
    this.#client = undefined;
    this.#setState('disconnected');
    this.#options.onError(`notifications interrupted: ${reason}`);
    this.#retryAfter(this.#nextDelay());
  }

  /** 0 for the first recovery after a healthy stretch, then backoffMs × 2ⁿ up to maxBackoffMs. */
  #nextDelay(): number {
    const failures = this.#failures++;
    if (failures === 0) return 0;
    return Math.min(this.#timings.backoffMs * 2 ** (failures - 1), this.#timings.maxBackoffMs);
  }

  #retryAfter(delayMs: number): void {
    const generation = this.#generation;
    const attempt = () => {
      this.#backoffTimer = undefined;
      if (generation === this.#generation) void this.#reconnectLoop(generation);
    };
    if (delayMs === 0) attempt();
    else this.#backoffTimer = this.#options.clock.setTimeout(attempt, delayMs);
  }

  async #reconnectLoop(generation: number): Promise<void> {
    if (this.#stopped) return;
    const check = await this.#options.session.ensureSession();
    if (this.#stopped || generation !== this.#generation) return;
    if (check.ok) {
      this.#recovering = false;
      this.#build();
      return;
    }
    if (check.kind === 'closed') return;
    if (
      check.kind !== 'network' &&
      (check.httpStatus === 401 || (check.kind === 'gws' && check.statusCode === 20))
    ) {
      // Retrying refused credentials in a loop could lock the agent's account:
      // stop for good, in a state the UI and the CLI report.
      this.#recovering = false;
      this.#options.onError(`sign-in refused while reconnecting (${check.message}): notifications stopped`);
      this.#setState('signed-out');
      return;
    }
    this.#options.onError(`cannot reach the GWS session: ${check.message}`);
    this.#retryAfter(this.#nextDelay());
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onState(state);
  }
}

/** True for a Bayeux message: an object with a string `channel`. */
function isBayeuxMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { channel?: unknown }).channel === 'string'
  );
}

/** A short, credential-free description of a non-Bayeux reply. */
function describeBody(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return `a non-Bayeux body: ${text.slice(0, 120)}`;
}

function describeError(message: Message): string {
  return typeof message.error === 'string' && message.error !== '' ? ` (${message.error})` : '';
}

/**
 * Adapts the GWS tough-cookie jar to faye's cookie calls. faye stores cookies
 * from inside an HTTP response handler, where a throw would crash the process,
 * so storage errors are reported, never thrown.
 */
function sharedCookieStore(jar: CookieJar, report: (message: string) => void): CookieStoreLike {
  return {
    getCookiesSync: (url) => jar.getCookiesSync(url),
    setCookieSync: (cookie, url) => {
      if (cookie === undefined || cookie === null) return undefined;
      try {
        return jar.setCookieSync(String(cookie), url);
      } catch (error) {
        report(`ignored a cookie from the notification server: ${(error as Error).message}`);
        return undefined;
      }
    },
  };
}

/**
 * Stops a faye client for good, even a wedged one: no further handshakes or
 * connects, pending retries cancelled, in-flight requests aborted, sockets
 * closed. Uses faye 1.4.3 internals (see types/faye.d.ts).
 */
function destroyFayeClient(client: Client): void {
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
  dispatcher.close();
}
