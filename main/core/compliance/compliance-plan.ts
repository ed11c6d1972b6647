/**
 * The compliance plan: given the calls as the server last confirmed them, the
 * pauses being followed and the time, which reminders, auto-resume warnings
 * and auto-resumes are due now, and when to look again. A plain function of
 * plain data, so every rule is pinned by a test without a clock, a core or a
 * server; the layer only acts on the decisions.
 *
 * The rules: nothing is due for a pause the server does not confirm right now
 * (stream down, or the call `stale`): a level that fell due meanwhile fires
 * as soon as it is confirmed again, only the highest one. Auto-resume acts on
 * an Established call only (GWS offers no recording operations while Held),
 * is announced `warnMs` before, and the agent always gets the full warning,
 * also when the moment passed while unconfirmed or held.
 */

import type { CallView } from '../state/workspace-types.ts';
import type { ReminderLevel } from './compliance-events.ts';
import { dueLevel, nextLevelAt } from './pause-clock.ts';

/** What the plan reads of a pause (see `TrackedPause`). */
export interface PauseProgress {
  callId: string;
  pausedSince: number;
  reminderLevel: 0 | ReminderLevel;
  resumeAt: number | undefined;
  warned: boolean;
  autoResuming: boolean;
}

/** What the plan reads of a call. */
export type PlanCall = Pick<CallView, 'id' | 'state' | 'recording' | 'stale'>;

/** The plan's inputs: plain data. */
export interface PlanInput {
  /** Clock ms. */
  now: number;
  /** The stream is up and the state re-read since (the snapshot's `live`). */
  live: boolean;
  calls: readonly PlanCall[];
  pauses: readonly PauseProgress[];
  /** Reminder base N (levels at N, 2N, 4N). */
  reminderMs: number;
  /** Warning lead before an auto-resume. */
  warnMs: number;
}

/** One thing to do now, for one call. */
export type ComplianceDecision =
  | { kind: 'remind'; callId: string; level: ReminderLevel; pausedForMs: number; pausedSince: number }
  | { kind: 'warn'; callId: string; resumeAt: number }
  | { kind: 'auto-resume'; callId: string };

/** The decisions due now, in the order to act on them, and when the next one falls due. */
export interface CompliancePlan {
  decisions: ComplianceDecision[];
  /** Clock ms of the next due moment; undefined when nothing will fall due without a new snapshot. */
  wakeAt: number | undefined;
}

/** What is due for every confirmed pause at `input.now`; see the module comment. */
export function planCompliance(input: PlanInput): CompliancePlan {
  const decisions: ComplianceDecision[] = [];
  let wakeAt = Number.POSITIVE_INFINITY;
  for (const pause of input.pauses) {
    const call = confirmedPaused(input, pause.callId);
    if (!call) continue;
    const planned = planPause(pause, call, input);
    decisions.push(...planned.decisions);
    wakeAt = Math.min(wakeAt, planned.wakeAt ?? wakeAt);
  }
  return { decisions, wakeAt: wakeAt === Number.POSITIVE_INFINITY ? undefined : wakeAt };
}

/** The call, when the server's word on it is `paused` and current (live, not stale). */
function confirmedPaused(input: PlanInput, callId: string): PlanCall | undefined {
  const call = input.calls.find((c) => c.id === callId);
  return input.live && call?.recording === 'paused' && !call.stale ? call : undefined;
}

/** The decisions for one confirmed pause. */
function planPause(pause: PauseProgress, call: PlanCall, input: PlanInput): CompliancePlan {
  const { now, reminderMs, warnMs } = input;
  const decisions: ComplianceDecision[] = [];
  const pausedForMs = now - pause.pausedSince;
  const due = dueLevel(pausedForMs, reminderMs);
  let level = pause.reminderLevel;
  if (due !== 0 && due > level) {
    level = due;
    decisions.push({
      kind: 'remind',
      callId: pause.callId,
      level,
      pausedForMs,
      pausedSince: pause.pausedSince,
    });
  }
  let wakeAt = nextLevelAt(pause.pausedSince, reminderMs, level);
  if (pause.resumeAt === undefined || pause.autoResuming || call.state !== 'Established') {
    return { decisions, wakeAt };
  }
  let { resumeAt, warned } = pause;
  if (!warned && now >= resumeAt - warnMs) {
    warned = true;
    resumeAt = Math.max(resumeAt, now + warnMs);
    decisions.push({ kind: 'warn', callId: pause.callId, resumeAt });
  }
  if (now >= resumeAt) decisions.push({ kind: 'auto-resume', callId: pause.callId });
  else wakeAt = Math.min(wakeAt ?? Number.POSITIVE_INFINITY, warned ? resumeAt : resumeAt - warnMs);
  return { decisions, wakeAt };
}
