/**
 * What the app layer needs from the core (`AgentCore`, optionally wrapped by
 * compliance), written structurally so the app depends on the shape and not
 * on one revision of the core: newer fields (per-call `stale`, `pausedSince`,
 * transitions, reminder events, `reconnectNow`, `keepPaused`) are optional
 * here and used when present.
 */

import type { AgentCore } from '../../core/agent-core.ts';
import type { ConnectionState } from '../../core/bayeux/connection.ts';
import type { CommandResult } from '../../core/state/commands.ts';
import type { CoreErrorCode, RecordingTransition, Severity, StartResult } from '../../core/core-events.ts';
import type { RecordingMachineState } from '../../core/state/recording-machine.ts';
import type { DerivedStatus } from '../../core/state/workspace.ts';

/** One call in the core's snapshot. */
export interface CoreCall {
  id: string;
  state: string;
  callType: string | undefined;
  participants: readonly string[];
  capabilities: readonly string[];
  recording: RecordingMachineState;
  /** Not re-confirmed by the server within the reconcile cadence. */
  stale?: boolean;
  /** Time the call was confirmed paused, while it is. */
  pausedSince?: number;
  /** Time the call was first seen. */
  since?: number;
}

/** The core's snapshot. */
export interface CoreSnapshot {
  connection: ConnectionState;
  live: boolean;
  status: DerivedStatus;
  targetCallId: string | undefined;
  statusCallId: string | undefined;
  calls: readonly CoreCall[];
  agentState: string | undefined;
  /** Time the status call was confirmed paused, while it is. */
  pausedSince?: number;
  /** Paused calls other than the status call. */
  otherPausedCallIds?: readonly string[];
}

/** A compliance reminder (main/core/compliance): level 1 at N s paused, 2 at 2N, 3 at 4N. */
export interface CoreReminderEvent {
  type: 'reminder';
  level: 1 | 2 | 3;
  callId: string;
  pausedForMs?: number;
  /** Time the call was confirmed paused. */
  pausedSince?: number;
  at?: number;
}

/** Compliance announces an auto-resume at `resumeAt` (`keepPaused` postpones it). */
export interface CoreAutoResumeWarningEvent {
  type: 'auto-resume-warning';
  callId: string;
  resumeAt: number;
  at?: number;
}

/** Compliance resumed a call by itself (`done`), or tried and failed (`failed`: still paused). */
export interface CoreAutoResumeEvent {
  type: 'auto-resume';
  callId: string;
  phase: 'done' | 'failed';
  result?: CommandResult;
  at?: number;
}

/** Compliance: a paused call ended while paused (hung up, transferred, or replaced by a new call id). */
export interface CoreCallEndedWhilePausedEvent {
  type: 'call-ended-while-paused';
  callId: string;
  reason: 'released' | 'transferred' | 'replaced';
  newCallId?: string;
  pausedForMs?: number;
  at?: number;
}

/** Compliance: the notification stream went down while a call was paused (once per outage). */
export interface CoreStreamLostWhilePausedEvent {
  type: 'stream-lost-while-paused';
  callId: string;
  pausedForMs?: number;
  at?: number;
}

/** Compliance events the app reacts to. */
export type CoreComplianceEvent =
  | CoreReminderEvent
  | CoreAutoResumeWarningEvent
  | CoreAutoResumeEvent
  | CoreCallEndedWhilePausedEvent
  | CoreStreamLostWhilePausedEvent;

/** Everything the app listens to (unknown event types are ignored). */
export type CoreEventLike =
  | { type: 'state'; state: CoreSnapshot; transitions?: readonly RecordingTransition[] }
  | { type: 'error'; message: string; code?: CoreErrorCode; severity?: Severity; callId?: string }
  | CoreComplianceEvent;

/** One paused call as compliance tracks it. */
export interface CorePausedCompliance {
  callId: string;
  reminderLevel: 0 | 1 | 2 | 3;
  autoResumeAt?: number;
}

/** `start()`'s result: the core's own, with a {@link SignInFailureCode} (never prose to match). */
export type CoreStartResult = StartResult;

/** The commands the app drives, exactly as the core declares them. */
type CoreCommands = Pick<
  AgentCore,
  | 'stop'
  | 'toggleRecording'
  | 'pauseRecording'
  | 'resumeRecording'
  | 'startRecording'
  | 'stopRecording'
  | 'answer'
  | 'hold'
  | 'retrieve'
  | 'hangup'
  | 'ready'
  | 'notReady'
>;

/** The core as the app drives it (the core's commands; its snapshot and events as the app reads them). */
export interface AppCore extends CoreCommands {
  start(): Promise<CoreStartResult>;
  getSnapshot(): CoreSnapshot;
  subscribe(listener: (event: CoreEventLike) => void): () => void;
  /** Rebuilds the notification stream now (power resume, network back). */
  reconnectNow?(): void;
  /** Compliance: the agent keeps the call paused (postpones the announced auto-resume). */
  keepPaused?(callId?: string): CommandResult | Promise<CommandResult>;
  /** Compliance: the paused calls it tracks (present when the core is wrapped by `withCompliance`). */
  complianceState?(): readonly CorePausedCompliance[];
}
