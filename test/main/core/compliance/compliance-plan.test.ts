/**
 * The compliance plan as plain data in, decisions out: the reminder ladder,
 * nothing on an unconfirmed pause, the auto-resume warning and its full lead,
 * held calls, and when to look again. No clock, core or server.
 */

import { describe, expect, it } from 'vitest';
import {
  planCompliance,
  type PauseProgress,
  type PlanCall,
  type PlanInput,
} from '../../../../main/core/compliance/compliance-plan.ts';

const N = 30_000;

function pause(callId: string, extra: Partial<PauseProgress> = {}): PauseProgress {
  return {
    callId,
    pausedSince: 0,
    reminderLevel: 0,
    resumeAt: undefined,
    warned: false,
    autoResuming: false,
    ...extra,
  };
}

function paused(id: string, extra: Partial<PlanCall> = {}): PlanCall {
  return { id, state: 'Established', recording: 'paused', stale: false, ...extra };
}

function plan(now: number, pauses: PauseProgress[], calls: PlanCall[], extra: Partial<PlanInput> = {}) {
  return planCompliance({ now, live: true, calls, pauses, reminderMs: N, warnMs: 10_000, ...extra });
}

describe('reminders', () => {
  it('are due at N, 2N and 4N of pause, and the plan wakes at the next level', () => {
    expect(plan(N - 1, [pause('c1')], [paused('c1')])).toEqual({ decisions: [], wakeAt: N });
    expect(plan(N, [pause('c1')], [paused('c1')])).toEqual({
      decisions: [{ kind: 'remind', callId: 'c1', level: 1, pausedForMs: N, pausedSince: 0 }],
      wakeAt: 2 * N,
    });
    expect(plan(2 * N, [pause('c1', { reminderLevel: 1 })], [paused('c1')]).decisions).toEqual([
      expect.objectContaining({ kind: 'remind', level: 2 }),
    ]);
    expect(plan(4 * N, [pause('c1', { reminderLevel: 2 })], [paused('c1')])).toEqual({
      decisions: [expect.objectContaining({ kind: 'remind', level: 3 })],
      wakeAt: undefined,
    });
  });

  it('fire once per level: a level already fired is not due again', () => {
    expect(plan(N + 5, [pause('c1', { reminderLevel: 1 })], [paused('c1')])).toEqual({
      decisions: [],
      wakeAt: 2 * N,
    });
  });

  it('after an unconfirmed stretch only the highest level due fires', () => {
    const due = plan(5 * N, [pause('c1', { pausedSince: 0 })], [paused('c1')]);
    expect(due.decisions).toEqual([
      { kind: 'remind', callId: 'c1', level: 3, pausedForMs: 5 * N, pausedSince: 0 },
    ]);
  });

  it('are counted from the pause start, also a restored one (before clock 0)', () => {
    const due = plan(5_000, [pause('c1', { pausedSince: -25_000 })], [paused('c1')]);
    expect(due.decisions).toEqual([expect.objectContaining({ level: 1, pausedForMs: 30_000 })]);
  });
});

describe('nothing is due on a pause the server does not confirm now', () => {
  const late = 10 * N;
  const cases: [string, PlanCall[], Partial<PlanInput>][] = [
    ['stream down', [paused('c1')], { live: false }],
    ['call stale', [paused('c1', { stale: true })], {}],
    ['resume pending', [paused('c1', { recording: 'resuming' })], {}],
    ['recording unknown', [paused('c1', { recording: 'unknown' })], {}],
    ['call not in the snapshot', [], {}],
  ];
  it.each(cases)('%s', (_why, calls, extra) => {
    const pauses = [pause('c1', { resumeAt: N })];
    expect(plan(late, pauses, calls, extra)).toEqual({ decisions: [], wakeAt: undefined });
  });
});

describe('auto-resume', () => {
  const at = 60_000;

  it('is announced warnMs before, then due at resumeAt; the plan wakes for each', () => {
    expect(plan(29_999, [pause('c1', { resumeAt: at })], [paused('c1')]).wakeAt).toBe(30_000);
    expect(plan(49_999, [pause('c1', { resumeAt: at, reminderLevel: 1 })], [paused('c1')])).toEqual({
      decisions: [],
      wakeAt: 50_000,
    });
    expect(plan(50_000, [pause('c1', { resumeAt: at, reminderLevel: 1 })], [paused('c1')])).toEqual({
      decisions: [{ kind: 'warn', callId: 'c1', resumeAt: at }],
      wakeAt: at,
    });
    const warned = pause('c1', { resumeAt: at, reminderLevel: 1, warned: true });
    expect(plan(at - 1, [warned], [paused('c1')])).toEqual({ decisions: [], wakeAt: at });
    expect(plan(at, [{ ...warned, reminderLevel: 2 }], [paused('c1')])).toEqual({
      decisions: [{ kind: 'auto-resume', callId: 'c1' }],
      wakeAt: 4 * N,
    });
  });

  it('gives the full warning when its moment passed unconfirmed, and resumes only after it', () => {
    const late = pause('c1', { resumeAt: at, reminderLevel: 2 });
    expect(plan(at + 5_000, [late], [paused('c1')])).toEqual({
      decisions: [{ kind: 'warn', callId: 'c1', resumeAt: at + 15_000 }],
      wakeAt: at + 15_000,
    });
  });

  it('with no warning lead, is announced and due in the same plan, in that order', () => {
    const due = plan(at, [pause('c1', { resumeAt: at, reminderLevel: 2 })], [paused('c1')], { warnMs: 0 });
    expect(due.decisions.map((d) => d.kind)).toEqual(['warn', 'auto-resume']);
  });

  it('waits while the call is held (reminders go on) and while a resume is in flight', () => {
    const held = plan(
      at + 1,
      [pause('c1', { resumeAt: at, reminderLevel: 1 })],
      [paused('c1', { state: 'Held' })],
    );
    expect(held).toEqual({
      decisions: [expect.objectContaining({ kind: 'remind', level: 2 })],
      wakeAt: 4 * N,
    });
    const inFlight = pause('c1', { resumeAt: at, reminderLevel: 2, warned: true, autoResuming: true });
    expect(plan(at + 1, [inFlight], [paused('c1')])).toEqual({ decisions: [], wakeAt: 4 * N });
  });

  it('is never planned when off (resumeAt undefined)', () => {
    expect(plan(10 * N, [pause('c1', { reminderLevel: 3 })], [paused('c1')])).toEqual({
      decisions: [],
      wakeAt: undefined,
    });
  });
});

it('plans each confirmed pause in order and wakes at the soonest moment of any', () => {
  const due = plan(
    40_000,
    [pause('c1', { pausedSince: 0 }), pause('c2', { pausedSince: 20_000 }), pause('c3', { pausedSince: 0 })],
    [paused('c1'), paused('c2'), paused('c3', { stale: true })],
  );
  expect(due.decisions).toEqual([expect.objectContaining({ callId: 'c1', level: 1 })]);
  expect(due.wakeAt, 'c2 reaches level 1 at 50 s, before c1 reaches level 2').toBe(50_000);
});
