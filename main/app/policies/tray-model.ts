/**
 * Status → tray icon, tooltip and menu: a pure function of the app's view, so
 * the tray adapter only copies the model onto Electron's `Tray` and `Menu`,
 * and the tray changes on the very view change that changes the status.
 */

import type { AppStatus, AppView, CallInfo } from '../../../contract/ipc-contract.ts';
import { STATUS_WORDS } from '../../../contract/status-words.ts';
import { formatAccelerator, type Platform } from './hotkey-policy.ts';
import type { TrayIconId } from './tray-icon-paths.ts';

/** The tray icon ids (one per state the agent tells apart by shape); the icon files are named after them. */
export { TRAY_ICON_IDS, type TrayIconId } from './tray-icon-paths.ts';

/** What a tray menu item does when clicked. */
export type TrayMenuAction = 'toggle' | 'show-window' | 'sign-out' | 'quit';

/** One menu entry; `separator` entries have no action. */
export type TrayMenuItem =
  { kind: 'separator' } | { kind: 'item'; action: TrayMenuAction; label: string; enabled: boolean };

/** Everything the tray shows. */
export interface TrayModel {
  iconId: TrayIconId;
  /** At most {@link TOOLTIP_MAX} characters (the Windows limit), lines separated by `\n`. */
  tooltip: string;
  menu: TrayMenuItem[];
}

/** Windows truncates tray tooltips at 127 characters; we never rely on the OS to cut. */
export const TOOLTIP_MAX = 127;

/** The words of each status (the accessibility contract), shared with the window. */
export { STATUS_WORDS } from '../../../contract/status-words.ts';

const ICON_OF: Readonly<Record<AppStatus, TrayIconId>> = {
  recording: 'recording',
  paused: 'paused',
  pausing: 'pending',
  resuming: 'pending',
  'not-recording': 'not-recording',
  'no-call': 'no-call',
  unknown: 'unknown',
  disconnected: 'disconnected',
  'signed-out': 'signed-out',
};

/** Inputs of {@link trayModel} besides the view. */
export interface TrayModelInput {
  view: AppView;
  /** Epoch ms now (for "paused 1:23"). */
  now: number;
  /** How to spell the hotkey (`⌘` on macOS, `Ctrl` elsewhere). */
  platform: Platform;
}

/** The call the status describes, if the view has it. */
function statusCall(view: AppView): CallInfo | undefined {
  return view.calls.find((c) => c.id === view.statusCallId);
}

/**
 * The status the tray may present. A `recording`/`paused` status whose call
 * is `stale` (not re-confirmed by the server) is shown as `unknown`: the tray
 * never presents an unconfirmed state as confirmed.
 */
export function shownStatus(view: AppView): AppStatus {
  if (view.session.phase !== 'signed-in')
    return view.session.phase === 'signing-in' ? 'disconnected' : 'signed-out';
  const call = statusCall(view);
  if (call?.stale && (view.status === 'recording' || view.status === 'paused')) return 'unknown';
  return view.status;
}

/** `m:ss` or `h:mm:ss` of a duration in ms (negative → 0). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** True when the hotkey / menu toggle would send something now. */
export function toggleWouldAct(view: AppView): boolean {
  if (view.session.phase !== 'signed-in' || view.connection !== 'connected') return false;
  if (view.targetCallId === undefined || view.targetCallId !== view.statusCallId) return false;
  const status = shownStatus(view);
  return status === 'recording' || status === 'paused';
}

function tooltipOf(input: TrayModelInput, status: AppStatus): string {
  const { view, now } = input;
  const call = statusCall(view);
  let head = `GWS Secure Pause: ${STATUS_WORDS[status]}`;
  if (view.session.phase === 'signing-in') head = 'GWS Secure Pause: Signing in…';
  if (status === 'unknown' && call?.stale) head += ' (not confirmed)';
  if (status === 'paused' && view.pausedSince !== undefined) {
    head += ` for ${formatDuration(now - view.pausedSince)}`;
  }
  const lines = [head];
  const caller = call?.participants[0];
  if (caller && view.session.phase === 'signed-in') lines.push(`Caller ${caller}`);
  if (view.session.phase === 'signed-in') lines.push(...otherPausedLines(view));
  if (view.session.demo) lines.push('Demo');
  const text = lines.join('\n');
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

function toggleLabel(view: AppView, status: AppStatus, hotkey: string | undefined): string {
  const word =
    status === 'paused'
      ? 'Resume recording'
      : status === 'pausing'
        ? 'Pausing…'
        : status === 'resuming'
          ? 'Resuming…'
          : 'Pause recording';
  return hotkey ? `${word} (${hotkey})` : word;
}

/**
 * The tray model of `view`: icon by status, tooltip (status, time paused,
 * caller, other paused calls, "Demo"), and the menu Pause/Resume (labelled
 * with the hotkey when one is registered; enabled only when it would act),
 * Show window, Sign out (when signed in or signing in), Quit.
 */
export function trayModel(input: TrayModelInput): TrayModel {
  const { view } = input;
  const status = shownStatus(view);
  const hotkey =
    view.hotkey?.registered === true ? formatAccelerator(view.hotkey.accelerator, input.platform) : undefined;
  return {
    iconId: ICON_OF[status],
    tooltip: tooltipOf(input, status),
    menu: [
      {
        kind: 'item',
        action: 'toggle',
        label: toggleLabel(view, status, hotkey),
        enabled: toggleWouldAct(view),
      },
      { kind: 'item', action: 'show-window', label: 'Show window', enabled: true },
      { kind: 'separator' },
      { kind: 'item', action: 'sign-out', label: 'Sign out', enabled: view.session.phase !== 'signed-out' },
      { kind: 'item', action: 'quit', label: 'Quit', enabled: true },
    ],
  };
}

/**
 * Tooltip lines for paused calls other than the status call (never hidden),
 * split by whether the server still confirms them: a stale or disconnected
 * pause is only "was paused (not confirmed)", never asserted as current.
 */
function otherPausedLines(view: AppView): string[] {
  const calls = view.otherPausedCallIds.map((id) => view.calls.find((c) => c.id === id));
  const unconfirmed = calls.filter((c) => !c || c.stale || view.connection !== 'connected').length;
  const confirmed = calls.length - unconfirmed;
  const lines: string[] = [];
  if (confirmed > 0)
    lines.push(confirmed === 1 ? 'Another call is paused' : `${confirmed} other calls are paused`);
  if (unconfirmed > 0) {
    lines.push(
      unconfirmed === 1
        ? 'Another call was paused (not confirmed)'
        : `${unconfirmed} other calls were paused (not confirmed)`,
    );
  }
  return lines;
}
