/**
 * The trigger registry's rules as an agent would notice them: a card field pauses the live call, the page says
 * "paused" only once the server confirmed it, "NOT PAUSED" at the deadline, the last source out resumes after the
 * grace, the cap ends any pause, a manual resume during a payment step needs an override. Time is a manual clock.
 */

import { describe, expect, it } from 'vitest';
import type { TriggerRunnerEvent } from '../../../../main/core/triggers/trigger-runner.ts';
import { createTriggerRunner } from '../../../../main/core/triggers/trigger-runner.ts';
import type { CallRecordingView, TriggerPolicy } from '../../../../main/core/triggers/trigger-types.ts';
import { DEFAULT_TRIGGER_POLICY } from '../../../../main/core/triggers/trigger-types.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { FakeTriggerCore, settle } from './fake-trigger-core.ts';

const policy: TriggerPolicy = { ...DEFAULT_TRIGGER_POLICY, capMs: 60_000, capWarningMs: 10_000 };

function setup(calls: CallRecordingView[] = [{ callId: 'c1', recording: 'recording' }]) {
  const clock = new ManualClock();
  const core = new FakeTriggerCore(calls);
  const runner = createTriggerRunner({ port: core, clock, policy });
  const events: TriggerRunnerEvent[] = [];
  runner.on((e) => events.push(e));
  return { clock, core, runner, events };
}

describe('trigger runner', () => {
  it('pauses the live call on a card field and says paused only after the server confirmed', async () => {
    const { core, runner } = setup();
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    expect(core.sent).toEqual([
      { kind: 'pause', callId: 'c1', request: { trigger: 'extension', ruleId: 'pay' } },
    ]);
    expect(runner.pageState).toBe('pausing');
    core.confirm('c1', 'paused');
    expect(runner.pageState).toBe('paused');
  });

  it('raises NOT PAUSED exactly at the deadline and clears it on a late confirmation', async () => {
    const { clock, core, runner } = setup();
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    clock.advance(policy.deadlineMs - 1);
    expect(runner.pageState).toBe('pausing');
    clock.advance(1);
    expect(runner.pageState).toBe('not-paused');
    core.confirm('c1', 'paused');
    expect(runner.pageState).toBe('paused');
  });

  it('tells the page there is no live call and sends nothing', async () => {
    const { core, runner } = setup([]);
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    expect(runner.pageState).toBe('no-call');
    expect(core.sent).toEqual([]);
  });

  it('counts sources: the last one out resumes, and only after the grace', async () => {
    const { clock, core, runner } = setup();
    core.autoConfirm = true;
    runner.sourceStart('tab1', 'extension', 'pay');
    runner.sourceStart('tab2', 'extension', 'pay');
    runner.sourceStart('till', 'window-rule', 'till');
    await settle();
    runner.sourceEnd('tab1');
    runner.sourceEnd('till');
    clock.advance(60_000 - 20_000);
    await settle();
    expect(core.sent.filter((s) => s.kind === 'resume')).toEqual([]);
    runner.sourceEnd('tab2');
    clock.advance(policy.graceMs - 1);
    await settle();
    expect(core.recordingOf('c1')).toBe('paused');
    clock.advance(1);
    await settle();
    expect(core.sent.at(-1)).toEqual({ kind: 'resume', callId: 'c1', request: { trigger: 'auto-resume' } });
    expect(core.recordingOf('c1')).toBe('recording');
    expect(runner.pageState).toBe('idle');
  });

  it('a new source within the grace keeps the pause', async () => {
    const { clock, core, runner } = setup();
    core.autoConfirm = true;
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    runner.sourceEnd('tab1');
    clock.advance(policy.graceMs - 100);
    runner.sourceStart('tab2', 'extension', 'pay');
    clock.advance(10_000);
    await settle();
    expect(core.sent.map((s) => s.kind)).toEqual(['pause']);
  });

  it('the cap warns first, then resumes with trigger cap and does not pause again while the source stays', async () => {
    const { clock, core, runner, events } = setup();
    core.autoConfirm = true;
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    clock.advance(policy.capMs - policy.capWarningMs);
    expect(events).toContainEqual({
      type: 'notice',
      notice: { type: 'cap-warning', callId: 'c1', endsAt: policy.capMs },
    });
    expect(runner.pageState).toBe('cap-warning');
    expect(core.recordingOf('c1')).toBe('paused');
    clock.advance(policy.capWarningMs);
    await settle();
    expect(events).toContainEqual({ type: 'notice', notice: { type: 'cap-ended', callId: 'c1' } });
    expect(core.sent.at(-1)).toEqual({ kind: 'resume', callId: 'c1', request: { trigger: 'cap' } });
    expect(runner.pageState).toBe('cap-ended');
    clock.advance(120_000);
    runner.sourceStart('tab2', 'extension', 'pay');
    await settle();
    expect(core.sent.map((s) => s.kind)).toEqual(['pause', 'resume']);
    runner.sourceEnd('tab1');
    runner.sourceEnd('tab2');
    runner.sourceStart('tab3', 'extension', 'pay');
    await settle();
    expect(core.sent.map((s) => s.kind)).toEqual(['pause', 'resume', 'pause']);
  });

  it('refuses a manual resume during a payment step unless overridden, and records the override', async () => {
    const { core, runner, events } = setup();
    core.autoConfirm = true;
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    expect(await runner.manualResume('hotkey', false)).toEqual({
      ok: false,
      reason: 'source-active',
      ruleIds: ['pay'],
    });
    expect(core.recordingOf('c1')).toBe('paused');
    expect(await runner.manualResume('hotkey', true)).toEqual({ ok: true });
    expect(core.sent.at(-1)).toEqual({
      kind: 'resume',
      callId: 'c1',
      request: { trigger: 'hotkey', override: true, ruleId: 'pay' },
    });
    expect(events).toContainEqual({ type: 'override', trigger: 'hotkey', ruleIds: ['pay'] });
    expect(runner.pageState).toBe('not-paused');
    runner.sourceStart('tab2', 'extension', 'pay');
    await settle();
    expect(core.sent.map((s) => s.kind)).toEqual(['pause', 'resume']);
  });

  it('retries a refused pause on a back-off and keeps the page honest meanwhile', async () => {
    const { clock, core, runner } = setup();
    core.refuse = 'GWS said no';
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    expect(core.sent).toHaveLength(1);
    clock.advance(policy.retryBaseMs - 1);
    await settle();
    expect(core.sent).toHaveLength(1);
    clock.advance(1);
    await settle();
    expect(core.sent).toHaveLength(2);
    clock.advance(policy.deadlineMs);
    await settle();
    expect(runner.pageState).toBe('not-paused');
    core.refuse = undefined;
    core.autoConfirm = true;
    clock.advance(policy.retryMaxMs);
    await settle();
    expect(runner.pageState).toBe('paused');
  });

  it('sends an accepted but never confirmed pause again after the confirmation wait', async () => {
    const { clock, core, runner } = setup();
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    clock.advance(policy.confirmWaitMs - 1);
    await settle();
    expect(core.sent).toHaveLength(1);
    clock.advance(1);
    await settle();
    expect(core.sent).toHaveLength(2);
  });

  it('a lost connection ends its sources (then grace, then resume)', async () => {
    const { clock, core, runner } = setup();
    core.autoConfirm = true;
    runner.sourceStart('conn1/1.0.1', 'extension', 'pay');
    runner.sourceStart('conn1/2.0.1', 'extension', 'pay');
    await settle();
    runner.endSources('conn1/');
    clock.advance(policy.graceMs);
    await settle();
    expect(core.recordingOf('c1')).toBe('recording');
  });

  it("a pause the agent made by hand stays the agent's: not resumed when the step ends", async () => {
    const { clock, core, runner } = setup([{ callId: 'c1', recording: 'paused' }]);
    runner.sourceStart('tab1', 'extension', 'pay');
    await settle();
    expect(runner.pageState).toBe('paused');
    runner.sourceEnd('tab1');
    clock.advance(policy.graceMs * 2);
    await settle();
    expect(core.sent).toEqual([]);
  });
});
