/**
 * What the compliance layer ({@link withCompliance}) adds to the core's event
 * vocabulary. Types only. All times are ms of the compliance layer's clock
 * (the core's clock when both are given the same one; `performance.now()`
 * by default), so consumers compute durations, never wall-clock dates, from them.
 */

import type { AgentCore } from '../agent-core.ts';
import type { CommandResult } from '../state/commands.ts';

/** Everything the wrapped core itself delivers (state and error events). */
export type CoreEvent = Parameters<Parameters<AgentCore['subscribe']>[0]>[0];
/** The core's snapshot type. */
export type CoreSnapshot = ReturnType<AgentCore['getSnapshot']>;

/** Reminder levels: 1 at N s paused, 2 at 2N, 3 at 4N. */
export type ReminderLevel = 1 | 2 | 3;

/**
 * A call has been paused for a while. The desktop app escalates per level
 * (1 notification, 2 + sound, 3 flashing tray + window to front); the headless
 * CLI prints it. Fired at most once per level per pause, never while the
 * stream is down or the call's state is unconfirmed (a missed level fires as
 * soon as the server confirms the pause again; only the highest one due).
 */
export interface ReminderEvent {
  type: 'reminder';
  level: ReminderLevel;
  callId: string;
  pausedForMs: number;
  /** Clock ms the pause began (as far as known; see withCompliance). */
  pausedSince: number;
  /** Clock ms of the reminder. */
  at: number;
}

/** Auto-resume is due in `resumeAt - at` ms (10 s by default); `keepPaused` postpones it. */
export interface AutoResumeWarningEvent {
  type: 'auto-resume-warning';
  callId: string;
  /** Clock ms the resume is planned for. */
  resumeAt: number;
  at: number;
}

/**
 * The layer resumed a call by itself, or tried to. `severity: 'error'` (with
 * `phase: 'failed'`) when the resume was refused, got no answer, or could not
 * be sent: the agent must be told loudly, the recording is still paused (or unknown).
 */
export interface AutoResumeEvent {
  type: 'auto-resume';
  callId: string;
  /** The core's answer to ResumeCallRecording. */
  result: CommandResult;
  severity: 'info' | 'error';
  phase: 'done' | 'failed';
  at: number;
}

/** Why a paused call left the workspace. */
export type PausedCallEndReason = 'released' | 'transferred' | 'replaced';

/**
 * A paused call ended while paused: hung up (`released`), transferred away
 * (`transferred`, known only when announced with `markTransfer`: GWS's
 * Released snapshot does not say), or replaced by a call with a new id
 * (`replaced`, `newCallId`: T-Server's `previousConnId`; the pause carries over to it).
 */
export interface CallEndedWhilePausedEvent {
  type: 'call-ended-while-paused';
  callId: string;
  reason: PausedCallEndReason;
  newCallId?: string;
  pausedForMs: number;
  at: number;
}

/** The notification stream went down while a call was paused (once per outage and call). */
export interface StreamLostWhilePausedEvent {
  type: 'stream-lost-while-paused';
  callId: string;
  pausedForMs: number;
  at: number;
}

/** Events only the compliance layer emits. */
export type ComplianceEvent =
  | ReminderEvent
  | AutoResumeWarningEvent
  | AutoResumeEvent
  | CallEndedWhilePausedEvent
  | StreamLostWhilePausedEvent;

/** Everything {@link CompliantCore.subscribe} delivers: the core's events, then the layer's. */
export type CompliantCoreEvent = CoreEvent | ComplianceEvent;

/** One paused call as the compliance layer tracks it (for the app's view). */
export interface PausedCallCompliance {
  callId: string;
  pausedSince: number;
  /** Highest reminder level fired for this pause (0: none yet). */
  reminderLevel: 0 | ReminderLevel;
  /** Clock ms of the planned auto-resume, when auto-resume is on. */
  autoResumeAt?: number;
  /** `keepPaused` uses left for this pause. */
  postponesLeft: number;
}

/** The wrapped core: the same API plus compliance. */
export interface CompliantCore extends Omit<AgentCore, 'subscribe'> {
  /** The core's events, each followed by the compliance events it caused. */
  subscribe(listener: (event: CompliantCoreEvent) => void): () => void;
  /**
   * The agent keeps `callId` (default: the paused status call, else the only
   * paused call) paused: the auto-resume moves to M s from now. Allowed
   * `maxPostpones` times per pause (default once). Audited.
   */
  keepPaused(callId?: string): CommandResult;
  /**
   * Tells the layer that a transfer of `callId` was requested (the core has no
   * transfer command; GWS's Released snapshot looks the same for a transfer
   * and a hang-up), so its end while paused is reported as `transferred`.
   */
  markTransfer(callId: string): void;
  /** The paused calls being tracked, most recently paused first. */
  complianceState(): PausedCallCompliance[];
}
