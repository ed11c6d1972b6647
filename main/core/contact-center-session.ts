/**
 * The contact-center session's lifecycle, in order: sign in (Basic; refused
 * before any request for plain http to a non-loopback host), start the
 * notification stream, and after each (re)connect let the state sync re-read
 * before the state counts as live; then StartContactCenterSession (again
 * after a failed attempt, on the next connect). `stop()` ends it all in the
 * reverse order: no more sign-ins, the stream stopped, a Start in flight
 * awaited (so End never overtakes it), EndContactCenterSession when a Start
 * may have taken effect, the HTTP session forgotten. Why a unit of its own:
 * WHEN the state may be trusted is decided here; WHAT it is, by the state sync.
 */

import {
  BayeuxConnection,
  type BayeuxTimings,
  type BayeuxTransport,
  type ConnectionState,
} from './bayeux/connection.ts';
import type { CoreErrorCode, Severity, StartResult } from './core-events.ts';
import { GwsPath, isInsecureServerUrl, type GwsSession } from './gws/session.ts';
import type { Clock } from './ports/clock.ts';
import type { Logger } from './ports/logging.ts';
import { describeUrl } from './ports/redact.ts';
import { signInFailure } from './sign-in.ts';
import type { ReportError, StateSync } from './state/state-sync.ts';

/** The Bayeux channels the core needs (gws-api.md §3.2). */
export const SUBSCRIBED_CHANNELS = ['/v2/me/calls', '/v2/me/devices'] as const;

/** Construction options of {@link ContactCenterSession}. */
export interface ContactCenterSessionOptions {
  session: GwsSession;
  sync: StateSync;
  clock: Clock;
  log: Logger;
  reportError: ReportError;
  transport?: BayeuxTransport;
  bayeuxTimings?: Partial<BayeuxTimings>;
}

/** See the module comment. */
export class ContactCenterSession {
  readonly #options: ContactCenterSessionOptions;
  readonly #bayeux: BayeuxConnection;
  #started = false;
  #stopped = false;
  /** True once StartContactCenterSession succeeded; until then each connect tries it again. */
  #ccStarted = false;
  /** True once a Start may have taken effect (success or unknown outcome): End is due at stop(). */
  #ccEndDue = false;
  /** The StartContactCenterSession in flight; stop() waits for it so End never overtakes Start. */
  #ccStart: Promise<void> | undefined;
  /** Counts (re)connects: a newer one takes over the sync of an older one. */
  #round = 0;

  constructor(options: ContactCenterSessionOptions) {
    this.#options = options;
    const { session, sync, clock, transport, bayeuxTimings, reportError } = options;
    this.#bayeux = new BayeuxConnection({
      session,
      clock,
      channels: SUBSCRIBED_CHANNELS,
      ...(transport ? { transport } : {}),
      ...(bayeuxTimings ? { timings: bayeuxTimings } : {}),
      onMessage: (_channel, data) => sync.applyEvent(data),
      onState: (state: ConnectionState) => sync.setConnection(state),
      onLive: () => void this.#onLive(),
      onError: (error: string | { code: CoreErrorCode; severity: Severity; message: string }) =>
        typeof error === 'string'
          ? reportError('stream-recovery', 'warning', error)
          : reportError(error.code, error.severity, error.message),
    });
  }

  /** The stream's state (`signed-out` once the server refused the credentials). */
  get streamState(): ConnectionState {
    return this.#bayeux.state;
  }

  /** True between a successful sign-in and stop(). */
  get running(): boolean {
    return this.#started && !this.#stopped;
  }

  /** Signs in, then starts the stream. Never throws; see `AgentCore.start`. */
  async start(): Promise<StartResult> {
    const { session, log } = this.#options;
    if (this.#stopped) return { ok: false, code: 'stopped', message: 'the core was stopped' };
    if (this.#started) return { ok: false, code: 'already-started', message: 'start() was already called' };
    if (isInsecureServerUrl(session.serverUrl)) {
      return {
        ok: false,
        code: 'insecure-url',
        message: `refusing plain http:// to ${describeUrl(session.serverUrl)}: the password would travel in clear text; use https://`,
      };
    }
    this.#started = true;
    const login = await session.signIn();
    if (this.#stopped) {
      // stop() ran while signing in: it must win, with nothing left running.
      await session.forget();
      return { ok: false, code: 'stopped', message: 'stopped while signing in' };
    }
    if (!login.ok) {
      this.#started = false;
      const failure = signInFailure(session.serverUrl, login);
      log.warn(`sign-in failed: ${failure.message}`, { code: failure.code });
      return failure;
    }
    log.info(`signed in to ${describeUrl(session.serverUrl)} as ${session.username}`);
    this.#bayeux.start();
    return { ok: true };
  }

  /** Rebuilds the stream at once (no back-off); true when it was running. */
  reconnectNow(): boolean {
    if (!this.running) return false;
    this.#options.log.info('reconnect now');
    this.#bayeux.reconnectNow();
    return true;
  }

  /** Ends the session (see the module comment); the state sync must be stopped first. Idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const { session } = this.#options;
    // No request of this core may sign in again from now on, except the End below.
    session.close();
    // Signed out (credentials refused): End would only cost another refused sign-in.
    const signedOut = this.#bayeux.state === 'signed-out';
    await this.#bayeux.stop();
    await this.#ccStart;
    if (this.#ccEndDue && !signedOut) await this.#endContactCenterSession();
    await session.forget();
  }

  /**
   * After each (re)connect: the state sync re-reads, and only once a read
   * succeeded is the state marked live (until then it stays `disconnected`:
   * stale state is never shown as live). Then starts the CC session if it is
   * not started yet.
   */
  async #onLive(): Promise<void> {
    const round = ++this.#round;
    const current = (): boolean => !this.#stopped && round === this.#round;
    if (!(await this.#options.sync.syncAfterConnect(current))) return;
    if (!current() || this.#bayeux.state !== 'connected') return;
    this.#options.sync.markSynced();
    if (!this.#ccStarted && !this.#ccStart) {
      this.#ccStart = this.#startContactCenterSession().finally(() => {
        this.#ccStart = undefined;
      });
    }
  }

  async #startContactCenterSession(): Promise<void> {
    const result = await this.#options.session.post(GwsPath.Me, {
      operationName: 'StartContactCenterSession',
      channels: ['voice'],
    });
    this.#ccStarted = result.ok;
    // Only a definite refusal means "not started"; after a network failure it may have been.
    if (result.ok || result.kind === 'network') this.#ccEndDue = true;
    if (!result.ok) {
      this.#options.reportError(
        'cc-session',
        'warning',
        `StartContactCenterSession failed: ${result.message}`,
      );
    }
  }

  async #endContactCenterSession(): Promise<void> {
    const result = await this.#options.session.post(
      GwsPath.Me,
      { operationName: 'EndContactCenterSession' },
      { whileClosed: true },
    );
    if (!result.ok) {
      this.#options.reportError('cc-session', 'warning', `EndContactCenterSession failed: ${result.message}`);
    }
  }
}
