/**
 * The compliance layer over a real core and a real simulator, its clock
 * driven by hand: reminders, auto-resume, the call-event rules, and the audit
 * trail they leave (verified at the end of every test).
 */

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditFiles } from '../../../../main/core/compliance/audit-verify.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { startComplianceHarness, type ComplianceHarness } from './compliance-harness.ts';

const open: ComplianceHarness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.close();
    const report = verifyAuditFiles([h.auditFile]);
    expect(report.failure, 'the audit log of the test verifies').toBeUndefined();
  }
});

async function harness(...args: Parameters<typeof startComplianceHarness>): Promise<ComplianceHarness> {
  const h = await startComplianceHarness(...args);
  open.push(h);
  return h;
}

const actions = (h: ComplianceHarness, callId: string) =>
  h
    .entries()
    .filter((e) => e.callId === callId)
    .map((e) => `${e.action}:${e.result}`);

describe('reminders', () => {
  it('fire at N, 2N and 4N of pause, each once, and never after resume', async () => {
    const h = await harness();
    const id = await h.recordingCall();
    h.clock.advance(3_600_000);
    expect(h.of('reminder'), 'nothing while recording').toEqual([]);
    expect(h.clock.pending, 'no timer armed without a paused call').toBe(0);

    await h.pause(id);
    h.clock.advance(29_999);
    expect(h.of('reminder')).toEqual([]);
    h.clock.advance(1);
    h.clock.advance(30_000);
    h.clock.advance(60_000);
    h.clock.advance(600_000);
    expect(h.of('reminder').map((r) => [r.level, r.callId, r.pausedForMs])).toEqual([
      [1, id, 30_000],
      [2, id, 60_000],
      [3, id, 120_000],
    ]);

    expect((await h.cc.resumeRecording(id)).ok).toBe(true);
    await h.waitRecording(id, 'recording');
    h.clock.advance(3_600_000);
    expect(h.of('reminder')).toHaveLength(3);
    expect(h.clock.pending).toBe(0);

    // A new pause starts a new ladder.
    await h.pause(id);
    h.clock.advance(30_000);
    expect(h.of('reminder').at(-1)).toMatchObject({ level: 1, pausedForMs: 30_000 });
    expect(actions(h, id)).toEqual(
      expect.arrayContaining([
        'pause:requested',
        'pause:accepted',
        'pause:confirmed',
        'reminder:level-1',
        'reminder:level-2',
        'reminder:level-3',
        'resume:requested',
        'resume:accepted',
        'resume:confirmed',
      ]),
    );
    const confirmed = h.entries().find((e) => e.action === 'pause' && e.result === 'confirmed');
    expect(confirmed?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('re-arm after a simulator restart from the state read back; the outage is reported', async () => {
    const h = await harness();
    const id = await h.recordingCall();
    await h.pause(id);
    h.clock.advance(20_000);
    await h.ctl.restart();
    await waitFor(() => h.of('stream-lost-while-paused').length > 0, 10_000, 'stream lost reported');
    expect(h.of('stream-lost-while-paused')[0]).toMatchObject({ callId: id, pausedForMs: 20_000 });
    h.clock.advance(20_000); // due while the state is unconfirmed: nothing yet
    expect(h.of('reminder')).toEqual([]);
    // Back live, the server says the call is still paused: level 1 fires at once.
    await waitFor(
      () => h.of('reminder').length > 0,
      10_000,
      'reminder after re-read',
      () => h.cc.getSnapshot(),
    );
    expect(h.of('reminder')[0]).toMatchObject({ level: 1, callId: id, pausedForMs: 40_000 });
    h.clock.advance(20_000);
    expect(h.of('reminder').map((r) => r.level)).toEqual([1, 2]);
    expect(actions(h, id)).toContain('stream-lost-while-paused:lost');
  });

  it('re-arm after an app restart from the pause recorded in the audit log', async () => {
    let wall = Date.UTC(2026, 11, 2, 9, 0, 0);
    const first = await startComplianceHarness({ wallNow: () => wall });
    const id = await first.recordingCall();
    await first.pause(id);
    // The app goes away (the call stays paused on the server) and comes back 25 s later.
    await first.cc.stop();
    first.audit.close();
    wall += 25_000;
    const second = await harness({ wallNow: () => wall, auditFile: first.auditFile, simUrl: first.simUrl });
    try {
      await second.waitRecording(id, 'paused');
      second.clock.advance(4_999);
      expect(second.of('reminder')).toEqual([]);
      second.clock.advance(1);
      expect(second.of('reminder')).toEqual([
        expect.objectContaining({ level: 1, callId: id, pausedForMs: 30_000 }),
      ]);
    } finally {
      open.splice(open.indexOf(second), 1);
      await second.close();
      await first.close().catch(() => undefined);
    }
    expect(verifyAuditFiles([first.auditFile]).ok).toBe(true);
  });
});

describe('auto-resume', () => {
  it('is announced 10 s before, postponed once by keepPaused, then resumes on the server', async () => {
    const h = await harness({ compliance: { autoResumeSeconds: 60 } });
    const id = await h.recordingCall();
    await h.pause(id);
    h.clock.advance(49_999);
    expect(h.of('auto-resume-warning')).toEqual([]);
    h.clock.advance(1);
    expect(h.of('auto-resume-warning')).toEqual([expect.objectContaining({ callId: id, resumeAt: 60_000 })]);
    expect(h.cc.keepPaused()).toMatchObject({ ok: true, callId: id });
    h.clock.advance(59_999);
    expect(h.of('auto-resume'), 'postponed').toEqual([]);
    expect(h.of('auto-resume-warning').at(-1)).toMatchObject({ resumeAt: 110_000, at: 100_000 });
    expect(h.cc.keepPaused(id)).toMatchObject({ ok: false, code: 'invalid-state' });
    expect(h.of('auto-resume')).toEqual([]);
    h.clock.advance(1);
    await waitFor(() => h.of('auto-resume').length > 0, 5_000, 'auto-resume');
    expect(h.of('auto-resume')[0]).toMatchObject({ callId: id, severity: 'info', phase: 'done' });
    await h.waitRecording(id, 'recording');
    expect((await h.ctl.state()).calls.find((c) => c.id === id)?.recordingState).toBe('Recording');
    await waitFor(
      () => actions(h, id).includes('auto-resume:confirmed'),
      5_000,
      'auto-resume confirmed entry',
    );
    expect(actions(h, id)).toEqual(
      expect.arrayContaining([
        'auto-resume-warning:announced',
        'keep-paused:accepted',
        'keep-paused:refused',
        'auto-resume:requested',
        'auto-resume:accepted',
      ]),
    );
  });

  it('waits while the call is held, then is announced afresh after the retrieve', async () => {
    const h = await harness({ compliance: { autoResumeSeconds: 20 } });
    const id = await h.recordingCall();
    await h.pause(id);
    expect((await h.cc.hold(id)).ok).toBe(true);
    await waitFor(() => h.cc.getSnapshot().calls.find((c) => c.id === id)?.state === 'Held', 5_000, 'held');
    h.clock.advance(60_000);
    expect(h.of('auto-resume-warning')).toEqual([]);
    expect(h.of('auto-resume')).toEqual([]);
    expect(
      h.of('reminder').map((r) => r.level),
      'reminders go on while held',
    ).toEqual([1, 2]);
    expect((await h.cc.retrieve(id)).ok).toBe(true);
    await waitFor(() => h.of('auto-resume-warning').length > 0, 5_000, 'warning after retrieve');
    expect(h.of('auto-resume-warning')[0]).toMatchObject({ callId: id, resumeAt: 70_000, at: 60_000 });
    h.clock.advance(10_000);
    await waitFor(() => h.of('auto-resume').length > 0, 5_000, 'auto-resume');
    await h.waitRecording(id, 'recording');
  });

  it('that fails is reported loudly (event + error + audit) and retried', async () => {
    const h = await harness({ compliance: { autoResumeSeconds: 20 } });
    const id = await h.recordingCall();
    await h.pause(id);
    await h.ctl.fault({ operation: 'ResumeCallRecording', statusCode: 4, httpStatus: 500, count: 1 });
    h.clock.advance(20_000);
    await waitFor(() => h.of('auto-resume').length > 0, 5_000, 'auto-resume attempt');
    expect(h.of('auto-resume')[0]).toMatchObject({
      callId: id,
      severity: 'error',
      phase: 'failed',
      result: { ok: false, code: 'rejected' },
    });
    expect(
      h
        .of('error')
        .some((e) => 'severity' in e && e.severity === 'error' && /AUTO-RESUME FAILED/.test(e.message)),
    ).toBe(true);
    expect(actions(h, id)).toContain('auto-resume:rejected');
    await h.waitRecording(id, 'paused');
    expect((await h.ctl.state()).calls.find((c) => c.id === id)?.recordingState).toBe('Paused');
    h.clock.advance(10_000);
    await h.waitRecording(id, 'recording');
    expect(h.of('auto-resume').at(-1)).toMatchObject({ severity: 'info', phase: 'done' });
  });
});

describe('call events while paused', () => {
  it('hold keeps the pause visible and reminding; a second call never hides it', async () => {
    const h = await harness();
    const first = await h.recordingCall();
    await h.pause(first);
    expect((await h.cc.hold(first)).ok).toBe(true);
    await waitFor(
      () => h.cc.getSnapshot().calls.find((c) => c.id === first)?.state === 'Held',
      5_000,
      'held',
    );
    expect(h.cc.getSnapshot()).toMatchObject({ status: 'paused', statusCallId: first });
    const second = await h.recordingCall();
    const snapshot = h.cc.getSnapshot();
    expect(snapshot).toMatchObject({ status: 'recording', statusCallId: second });
    expect(snapshot.otherPausedCallIds).toEqual([first]);
    h.clock.advance(30_000);
    expect(h.of('reminder')).toEqual([expect.objectContaining({ level: 1, callId: first })]);
    expect(h.cc.complianceState()).toEqual([expect.objectContaining({ callId: first, reminderLevel: 1 })]);
  });

  it('a call released while paused: explicit event, audit entry, reminders stop', async () => {
    const h = await harness();
    const id = await h.recordingCall();
    await h.pause(id);
    await h.ctl.release(id);
    await waitFor(() => h.of('call-ended-while-paused').length > 0, 5_000, 'call ended event');
    expect(h.of('call-ended-while-paused')[0]).toMatchObject({ callId: id, reason: 'released' });
    expect(actions(h, id)).toContain('call-ended-while-paused:released');
    h.clock.advance(3_600_000);
    expect(h.of('reminder')).toEqual([]);
    expect(h.clock.pending).toBe(0);
  });

  it('a call transferred away while paused is reported as transferred', async () => {
    const h = await harness();
    const id = await h.recordingCall();
    await h.pause(id);
    h.cc.markTransfer(id);
    await h.operate(id, { operationName: 'SingleStepTransfer', destination: { phoneNumber: '7002' } });
    await waitFor(() => h.of('call-ended-while-paused').length > 0, 5_000, 'call ended event');
    expect(h.of('call-ended-while-paused')[0]).toMatchObject({ callId: id, reason: 'transferred' });
    expect(actions(h, id)).toContain('call-ended-while-paused:transferred');
  });
});

describe('audit trail', () => {
  it('never holds the password, a token or any userData value', async () => {
    const password = 'Pw-9f8e7d6c';
    const h = await harness({
      password,
      sim: { agents: [{ userName: 'agent1', password, dn: '7001' }], csrf: true },
      compliance: { autoResumeSeconds: 15 },
    });
    const card = '4111111111111111';
    const id = await h.ctl.createCall({
      state: 'Established',
      recording: true,
      userData: { Card: card },
    } as never);
    await h.waitRecording(id, 'recording');
    await h.pause(id);
    await h.ctl.fault({
      operation: 'ResumeCallRecording',
      statusCode: 4,
      statusMessage: `token ${card}`,
      count: 1,
    });
    h.clock.advance(15_000);
    await waitFor(() => h.of('auto-resume').length > 0, 5_000, 'auto-resume attempt');
    await h.close();
    open.splice(0);
    const text = readFileSync(h.auditFile, 'utf8');
    for (const secret of [password, card, 'JSESSIONID', 'Basic ', 'Card', 'token']) {
      expect(text).not.toContain(secret);
    }
    // A CSRF token is a UUID with dashes; no audit field ever holds one.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i);
    expect(text).toContain('"sign-in"');
    expect(text).toContain('"sign-out"');
    expect(verifyAuditFiles([h.auditFile]).ok).toBe(true);
  });
});
