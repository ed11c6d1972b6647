/**
 * The GWS notification stream (gws-api.md §3) on faye 1.4's Bayeux client
 * (behind {@link FayeClientAdapter}), with the faye traps we measured made explicit:
 *
 * - Every reply is screened (zod, depth, size) before faye routes it: faye
 *   crashes on a bad channel name, a `null` frame, a 5,000-deep array; advice
 *   is clamped (a 1e10 timeout overflowed Node's timers to 1 ms).
 * - `advice.reconnect:"none"` makes faye stop silently while still looking
 *   connected → any `none` advice triggers our own recovery (fresh client).
 * - Liveness: `connected` follows faye's `transport:down`/`transport:up` as
 *   well as connect replies; a connect resent after a transport failure asks
 *   for an immediate answer, so a one-off bad reply costs ~1 s, not a hold.
 *   Every `/meta/connect` must be answered within the poll timeout plus
 *   `holdMarginMs` (a frozen server is noticed then), and the next one must go
 *   out within the advised interval plus the same margin.
 * - Storm guard ({@link ConnectPacer}): instant replies without events get a
 *   floor interval, failing/re-handshake loops a growing one.
 * - faye's cookie jar is replaced by the GWS session's jar: the session cookie
 *   goes with every request and every upgrade, whatever else the server sets.
 * - Messages published during an outage are lost → after **every** (re)handshake
 *   and every return to "connected", `onLive` fires so the owner re-reads state.
 * - Transport `auto`: websocket first (faye falls back to long-polling when
 *   the upgrade is refused or never completes); a websocket that dies
 *   repeatedly is dropped for `websocketRetryMs`, then tried again.
 */

import { backoffDelay } from '../ports/backoff.ts';
import type { Message } from 'faye';
import type { TimerHandle } from '../ports/clock.ts';
import type { CoreErrorCode, Severity } from '../ports/core-errors.ts';
import { DEFAULT_ADVICE_BOUNDS, describeValue, screenReplies } from './message.ts';
import {
  DEFAULT_BAYEUX_TIMINGS,
  describeError,
  MetaChannel,
  Reconnect,
  sharedCookieStore,
  type BayeuxConnectionOptions,
  type BayeuxTimings,
  type ConnectionState,
} from './options.ts';
import { ConnectPacer } from './pacer.ts';
import { AckExtension, WebsocketPolicy } from './policies.ts';
import { checkFayeInternals, FayeClientAdapter } from './faye-adapter.ts';
import { GwsPath } from '../gws/session.ts';

export {
  DEFAULT_BAYEUX_TIMINGS,
  MetaChannel,
  Reconnect,
  type BayeuxConnectionOptions,
  type BayeuxErrorEvent,
  type BayeuxTimings,
  type BayeuxTransport,
  type ConnectionState,
  type SessionPort,
} from './options.ts';

/**
 * One logical Bayeux subscription that survives server restarts, session
 * expiry and faye's failure modes by replacing the faye client when needed.
 */
export class BayeuxConnection {
  readonly #options: BayeuxConnectionOptions;
  readonly #timings: BayeuxTimings;
  readonly #pacer: ConnectPacer;
  #client: FayeClientAdapter | undefined;
  #state: ConnectionState = 'disconnected';
  #acked = new Set<string>();
  #subscribed = false;
  #pollTimeoutMs: number;
  #connectSentAt = 0;
  #batchHadData = false;
  #immediateExpected = false;
  #firstConnect = true;
  /** The next connect asks for an immediate answer (after a failed one: are we back?). */
  #askImmediate = false;
  #watchdog: TimerHandle | undefined;
  #recovering = false;
  #stopped = true;
  #generation = 0;
  #backoffTimer: TimerHandle | undefined;
  /** Recoveries since a client last stayed connected for a full poll; drives the back-off. */
  #failures = 0;
  /** The reconnect interval the server last advised (clamped), before any clamp of ours. */
  #serverIntervalMs: number | undefined;
  readonly #ack: AckExtension;
  readonly #websocket: WebsocketPolicy;

  /** Throws (naming the members) if the installed faye lacks an internal the adapter relies on. */
  constructor(options: BayeuxConnectionOptions) {
    checkFayeInternals();
    this.#options = options;
    this.#timings = { ...DEFAULT_BAYEUX_TIMINGS, ...options.timings };
    this.#pacer = new ConnectPacer(this.#timings);
    this.#ack = new AckExtension(options.ackExtension !== false);
    this.#websocket = new WebsocketPolicy(options.transport ?? 'auto', options.clock, this.#timings, () => {
      if (this.#state === 'connected') this.#recover('trying websocket again', 'diagnostic');
    });
    this.#pollTimeoutMs = Math.min(this.#timings.initialPollTimeoutMs, this.#timings.maxPollTimeoutMs);
  }

  /** Current connection state. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** The poll timeout the server advised (clamped), or the initial assumption. */
  get pollTimeoutMs(): number {
    return this.#pollTimeoutMs;
  }

  /** The reconnect interval the server last advised (ms, clamped), `undefined` until it advises one. */
  get advisedIntervalMs(): number | undefined {
    return this.#serverIntervalMs;
  }

  /** The transport faye is using now (`websocket` or `long-polling`), if any. */
  get activeTransport(): string | undefined {
    return this.#client?.connectionType;
  }

  /** True when the server agreed to CometD's acknowledgement extension on the last handshake. */
  get ackAgreed(): boolean {
    return this.#ack.agreed;
  }

  /** Starts handshaking; state goes `connecting` → `connected` once subscribed. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#build();
  }

  /**
   * Drops the current client (a held connect included) and connects afresh at
   * once, without back-off. For OS resume and network-up: a sleeping laptop's
   * long poll is dead, and waiting for the watchdog would take a poll timeout.
   * No effect when stopped or signed out.
   */
  reconnectNow(): void {
    if (this.#stopped || this.#state === 'signed-out') return;
    this.#failures = 0;
    this.#recovering = false;
    if (this.#backoffTimer) this.#options.clock.clearTimeout(this.#backoffTimer);
    this.#backoffTimer = undefined;
    this.#recover('reconnect requested', 'diagnostic');
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
    this.#websocket.dispose();
    const client = this.#client;
    this.#client = undefined;
    if (client) {
      // Let faye flush the /meta/disconnect before tearing the transport down.
      if (client.disconnect()) await new Promise((resolve) => setTimeout(resolve, 20));
      client.destroy();
    }
    this.#setState('disconnected');
  }

  #report(code: CoreErrorCode, severity: Severity, message: string): void {
    this.#options.onError({ code, severity, message });
  }

  #build(): void {
    const generation = ++this.#generation;
    const { session } = this.#options;
    const current = (): boolean => generation === this.#generation;
    const client = new FayeClientAdapter({
      endpoint: `${session.serverUrl}/${GwsPath.Notifications}`,
      retrySec: this.#timings.retrySec,
      timeoutSec: this.#pollTimeoutMs / 1000,
      proxyUrl: session.proxyUrl,
      tls: session.tls,
      cookies: sharedCookieStore(session.cookieJar, (message) =>
        this.#report('other', 'diagnostic', message),
      ),
      origin: session.origin,
      websocket: this.#websocket.useWebsocket(),
      maxReplyBytes: this.#timings.maxReplyBytes,
      upgradeTimeoutMs: this.#timings.websocketUpgradeTimeoutMs,
      screen: (raw) => (current() ? this.#screen(raw) : undefined),
      onOversize: (bytes) => {
        if (current())
          this.#report('unreadable-event', 'warning', `a notification reply of ${bytes} bytes was refused`);
      },
    });
    client.addExtension({
      outgoing: (message, callback) => {
        if (current()) this.#outgoing(message);
        callback(message);
      },
      incoming: (message, callback) => {
        if (!current()) return callback(message);
        if (message.channel === MetaChannel.Connect) return this.#connectReply(message, callback);
        if (!message.channel.startsWith('/meta/')) this.#batchHadData = true;
        this.#inspect(message);
        callback(message);
      },
    });
    client.on('transport:down', () => {
      if (!current()) return;
      this.#immediateExpected = client.expediteConnect();
      if (client.connectionType === 'websocket') this.#websocketFailed();
      if (current() && this.#state === 'connected') this.#setState('connecting');
    });
    client.on('transport:up', () => {
      if (current() && this.#subscribed && this.#state !== 'connected') this.#becomeLive();
    });
    this.#client = client;
    this.#acked = new Set();
    this.#subscribed = false;
    this.#firstConnect = true;
    this.#pacer.reset();
    this.#setState('connecting');
    this.#armWatchdog(this.#pollTimeoutMs + this.#timings.holdMarginMs, 'no handshake reply');
    for (const channel of this.#options.channels) {
      client.subscribe(channel, (data) => {
        if (current()) this.#options.onMessage(channel, data);
      });
    }
  }

  /** The reply gate: screened messages for faye, or `undefined` after starting a recovery. */
  #screen(raw: unknown): Message[] | undefined {
    const result = screenReplies(raw, {
      maxTimeoutMs: this.#timings.maxPollTimeoutMs,
      minTimeoutMs: DEFAULT_ADVICE_BOUNDS.minTimeoutMs,
      maxIntervalMs: this.#timings.maxIntervalMs,
    });
    if (result.notBayeux) {
      this.#recover(`the notification endpoint answered a non-Bayeux body: ${describeValue(raw)}`, 'info');
      return undefined;
    }
    for (const line of result.rejected) this.#report('unreadable-event', 'diagnostic', `dropped ${line}`);
    // A dropped message may have been an event: re-read rather than trust what we show.
    if (result.rejected.length > 0 && this.#state === 'connected') this.#options.onLive();
    return result.messages;
  }

  #outgoing(message: Message): void {
    if (message.channel === MetaChannel.Connect) {
      this.#connectSentAt = this.#options.clock.now();
      this.#batchHadData = false;
      this.#immediateExpected = this.#firstConnect || this.#askImmediate;
      if (this.#askImmediate) message.advice = { ...message.advice, timeout: 0 };
      this.#firstConnect = this.#askImmediate = false;
      this.#armWatchdog(this.#pollTimeoutMs + this.#timings.holdMarginMs, 'no reply to /meta/connect');
    }
    this.#ack.outgoing(message);
  }

  /**
   * A `/meta/connect` reply. faye writes a long-poll reply's events after it,
   * CometD before it; the storm guard decides once the whole batch was read
   * (`setImmediate`), with the data flag reset when the connect was sent.
   * That is the only hop before the next connect: when neither the server nor
   * the pacer asks for an interval, the adapter sends it from faye's callback at once.
   */
  #connectReply(message: Message, callback: (message: Message) => void): void {
    const heldMs = this.#options.clock.now() - this.#connectSentAt;
    const generation = this.#generation;
    const expedited = this.#immediateExpected;
    setImmediate(() => {
      if (generation !== this.#generation) return callback(message);
      if (typeof message.advice?.interval === 'number') this.#serverIntervalMs = message.advice.interval;
      if (!message.successful && message.advice?.reconnect === undefined) {
        // 402::Unknown client and friends: faye re-handshakes when advised to; make sure it is.
        message.advice = { ...message.advice, reconnect: Reconnect.Handshake };
      }
      const reply = {
        heldMs,
        hadData: this.#batchHadData,
        successful: message.successful === true,
        reconnect: message.advice?.reconnect,
        immediateExpected: expedited,
      };
      this.#pacer.apply(message, reply, this.#serverIntervalMs);
      this.#ack.incoming(message);
      this.#inspect(message, heldMs);
      // A poll held for real (not a resend answered at once): the transport is healthy.
      if (
        generation === this.#generation &&
        message.successful &&
        !expedited &&
        heldMs >= this.#timings.minHoldMs
      ) {
        this.#websocket.healthy();
      }
      callback(message);
    });
  }

  /** Reads every incoming message before faye acts on it. */
  #inspect(message: Message, heldMs = 0): void {
    const advice = message.advice;
    if (typeof advice?.timeout === 'number' && advice.timeout > 0) this.#pollTimeoutMs = advice.timeout;
    if (advice?.reconnect === Reconnect.None) {
      this.#recover(`server advised reconnect "none" on ${message.channel}${describeError(message)}`, 'info');
      return;
    }
    switch (message.channel) {
      case MetaChannel.Handshake:
        if (message.successful) {
          this.#acked = new Set();
          this.#subscribed = false;
          this.#firstConnect = true;
          this.#ack.incoming(message);
          if (this.#state === 'connected') this.#setState('connecting');
        } else {
          this.#recover(`handshake refused${describeError(message)}`, 'info');
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
          this.#recover(`subscription refused${describeError(message)}`, 'info');
        }
        break;
      case MetaChannel.Connect:
        this.#armWatchdog(
          (this.#serverIntervalMsEffective(message) ?? 0) + this.#pollTimeoutMs + this.#timings.holdMarginMs,
          'no /meta/connect sent or answered',
        );
        if (message.successful) {
          // A long poll held while live: this client stayed up a full cycle, so
          // the next outage starts the back-off afresh.
          if (this.#state === 'connected' && heldMs >= this.#timings.minHoldMs) this.#failures = 0;
          if (this.#subscribed && this.#state !== 'connected') this.#becomeLive();
        } else {
          this.#askImmediate = true;
          if (this.#state === 'connected') this.#setState('connecting');
        }
        break;
      default:
        break;
    }
  }

  #serverIntervalMsEffective(message: Message): number | undefined {
    return message.advice?.interval ?? this.#serverIntervalMs;
  }

  #becomeLive(): void {
    this.#setState('connected');
    this.#options.onLive();
  }

  #armWatchdog(ms: number, what: string): void {
    this.#clearWatchdog();
    const generation = this.#generation;
    this.#watchdog = this.#options.clock.setTimeout(() => {
      if (generation !== this.#generation || this.#stopped) return;
      if (this.#client?.connectionType === 'websocket') this.#websocketFailed();
      this.#recover(`${what} within ${ms} ms`, 'info');
    }, ms);
  }

  #clearWatchdog(): void {
    if (this.#watchdog) this.#options.clock.clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
  }

  /** `auto`: counts a websocket failure; after too many, rebuilds on long-polling for a while. */
  #websocketFailed(): void {
    if (this.#websocket.failed())
      this.#recover('the websocket failed repeatedly: falling back to long-polling', 'info');
  }

  /**
   * Throws the current faye client away, makes sure the HTTP session is alive
   * (signing in again if it died), then builds a fresh client. Single-flight;
   * retries with back-off while the server is unreachable.
   */
  #recover(reason: string, severity: Severity): void {
    if (this.#stopped || this.#recovering) return;
    this.#recovering = true;
    this.#generation++;
    this.#clearWatchdog();
    this.#client?.destroy();
    this.#client = undefined;
    this.#setState('disconnected');
    this.#report('stream-recovery', severity, `notifications interrupted: ${reason}`);
    this.#retryAfter(this.#nextDelay());
  }

  /** 0 for the first recovery after a healthy stretch, then backoffMs × 2ⁿ up to maxBackoffMs. */
  #nextDelay(): number {
    const failures = this.#failures++;
    return backoffDelay(failures, this.#timings.backoffMs, this.#timings.maxBackoffMs);
  }

  #retryAfter(delayMs: number): void {
    const generation = this.#generation;
    const attempt = (): void => {
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
      this.#report(
        'stream-recovery',
        'error',
        `sign-in refused while reconnecting (${check.message}): notifications stopped`,
      );
      this.#setState('signed-out');
      return;
    }
    this.#report('stream-recovery', 'info', `cannot reach the GWS session: ${check.message}`);
    this.#retryAfter(this.#nextDelay());
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onState(state);
  }
}
