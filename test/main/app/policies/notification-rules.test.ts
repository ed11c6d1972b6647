import { describe, expect, it } from 'vitest';
import {
  notificationForCommandResult,
  notificationForComplianceEvent,
  notificationForHotkeyProblem,
  notificationForReminder,
  notificationsForViewChange,
} from '../../../../main/app/policies/notification-rules.ts';
import { call, view, withCall } from '../views.ts';

const ctx = { hotkey: 'Ctrl+Alt+P' };
const codes = (list: { code: string }[]) => list.map((n) => n.code);

describe('notifications from view changes (confirmed state only)', () => {
  it('"Recording paused" with the hotkey, once, on the confirmed transition', () => {
    const pausing = withCall(call({ recording: 'pausing' }));
    const paused = withCall(call({ recording: 'paused' }));
    const out = notificationsForViewChange(pausing, paused, ctx);
    expect(out).toEqual([
      {
        code: 'recording-paused',
        severity: 'info',
        title: 'Recording paused',
        body: 'Press Ctrl+Alt+P to resume.',
        callId: 'c1',
        sound: false,
        attention: 'none',
      },
    ]);
    // The request alone (pausing) says nothing; neither does staying paused.
    expect(notificationsForViewChange(withCall(call()), pausing, ctx)).toEqual([]);
    expect(notificationsForViewChange(paused, paused, ctx)).toEqual([]);
  });

  it('no "paused" from a stale or not-live view', () => {
    const before = withCall(call());
    expect(
      notificationsForViewChange(before, withCall(call({ recording: 'paused', stale: true })), ctx),
    ).toEqual([]);
    expect(
      notificationsForViewChange(
        before,
        withCall(call({ recording: 'paused' }), { connection: 'connecting' }),
        ctx,
      ),
    ).not.toContainEqual(expect.objectContaining({ code: 'recording-paused' }));
  });

  it('without a registered hotkey the body says to resume from the window', () => {
    const out = notificationsForViewChange(
      withCall(call({ recording: 'pausing' })),
      withCall(call({ recording: 'paused' })),
    );
    expect(out[0]?.body).toMatch(/from the window/);
  });

  it('a pending pause that ends unknown is an error', () => {
    const out = notificationsForViewChange(
      withCall(call({ recording: 'pausing' })),
      withCall(call({ recording: 'unknown' })),
    );
    expect(out).toMatchObject([
      { code: 'recording-unknown', severity: 'error', title: 'Recording state unknown' },
    ]);
  });

  it('stream lost while a call is paused', () => {
    const paused = withCall(call({ recording: 'paused' }));
    const lost = withCall(call({ recording: 'paused', stale: true }), {
      connection: 'connecting',
      status: 'disconnected',
    });
    expect(codes(notificationsForViewChange(paused, lost, ctx))).toEqual(['stream-lost-while-paused']);
    // Losing the stream with nothing paused is the banner's job, not a notification.
    expect(
      notificationsForViewChange(withCall(call()), { ...lost, calls: [call({ stale: true })] }, ctx),
    ).toEqual([]);
  });

  it('call ended while paused (including a paused call on hold)', () => {
    const paused = withCall(call({ recording: 'paused' }));
    const ended = view();
    expect(notificationsForViewChange(paused, ended, ctx)).toMatchObject([
      {
        code: 'call-ended-while-paused',
        body: 'The call with 15551230042 ended while its recording was paused.',
      },
    ]);
    const held = withCall(call({ state: 'Held', recording: 'paused' }));
    expect(codes(notificationsForViewChange(held, ended, ctx))).toEqual(['call-ended-while-paused']);
    // A call that ends while recording is not news.
    expect(notificationsForViewChange(withCall(call()), ended, ctx)).toEqual([]);
  });

  it('signing out is not a call ending', () => {
    const paused = withCall(call({ recording: 'paused' }));
    const out = view({
      session: { phase: 'signed-out', demo: false },
      status: 'signed-out',
      connection: 'signed-out',
    });
    expect(notificationsForViewChange(paused, out, ctx)).toEqual([]);
  });
});

describe('notifications for command results', () => {
  it('a refused or unanswered pause always notifies', () => {
    const refused = { ok: false as const, code: 'rejected' as const, reason: 'x', callId: 'c1' };
    expect(notificationForCommandResult('pause', refused, 'window')).toMatchObject({
      code: 'command-refused',
      severity: 'error',
      title: 'Pause refused',
    });
    const unknown = { ok: false as const, code: 'outcome-unknown' as const, reason: 'x' };
    expect(notificationForCommandResult('toggle', unknown, 'hotkey')).toMatchObject({
      code: 'command-outcome-unknown',
    });
  });

  it('hotkey refusals are short notifications, never silence; the window shows its own', () => {
    for (const code of ['no-call', 'not-connected', 'pending', 'invalid-state', 'signed-out'] as const) {
      const result = { ok: false as const, code, reason: 'x' };
      expect(notificationForCommandResult('toggle', result, 'hotkey')).toMatchObject({
        code: `command-${code}`,
        severity: 'warning',
      });
      expect(notificationForCommandResult('toggle', result, 'window')).toBeUndefined();
    }
    expect(
      notificationForCommandResult('toggle', { ok: false, code: 'no-call', reason: 'x' }, 'hotkey')?.body,
    ).toBe('There is no active call to pause or resume.');
  });

  it('success notifies nothing (confirmation arrives as state)', () => {
    expect(
      notificationForCommandResult('toggle', { ok: true, operation: 'PauseCallRecording' }, 'hotkey'),
    ).toBe(undefined);
  });
});

describe('hotkey problems and reminders', () => {
  it('a taken hotkey names the one that still works', () => {
    expect(notificationForHotkeyProblem('Ctrl+Alt+K', 'taken', 'Ctrl+Alt+P')).toMatchObject({
      code: 'hotkey-taken',
      body: 'Ctrl+Alt+K is used by another application. Ctrl+Alt+P still works.',
    });
    expect(notificationForHotkeyProblem('Ctrl+Alt+P', 'taken', undefined).body).toMatch(
      /No hotkey is active/,
    );
  });

  it('reminder levels: 1 notification, 2 with sound, 3 with sound, flash and window to front', () => {
    const base = { callId: 'c1', pausedForMs: 60_000 };
    expect(notificationForReminder({ ...base, level: 1 }, ctx)).toMatchObject({
      code: 'reminder',
      sound: false,
      attention: 'none',
      body: 'Recording has been paused for 60 s. Press Ctrl+Alt+P to resume.',
    });
    expect(notificationForReminder({ ...base, level: 2 }, ctx)).toMatchObject({
      sound: true,
      attention: 'none',
    });
    expect(notificationForReminder({ ...base, level: 3, pausedForMs: 240_000 }, ctx)).toMatchObject({
      sound: true,
      attention: 'flash',
      severity: 'error',
      body: 'Recording has been paused for 4 min. Press Ctrl+Alt+P to resume.',
    });
  });
});

describe('compliance events', () => {
  it('say a replaced call continues paused, and a transfer or hang-up in words', () => {
    const callerOf = () => '15551230042';
    expect(
      notificationForComplianceEvent(
        {
          type: 'call-ended-while-paused',
          callId: 'c1',
          reason: 'replaced',
          newCallId: 'c2',
          pausedForMs: 5_000,
          at: 5_000,
        },
        { callerOf },
      ),
    ).toMatchObject({ code: 'call-replaced-while-paused', severity: 'info' });
    expect(
      notificationForComplianceEvent(
        {
          type: 'call-ended-while-paused',
          callId: 'c1',
          reason: 'transferred',
          pausedForMs: 5_000,
          at: 5_000,
        },
        { callerOf },
      ).body,
    ).toBe('The call with 15551230042 was transferred while its recording was paused.');
  });

  it('a failed auto-resume is loud; a warning counts down; a reminder says how long', () => {
    const refused = { ok: false as const, code: 'rejected' as const, reason: 'refused' };
    expect(
      notificationForComplianceEvent({
        type: 'auto-resume',
        callId: 'c1',
        result: refused,
        severity: 'error',
        phase: 'failed',
        at: 0,
      }),
    ).toMatchObject({
      code: 'auto-resume-failed',
      severity: 'error',
      sound: true,
      attention: 'flash',
    });
    expect(
      notificationForComplianceEvent({ type: 'auto-resume-warning', callId: 'c1', resumeAt: 10_000, at: 0 })
        .body,
    ).toMatch(/in 10 s/);
    expect(
      notificationForComplianceEvent({
        type: 'reminder',
        level: 1,
        callId: 'c1',
        pausedForMs: 45_000,
        pausedSince: 0,
        at: 45_000,
      }).body,
    ).toMatch(/paused for 45 s/);
  });

  it('with compliance reporting, the view rules leave call-ended and stream-lost to it', () => {
    const paused = withCall(call({ recording: 'paused' }));
    expect(notificationsForViewChange(paused, view(), { complianceReports: true })).toEqual([]);
  });
});
