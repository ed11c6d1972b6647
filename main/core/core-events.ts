import type { RecordingMachineState } from './recording-machine.ts';
import type { WorkspaceSnapshot } from './workspace.ts';

/**
 * The vocabulary the core speaks to its consumers (desktop app, browser mode,
 * headless CLI, compliance layer): codes and severities, never prose to match.
 * Messages are for people (logs, tooltips); decisions are made on codes.
 *
 * This file holds types only, so every layer can import it (`import type`)
 * without pulling the core's runtime in.
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

/** A confirmed recording transition: the server's word, with the time we learnt it. */
export interface RecordingTransition {
  callId: string;
  /** The last confirmed state before (`unknown` when we had none, e.g. a new call). */
  from: RecordingMachineState;
  /** The newly confirmed state. */
  to: RecordingMachineState;
  /** Epoch ms from the core's injected clock. */
  at: number;
  /** What confirmed it: a Bayeux event, a REST re-read, or a reconciliation that corrected us. */
  source: 'event' | 'read' | 'reconcile';
}

/**
 * A state event: the whole snapshot, emitted only when it differs from the
 * previous one (ignoring `at`), with the recording transitions confirmed since
 * the previous state event, oldest first.
 */
export interface CoreStateEvent {
  type: 'state';
  state: WorkspaceSnapshot;
  transitions: RecordingTransition[];
}

/**
 * An error event. Consumers decide on `code` and `severity` (a `diagnostic`
 * goes to the log only); `message` is redacted prose for people.
 */
export interface CoreErrorEvent {
  type: 'error';
  code: CoreErrorCode;
  severity: Severity;
  message: string;
  /** The call it is about, when there is one. */
  callId?: string;
}

/** Everything {@link AgentCore.subscribe} delivers. */
export type CoreEvent = CoreStateEvent | CoreErrorEvent;
