/**
 * What the workspace hands to consumers (immutable snapshots) and what it
 * needs from its owner. Types only, so every layer can import them.
 */

import type { Clock } from '../ports/clock.ts';
import type { ConnectionState } from '../bayeux/connection.ts';
import type { DerivedStatus } from './derive-status.ts';
import type { RecordingMachineState } from './recording-machine.ts';

/** One call as consumers see it. */
export interface CallView {
  id: string;
  state: string;
  callType: string | undefined;
  /** Remote party numbers (both participant formats normalised). */
  participants: string[];
  capabilities: readonly string[];
  recording: RecordingMachineState;
  recordingError: string | undefined;
  /**
   * True when `recording` is not confirmed as current: the stream is down (or
   * not re-read since the last reconnect), or the server has not confirmed the
   * call within the reconcile window. Never present a stale state as confirmed.
   */
  stale: boolean;
  /** Clock ms the pause was first confirmed; present while the last confirmed state is Paused. */
  pausedSince?: number;
  /** Clock ms the call was first seen. */
  since?: number;
  /** The call this one replaced (T-Server changed the ConnID: `previousConnId`). */
  previousCallId?: string;
}

/** Immutable state snapshot handed to consumers. */
export interface WorkspaceSnapshot {
  connection: ConnectionState;
  /** True when subscribed *and* state was re-read after the latest (re)connect. */
  live: boolean;
  status: DerivedStatus;
  /** The call `toggleRecording()` would act on. */
  targetCallId: string | undefined;
  /**
   * The call `status` describes: the target, or else the most recently
   * established Held call, so a recording paused before a hold stays in sight.
   */
  statusCallId: string | undefined;
  calls: CallView[];
  /** Voice agent state (`Ready`, `NotReady`, …) from the device, if known. */
  agentState: string | undefined;
  /** `workMode` of the agent state, if any (e.g. `AfterCallWork`). */
  agentWorkMode: string | undefined;
  /** Clock ms of this snapshot (the core's clock), to tick durations from. */
  at: number;
  /** When the status call's pause was confirmed, while its last confirmed state is Paused. */
  pausedSince?: number;
  /**
   * Paused calls other than `statusCallId`, most recently established first.
   * `status` always describes the status call (the one the hotkey acts on, or
   * the held one); a second call answered while the first is paused on hold
   * must never hide that pause, so it is listed here.
   */
  otherPausedCallIds: string[];
}

/** Construction options of {@link Workspace}. */
export interface WorkspaceOptions {
  /** Time source of the recording timeouts. */
  clock: Clock;
  /** How long a recording op may stay pending; default `DEFAULT_RECORDING_TIMEOUT_MS` (5 s). */
  recordingTimeoutMs?: number;
  /** Any change that may alter the snapshot. */
  onChange(): void;
  /** A recording op failed or timed out (the message says which call and why). */
  onRecordingError(callId: string, message: string): void;
  /**
   * The workspace cannot trust its state: re-read it over REST. `code` says
   * why: an event type we do not know (quiet), a malformed event, or a
   * recording operation the server never confirmed.
   */
  onNeedsRefresh(
    reason: string,
    code?: 'unknown-event' | 'unreadable-event' | 'unconfirmed' | 'unlisted-call',
  ): void;
  /**
   * A REST read found a call's recording state different from the confirmed
   * state we showed (a lost event, or the server changed it by itself). It is
   * already corrected; the owner reports it.
   */
  onMismatch?(callId: string, shown: RecordingMachineState, actual: RecordingMachineState): void;
  /**
   * A confirmed recording state older than this (ms since the server last
   * reported the call) is `stale` and the status `unknown`. Undefined: never
   * by age (only while not live).
   */
  staleAfterMs?: number;
  /**
   * The same limit for a call plainly recording or not recording (confirmed,
   * nothing pending): it is re-read less often, so its confirmation holds
   * longer. Default: `staleAfterMs`.
   */
  plainStaleAfterMs?: number;
  /**
   * Take calls in only from REST reads of the agent's own calls: an event for
   * a call no read has listed, or on a device that is not the agent's, only
   * asks for a read (`onNeedsRefresh`, code `unlisted-call`). The core sets
   * it; a bare workspace (unit tests, benches) takes every event as before.
   */
  listedCallsOnly?: boolean;
}

/** How often the owner should re-read the calls (see `Workspace.reconcileCadence`). */
export type ReconcileCadence = 'none' | 'slow' | 'fast';

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
