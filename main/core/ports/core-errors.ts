/**
 * The core's error and sign-in vocabulary: codes and severities, never prose to
 * match. Types only, and at the bottom of the core (ports), so that the REST
 * session and the Bayeux stream can speak it without importing the layers above.
 */

/** Why a sign-in failed. The UI words each code; it never parses `message`. */
export type SignInFailureCode =
  /** HTTP 401 or GWS statusCode 20 on the sign-in request. */
  | 'bad-credentials'
  /** DNS, refused, reset, timeout: no usable answer from the server. */
  | 'unreachable'
  /** The server's certificate is not trusted (or the TLS handshake failed). */
  | 'tls'
  /** Plain `http:` to a host that is not loopback: Basic would travel in clear text. */
  | 'insecure-url'
  /** The server answered, but not as GWS does (5xx, HTML, unreadable body). */
  | 'server-error'
  /** A setting is unusable (bad URL, unreadable CA file, bad proxy URL). */
  | 'config'
  /** stop() ran while signing in, or the core was already stopped. */
  | 'stopped'
  /** start() called twice. */
  | 'already-started';

/** Outcome of {@link AgentCore.start}. */
export type StartResult = { ok: true } | { ok: false; code: SignInFailureCode; message: string };

/** How loud an event should be. `diagnostic` is for the log only, never a toast. */
export type Severity = 'diagnostic' | 'info' | 'warning' | 'error';

/** What an `error` event is about; consumers decide on this, not on the message. */
export type CoreErrorCode =
  /** A recording operation was refused, timed out or left the call `unknown`. */
  | 'recording-failed'
  /** A REST re-read of calls/devices failed (it is retried with back-off). */
  | 'resync-failed'
  /** The server sent a call, device or Bayeux message we could not read. */
  | 'unreadable-event'
  /** An unknown `messageType` arrived (logged quietly, triggers a re-read). */
  | 'unknown-event'
  /** The notification stream had to be rebuilt (handshake, outage, bad advice). */
  | 'stream-recovery'
  /** The server's state differed from what we showed; corrected at once. */
  | 'state-mismatch'
  /** StartContactCenterSession / EndContactCenterSession failed. */
  | 'cc-session'
  /** Anything else worth logging. */
  | 'other';
