/**
 * Runs the compliance plan: reads the snapshot and the tracked pauses, asks
 * {@link planCompliance} what is due, hands each decision to the layer, then
 * arms ONE timer on the injected clock for the next due moment. Timers only
 * decide when to look, never what is due.
 *
 * A run never nests: acting on a decision can make the core emit a snapshot
 * (an auto-resume sets the call `resuming`) or a listener call `keepPaused`;
 * the run that asks for then stops the current plan and happens right after
 * it, on the latest snapshot, so no decision is acted on once it is stale and
 * the armed timer is always the latest plan's.
 */

import type { Clock, TimerHandle } from '../ports/clock.ts';
import { planCompliance, type ComplianceDecision } from './compliance-plan.ts';
import type { CoreSnapshot } from './compliance-events.ts';
import type { PauseTracker } from './pause-tracker.ts';

/** Longest delay a Node timer takes without overflowing to 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** What {@link PlanRunner} needs. */
export interface PlanRunnerDeps {
  clock: Clock;
  tracker: PauseTracker;
  /** Reminder base N. */
  reminderMs: number;
  /** Warning lead before an auto-resume. */
  warnMs: number;
  /** The core's current snapshot. */
  snapshot(): CoreSnapshot;
  /** Acts on one decision, made at clock ms `now`. */
  act(decision: ComplianceDecision, now: number): void;
}

/** See the module comment. */
export class PlanRunner {
  readonly #deps: PlanRunnerDeps;
  #timer: TimerHandle | undefined;
  #running = false;
  #again = false;
  #stopped = false;

  constructor(deps: PlanRunnerDeps) {
    this.#deps = deps;
  }

  /** True after {@link PlanRunner.stop}: nothing runs or fires any more. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Acts on what is due now (on `snapshot`, default the core's current one) and re-arms the timer. */
  run(snapshot?: CoreSnapshot): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    try {
      let current = snapshot ?? this.#deps.snapshot();
      for (;;) {
        this.#again = false;
        this.#runOnce(current);
        if (!this.#again || this.#stopped) break;
        current = this.#deps.snapshot();
      }
    } finally {
      this.#running = false;
    }
  }

  /** Stops for good and disarms the timer. */
  stop(): void {
    this.#stopped = true;
    this.#disarm();
  }

  #runOnce(snapshot: CoreSnapshot): void {
    const { clock, tracker, reminderMs, warnMs } = this.#deps;
    const now = clock.now();
    const plan = planCompliance({
      now,
      live: snapshot.live,
      calls: snapshot.calls,
      pauses: tracker.all(),
      reminderMs,
      warnMs,
    });
    for (const decision of plan.decisions) {
      // A plan is acted on only while it is current: acting (or a listener) may have asked for a new one.
      if (this.#stopped || this.#again) return;
      this.#deps.act(decision, now);
    }
    this.#disarm();
    if (plan.wakeAt === undefined || this.#stopped) return;
    this.#timer = clock.setTimeout(
      () => {
        this.#timer = undefined;
        this.run();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, plan.wakeAt - now)),
    );
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
