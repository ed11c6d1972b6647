/**
 * The plan runner on a manual clock over a real pause tracker: one timer for
 * the next due moment, a plan dropped as soon as it is stale (a listener
 * acted in between), and nothing after stop.
 */

import { describe, expect, it } from 'vitest';
import type { ComplianceDecision } from '../../../../main/core/compliance/compliance-plan.ts';
import { PauseTracker } from '../../../../main/core/compliance/pause-tracker.ts';
import { MAX_TIMER_MS, PlanRunner } from '../../../../main/core/compliance/plan-runner.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { callView, snapshotOf } from './snapshots.ts';

function setup(options: { reminderMs?: number; warnMs?: number; autoResumeMs?: number } = {}) {
  const clock = new ManualClock();
  const tracker = new PauseTracker({
    pausedSinceOf: (_id, now) => now,
    autoResumeMs: options.autoResumeMs,
    maxPostpones: 1,
  });
  const snapshot = snapshotOf([callView('c1', 'paused'), callView('c2', 'paused')]);
  tracker.observe(snapshot, [], 0);
  const acted: (ComplianceDecision & { at: number })[] = [];
  let onAct: (decision: ComplianceDecision) => void = () => undefined;
  const runner = new PlanRunner({
    clock,
    tracker,
    reminderMs: options.reminderMs ?? 30_000,
    warnMs: options.warnMs ?? 10_000,
    snapshot: () => snapshot,
    act(decision, now) {
      acted.push({ ...decision, at: now });
      const pause = tracker.get(decision.callId);
      if (pause && decision.kind === 'remind') pause.reminderLevel = decision.level;
      if (pause && decision.kind === 'warn')
        Object.assign(pause, { warned: true, resumeAt: decision.resumeAt });
      onAct(decision);
    },
  });
  return { clock, tracker, runner, acted, setOnAct: (f: typeof onAct) => (onAct = f) };
}

describe('PlanRunner', () => {
  it('arms one timer for the next due moment and acts when it fires', () => {
    const { clock, runner, acted } = setup();
    runner.run();
    runner.run();
    expect(clock.dueTimes(), 'one timer, however often it runs').toEqual([30_000]);
    clock.advance(30_000);
    expect(acted.map((d) => [d.kind, d.callId, d.at])).toEqual([
      ['remind', 'c1', 30_000],
      ['remind', 'c2', 30_000],
    ]);
    expect(clock.dueTimes()).toEqual([60_000]);
  });

  it('drops a plan that went stale while acting, and plans again on the latest state', () => {
    // No warning lead: the warning and the auto-resume are due in the same plan.
    const { clock, runner, acted, tracker, setOnAct } = setup({
      reminderMs: 86_400_000,
      warnMs: 0,
      autoResumeMs: 60_000,
    });
    setOnAct((decision) => {
      if (decision.kind !== 'warn' || decision.callId !== 'c1') return;
      // A listener of the warning keeps c1 paused, which re-plans at once.
      Object.assign(tracker.get('c1') ?? {}, { resumeAt: clock.now() + 60_000, warned: false });
      runner.run();
    });
    runner.run();
    clock.advance(60_000);
    expect(acted.map((d) => `${d.kind}:${d.callId}`)).toEqual(['warn:c1', 'warn:c2', 'auto-resume:c2']);
    expect(clock.dueTimes()).toEqual([120_000]);
  });

  it('stops for good: the timer is disarmed and nothing runs any more', () => {
    const { clock, runner, acted } = setup();
    runner.run();
    runner.stop();
    expect(runner.stopped).toBe(true);
    expect(clock.pending).toBe(0);
    runner.run();
    clock.advance(3_600_000);
    expect(acted).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('caps a far wake-up at the longest delay a Node timer takes', () => {
    const { clock, runner } = setup({ reminderMs: 3 * MAX_TIMER_MS });
    runner.run();
    expect(clock.dueTimes()).toEqual([MAX_TIMER_MS]);
  });
});
