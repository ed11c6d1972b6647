/**
 * When to tell the agent something, and in which words: pure functions of
 * confirmed state (two consecutive views), command results, hotkey problems
 * and compliance reminders. The result is a model the notification adapter
 * translates (Electron `Notification`, sound, tray flash) and the window shows
 * as a toast. Core diagnostics never become notifications: they are logged.
 */

import type { AppView, CallInfo, CommandName, CommandResultView } from '../../../contract/ipc-contract.ts';
import type { ComplianceEvent } from '../ports/core-port.ts';

/** One thing to tell the agent. */
export interface DesktopNotification {
  /** Machine-readable (`recording-paused`, `command-refused`, `hotkey-taken`, `reminder`, ...). */
  code: string;
  severity: 'info' | 'warning' | 'error';
  title: string;
  body: string;
  callId?: string;
  /** Play the system sound (reminder level 2 and up). */
  sound: boolean;
  /** `flash`: flash the tray and bring the window to the front (reminder level 3). */
  attention: 'none' | 'flash';
}

/** Where a command came from: only the window shows results itself. */
export type CommandSource = 'hotkey' | 'tray' | 'window';

/** Words the rules need that are not in the view. */
export interface RuleContext {
  /** The hotkey as the agent reads it (`Ctrl+Alt+P`), when one is registered. */
  hotkey?: string;
  /**
   * True when the compliance layer reports calls ending and streams lost while
   * paused (it knows a replaced call from an ended one): the view-change rules
   * then leave those two to its events, so nothing is said twice.
   */
  complianceReports?: boolean;
}

const note = (
  code: string,
  severity: DesktopNotification['severity'],
  title: string,
  body: string,
  callId?: string,
): DesktopNotification => ({
  code,
  severity,
  title,
  body,
  sound: false,
  attention: 'none',
  ...(callId === undefined ? {} : { callId }),
});

function resumeHint(ctx: RuleContext): string {
  return ctx.hotkey
    ? `Press ${ctx.hotkey} to resume.`
    : 'Resume it from the window when the card data is done.';
}

/** Recording states in which the server last confirmed the call paused. */
function isPausedConfirmed(call: CallInfo): boolean {
  return call.recording === 'paused' || call.recording === 'resuming';
}

/**
 * Notifications caused by the change from `prev` to `next` (both views of one
 * signed-in session), from confirmed state only:
 * - a call confirmed `paused` that was not → "Recording paused" (with the hotkey to resume);
 * - a pending pause/resume that ended `unknown` → "Recording state unknown";
 * - the stream lost (or signed out) while a call was paused;
 * - a paused call gone from a live view → "Call ended while recording was paused".
 */
export function notificationsForViewChange(
  prev: AppView,
  next: AppView,
  ctx: RuleContext = {},
): DesktopNotification[] {
  if (prev.session.phase !== 'signed-in' || next.session.phase !== 'signed-in') return [];
  const out: DesktopNotification[] = [];
  const before = new Map(prev.calls.map((c) => [c.id, c]));
  const live = next.connection === 'connected';
  for (const call of next.calls) {
    const old = before.get(call.id);
    if (!old || call.stale || !live) continue;
    if (call.recording === 'paused' && !isPausedConfirmed(old)) {
      out.push(note('recording-paused', 'info', 'Recording paused', resumeHint(ctx), call.id));
    } else if (
      call.recording === 'unknown' &&
      (old.recording === 'pausing' || old.recording === 'resuming')
    ) {
      const what = old.recording === 'pausing' ? 'pause' : 'resume';
      out.push(
        note(
          'recording-unknown',
          'error',
          'Recording state unknown',
          `The server did not confirm the ${what}. Check the recording before continuing.`,
          call.id,
        ),
      );
    }
  }
  if (ctx.complianceReports) return out;
  const pausedBefore = prev.calls.filter(isPausedConfirmed);
  if (prev.connection === 'connected' && !live && pausedBefore[0]) {
    out.push(notificationForStreamLostWhilePaused(pausedBefore[0].id));
  }
  if (live) {
    const present = new Set(next.calls.map((c) => c.id));
    for (const call of pausedBefore) {
      if (!present.has(call.id))
        out.push(notificationForCallEndedWhilePaused(call.id, call.participants[0], 'released'));
    }
  }
  return out;
}

const REFUSAL_WORDS: Readonly<Record<string, string>> = {
  'no-call': 'There is no active call to pause or resume.',
  'not-connected': 'Not connected to GWS: nothing was sent.',
  'signed-out': 'Signed out: nothing was sent.',
  pending: 'Still waiting for the server to confirm the last change.',
  'invalid-state': 'Recording is not on for this call (or its state is unknown): nothing to pause or resume.',
  'not-capable': 'The call does not allow that now.',
  closed: 'The session is closing: nothing was sent.',
  'invalid-input': 'That request was not understood.',
};

const RECORDING_COMMANDS: ReadonlySet<CommandName> = new Set(['toggle', 'pause', 'resume']);

/**
 * Notification for a command's result. Recording commands refused by the
 * server or with an unknown outcome always notify (secure pause may not be in
 * effect). Every other refusal notifies only when the command came from the
 * hotkey or the tray: there is no window showing the result, and a refused
 * hotkey must never be silent. `ok` results notify nothing (confirmation
 * arrives as state).
 */
export function notificationForCommandResult(
  command: CommandName,
  result: CommandResultView,
  source: CommandSource,
): DesktopNotification | undefined {
  if (result.ok) return undefined;
  const recording = RECORDING_COMMANDS.has(command);
  const verb = command === 'resume' ? 'Resume' : command === 'pause' ? 'Pause' : 'Pause/resume';
  if (recording && result.code === 'rejected') {
    return note(
      'command-refused',
      'error',
      `${verb} refused`,
      `The server refused it: nothing changed.`,
      result.callId,
    );
  }
  if (recording && result.code === 'outcome-unknown') {
    return note(
      'command-outcome-unknown',
      'error',
      `${verb}: no answer`,
      'The server did not answer; the recording state is being checked.',
      result.callId,
    );
  }
  if (source === 'window') return undefined;
  const words = REFUSAL_WORDS[result.code] ?? 'Nothing was done.';
  return note(`command-${result.code}`, 'warning', `${verb}: not done`, words, result.callId);
}

/** Notification for a hotkey that could not be registered (taken or invalid). */
export function notificationForHotkeyProblem(
  accelerator: string,
  code: 'taken' | 'invalid',
  previous: string | undefined,
): DesktopNotification {
  const still = previous ? ` ${previous} still works.` : ' No hotkey is active: use the tray or the window.';
  return code === 'taken'
    ? note(
        'hotkey-taken',
        'warning',
        'Hotkey taken',
        `${accelerator} is used by another application.${still}`,
      )
    : note(
        'hotkey-invalid',
        'warning',
        'Hotkey not valid',
        `${accelerator} is not a usable shortcut.${still}`,
      );
}

/** A compliance reminder: the call has been paused for a while. */
export interface ReminderInput {
  level: 1 | 2 | 3;
  callId: string;
  /** How long the call has been paused, in ms. */
  pausedForMs: number;
}

/**
 * Reminder levels: 1 = notification; 2 = notification with sound; 3 =
 * notification with sound, the tray flashes and the window comes to the front.
 */
export function notificationForReminder(reminder: ReminderInput, ctx: RuleContext = {}): DesktopNotification {
  const minutes = Math.max(1, Math.round(reminder.pausedForMs / 60_000));
  const seconds = Math.round(reminder.pausedForMs / 1000);
  const span = seconds < 90 ? `${seconds} s` : `${minutes} min`;
  return {
    ...note(
      'reminder',
      reminder.level === 3 ? 'error' : 'warning',
      'Recording still paused',
      `Recording has been paused for ${span}. ${resumeHint(ctx)}`,
      reminder.callId,
    ),
    sound: reminder.level >= 2,
    attention: reminder.level === 3 ? 'flash' : 'none',
  };
}

/** A core error of `error` severity (never a diagnostic): the core's redacted words. */
export function notificationForCoreError(message: string, callId?: string): DesktopNotification {
  return note('core-error', 'error', 'Problem', message, callId);
}

/** The stream to GWS went down while `callId` was paused. */
export function notificationForStreamLostWhilePaused(callId: string): DesktopNotification {
  return note(
    'stream-lost-while-paused',
    'warning',
    'Connection lost while paused',
    'Recording was paused when the connection to GWS dropped. Check it before the card data ends.',
    callId,
  );
}

/**
 * A paused call left the workspace. `replaced`: the call continues under a
 * new id and stays paused (a transfer within the switch); otherwise it ended.
 */
export function notificationForCallEndedWhilePaused(
  callId: string,
  caller: string | undefined,
  reason: 'released' | 'transferred' | 'replaced',
): DesktopNotification {
  const withWhom = caller ? ` with ${caller}` : '';
  if (reason === 'replaced') {
    return note(
      'call-replaced-while-paused',
      'info',
      'Call continues, still paused',
      `The call${withWhom} continues under a new id; recording is still paused.`,
      callId,
    );
  }
  const how = reason === 'transferred' ? 'was transferred' : 'ended';
  return note(
    'call-ended-while-paused',
    'warning',
    reason === 'transferred' ? 'Call transferred while paused' : 'Call ended while paused',
    `The call${withWhom} ${how} while its recording was paused.`,
    callId,
  );
}

/** Compliance will resume the recording by itself in `msLeft` ms unless the agent keeps it paused. */
export function notificationForAutoResumeWarning(callId: string, msLeft: number): DesktopNotification {
  const seconds = Math.max(0, Math.round(msLeft / 1000));
  return {
    ...note(
      'auto-resume-warning',
      'warning',
      'Recording resumes soon',
      `Recording resumes automatically in ${seconds} s. Choose "Keep paused" in the window if the card data is not done.`,
      callId,
    ),
    sound: true,
  };
}

/** Compliance resumed the recording by itself (`done`), or could not (`failed`: still paused, loud). */
export function notificationForAutoResume(
  callId: string,
  phase: 'done' | 'failed' = 'done',
): DesktopNotification {
  if (phase === 'failed') {
    return {
      ...note(
        'auto-resume-failed',
        'error',
        'Automatic resume failed',
        'Recording is still paused. Resume it now.',
        callId,
      ),
      sound: true,
      attention: 'flash',
    };
  }
  return note('auto-resumed', 'info', 'Recording resumed', 'Recording was resumed automatically.', callId);
}

/**
 * Notification for a compliance event. `callerOf` finds the caller of a call
 * the view still knows (for "the call with 1555…").
 */
export function notificationForComplianceEvent(
  event: ComplianceEvent,
  ctx: RuleContext & { callerOf?: (callId: string) => string | undefined } = {},
): DesktopNotification {
  switch (event.type) {
    case 'reminder':
      return notificationForReminder(event, ctx);
    case 'auto-resume-warning':
      return notificationForAutoResumeWarning(event.callId, event.resumeAt - event.at);
    case 'auto-resume':
      return notificationForAutoResume(event.callId, event.phase);
    case 'call-ended-while-paused':
      return notificationForCallEndedWhilePaused(event.callId, ctx.callerOf?.(event.callId), event.reason);
    case 'stream-lost-while-paused':
      return notificationForStreamLostWhilePaused(event.callId);
  }
}
