/**
 * The vocabulary of the Bayeux layer: states, transports, tunables and the
 * construction options of {@link BayeuxConnection} (bayeux-connection.ts),
 * plus small helpers it shares. Split out so the connection stays one job.
 */

import type { CookieStoreLike, Message } from 'faye';
import type { CookieJar } from 'tough-cookie';
import type { Clock } from '../ports/clock.ts';
import type { CoreErrorCode, Severity } from '../ports/core-errors.ts';
import { describeValue } from './message.ts';
import type { GwsResult } from '../gws/session.ts';

/**
 * What consumers see. Only `connected` means events are flowing. `signed-out`
 * is terminal: the server refused the credentials while reconnecting, and
 * retrying could lock the agent's account, so nothing more is attempted until
 * the user signs in again.
 */
export type ConnectionState = 'connected' | 'connecting' | 'disconnected' | 'signed-out';

/**
 * Bayeux transport choice. `auto` (the default) is websocket first with
 * long-polling as the fallback, as CometD's own client does; long-polling is
 * the documented GWS transport (§3.1).
 */
export type BayeuxTransport = 'auto' | 'websocket' | 'long-polling';

/** Bayeux meta channels (Bayeux 1.0). */
export const MetaChannel = {
  Handshake: '/meta/handshake',
  Connect: '/meta/connect',
  Subscribe: '/meta/subscribe',
} as const;

/** Bayeux advice values (`advice.reconnect`). */
export const Reconnect = { Retry: 'retry', Handshake: 'handshake', None: 'none' } as const;

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
  /** Ceiling of the recovery back-off (and of the storm guard's growing interval). */
  maxBackoffMs: number;
  /** Slack over the poll timeout (and the advised interval) before a silent server is declared dead. */
  holdMarginMs: number;
  /** Largest advised `timeout` honoured (ms); larger advice is lowered to it. */
  maxPollTimeoutMs: number;
  /** Largest advised `interval` honoured (ms). */
  maxIntervalMs: number;
  /** Largest reply accepted (long-poll body or websocket message), bytes. */
  maxReplyBytes: number;
  /** `auto`: websocket failures in a row before falling back to long-polling. */
  websocketFailuresBeforeFallback: number;
  /** `auto`: how long to stay on long-polling after a fallback before trying websocket again. */
  websocketRetryMs: number;
  /** A websocket upgrade not completed by then is abandoned (long-polling carries on). */
  websocketUpgradeTimeoutMs: number;
}

/** Production defaults of {@link BayeuxTimings}. */
export const DEFAULT_BAYEUX_TIMINGS: BayeuxTimings = {
  initialPollTimeoutMs: 30_000,
  throttleIntervalMs: 250,
  minHoldMs: 200,
  retrySec: 1,
  backoffMs: 250,
  maxBackoffMs: 5_000,
  holdMarginMs: 3_000,
  maxPollTimeoutMs: 120_000,
  maxIntervalMs: 30_000,
  maxReplyBytes: 8 * 1024 * 1024,
  websocketFailuresBeforeFallback: 3,
  websocketRetryMs: 5 * 60_000,
  websocketUpgradeTimeoutMs: 10_000,
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

/** Something worth reporting; `message` never contains credentials or cookies. */
export interface BayeuxErrorEvent {
  code: CoreErrorCode;
  severity: Severity;
  message: string;
}

/** Construction options of `BayeuxConnection`. */
export interface BayeuxConnectionOptions {
  /** The HTTP session whose cookies, TLS, proxy and Origin the Bayeux client shares. */
  session: SessionPort;
  /** Time source of every timer (watchdog, back-off, throttle decisions). */
  clock: Clock;
  /** Channels to subscribe to; `connected` only once all of them are acknowledged. */
  channels: readonly string[];
  /** Transport; `auto` unless told otherwise. */
  transport?: BayeuxTransport;
  /** Offer CometD's acknowledgement extension (used only if the server agrees); default true. */
  ackExtension?: boolean;
  /** Overrides of {@link DEFAULT_BAYEUX_TIMINGS}. */
  timings?: Partial<BayeuxTimings>;
  /** A data message on one of `channels`. */
  onMessage(channel: string, data: unknown): void;
  /** Connection state changed. */
  onState(state: ConnectionState): void;
  /** Subscriptions are live again after a (re)handshake or an outage, or a message was lost: re-read state now. */
  onLive(): void;
  /** Something worth telling the user or the log. */
  onError(event: BayeuxErrorEvent): void;
}

/** ` (error)` for a Bayeux error reply, described safely; empty when there is none. */
export function describeError(message: Message): string {
  return typeof message.error === 'string' && message.error !== ''
    ? ` (${describeValue(message.error, 200)})`
    : '';
}

/**
 * Adapts the GWS tough-cookie jar to faye's cookie calls. faye stores cookies
 * from inside an HTTP response handler, where a throw would crash the process,
 * so storage errors are reported, never thrown.
 */
export function sharedCookieStore(jar: CookieJar, report: (message: string) => void): CookieStoreLike {
  return {
    getCookiesSync: (url) => jar.getCookiesSync(url),
    setCookieSync: (cookie, url) => {
      if (cookie === undefined || cookie === null) return undefined;
      try {
        return jar.setCookieSync(String(cookie), url);
      } catch (error) {
        report(`ignored a cookie from the notification server: ${describeValue((error as Error).message)}`);
        return undefined;
      }
    },
  };
}
