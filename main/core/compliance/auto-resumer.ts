/**
 * The auto-resumer: acts on the plan's `auto-resume` decisions through the
 * core, and on the agent's "keep paused" (which moves a planned auto-resume).
 *
 * An auto-resume is audited as requested, then accepted or the failure code,
 * and remembered as pending so the server's confirmation is audited too. A
 * failure is never quiet: an `auto-resume` event with `severity: 'error'`, a
 * loud `recording-failed` error saying the recording is still paused, and a
 * retry after `retryMs` (announced again each time) unless the pause ended.
 * Whatever the outcome, the layer re-plans afterwards.
 */

import type { Clock } from '../ports/clock.ts';
import type { AgentCore } from '../agent-core.ts';
import type { CommandResult } from '../state/commands.ts';
import type { ComplianceAuditor } from './compliance-auditor.ts';
import type { CompliantCoreEvent } from './compliance-events.ts';
import type { PauseTracker, TrackedPause } from './pause-tracker.ts';

/** What {@link AutoResumer} needs. */
export interface AutoResumerDeps {
  core: Pick<AgentCore, 'resumeRecording' | 'getSnapshot'>;
  clock: Clock;
  tracker: PauseTracker;
  auditor: ComplianceAuditor;
  /** Auto-resume after this long paused; undefined = off. */
  autoResumeMs: number | undefined;
  /** Wait before retrying a failed auto-resume. */
  retryMs: number;
  /** `keepPaused` uses per pause (for the refusal's wording). */
  maxPostpones: number;
  /** Delivers an event to the layer's listeners. */
  emit(event: CompliantCoreEvent): void;
  /** Looks at the plan again (an auto-resume settled, or a postpone moved it). */
  replan(): void;
}

/** See the module comment. */
export class AutoResumer {
  readonly #deps: AutoResumerDeps;

  constructor(deps: AutoResumerDeps) {
    this.#deps = deps;
  }

  /** Resumes `pause`'s call; never rejects (the core answers failures as results). */
  async resume(pause: TrackedPause): Promise<void> {
    const { core, clock, auditor } = this.#deps;
    pause.autoResuming = true;
    const at = clock.now();
    auditor.record({
      action: 'auto-resume',
      result: 'requested',
      callId: pause.callId,
      detail: `pausedForMs=${Math.round(at - pause.pausedSince)}`,
    });
    auditor.pending.set(pause.callId, { op: 'resume', at, auto: true });
    const result = await core.resumeRecording(pause.callId);
    pause.autoResuming = false;
    if (result.ok) this.#succeeded(pause, result, at);
    else this.#failed(pause, result, at);
    this.#deps.replan();
  }

  /**
   * The agent keeps `callId` (default: the paused status call, else the only
   * paused call) paused: its auto-resume moves to `autoResumeMs` from now,
   * at most `maxPostpones` times per pause. Audited.
   */
  keepPaused(callId?: string): CommandResult {
    const { core, clock, auditor, autoResumeMs, maxPostpones } = this.#deps;
    const pause = this.#deps.tracker.target(callId, core.getSnapshot().statusCallId);
    if (!pause) return { ok: false, code: 'no-call', reason: 'no paused call to keep paused' };
    if (pause.resumeAt === undefined || autoResumeMs === undefined) {
      const reason = 'auto-resume is off: nothing to postpone';
      return { ok: false, code: 'invalid-state', reason, callId: pause.callId };
    }
    if (pause.postponesLeft <= 0) {
      auditor.record({ action: 'keep-paused', result: 'refused', callId: pause.callId });
      const reason = `auto-resume was already postponed ${maxPostpones} time(s) for this pause`;
      return { ok: false, code: 'invalid-state', reason, callId: pause.callId };
    }
    pause.postponesLeft -= 1;
    pause.resumeAt = clock.now() + autoResumeMs;
    pause.warned = false;
    auditor.record({
      action: 'keep-paused',
      result: 'accepted',
      callId: pause.callId,
      detail: `resumeInMs=${autoResumeMs}`,
    });
    this.#deps.replan();
    return { ok: true, operation: 'KeepPaused', callId: pause.callId };
  }

  #succeeded(pause: TrackedPause, result: CommandResult, at: number): void {
    const now = this.#deps.clock.now();
    this.#deps.auditor.record({
      action: 'auto-resume',
      result: 'accepted',
      callId: pause.callId,
      latencyMs: now - at,
    });
    this.#deps.emit({
      type: 'auto-resume',
      callId: pause.callId,
      result,
      severity: 'info',
      phase: 'done',
      at: now,
    });
  }

  #failed(pause: TrackedPause, result: Extract<CommandResult, { ok: false }>, at: number): void {
    const { clock, auditor, emit } = this.#deps;
    const { callId } = pause;
    const now = clock.now();
    if (auditor.pending.get(callId)?.auto) auditor.pending.delete(callId);
    auditor.record({ action: 'auto-resume', result: result.code, callId, latencyMs: now - at });
    emit({ type: 'auto-resume', callId, result, severity: 'error', phase: 'failed', at: now });
    emit({
      type: 'error',
      code: 'recording-failed',
      severity: 'error',
      message: `AUTO-RESUME FAILED on call ${callId}: recording is still paused (${result.code}); resume it now`,
      callId,
    });
    // Try again later (reported again each time), unless the pause ended meanwhile.
    pause.resumeAt = now + this.#deps.retryMs;
    pause.warned = true;
  }
}
