/**
 * Status display rules: which of the nine words the status region shows, with
 * which icon and colour. The words are the accessibility contract (issue 7,
 * item 2): the `role="status"` region contains exactly one of them.
 */

import type { AppStatus, AppView, CallInfo } from '../../../contract/ipc-contract.ts';
import { STATUS_WORDS } from '../../../contract/status-words.ts';

/** The words of each status (the accessibility contract), shared with the tray. */
export { STATUS_WORDS } from '../../../contract/status-words.ts';

/** Icon shapes, named after the tray's SVG sources in `assets/svg/` (pausing and resuming share `pending`). */
export type StatusIconName =
  | 'recording'
  | 'paused'
  | 'pending'
  | 'not-recording'
  | 'no-call'
  | 'unknown'
  | 'disconnected'
  | 'signed-out';

/** What the status region shows. */
export interface StatusDisplay {
  status: AppStatus;
  /** One of {@link STATUS_WORDS}. */
  word: string;
  icon: StatusIconName;
  /**
   * Why the shown status differs from the reported one, for the line *outside*
   * the live region (e.g. a stale confirmation). Never contains a status word
   * on its own line inside the region.
   */
  note?: string;
}

/** Statuses that claim the server confirmed something about a live call. */
const CONFIRMED: ReadonlySet<AppStatus> = new Set(['recording', 'paused', 'not-recording']);

/** The call the status describes, if the view names one. */
export function statusCall(view: AppView): CallInfo | undefined {
  return view.calls.find((c) => c.id === view.statusCallId);
}

/**
 * The status to show for `view` (undefined: no view yet, or the bridge to the
 * app is down). Never shows a state the server has not confirmed: a confirmed
 * status on a `stale` call, or while the stream is not connected, becomes
 * `unknown` / `disconnected`. When unsure, `unknown`.
 */
export function displayStatus(view: AppView | undefined, bridgeUp = true): StatusDisplay {
  if (!view || !bridgeUp) {
    return make('unknown', view ? 'Lost contact with the app: the status cannot be confirmed.' : undefined);
  }
  let status = view.status;
  let note: string | undefined;
  if (view.session.phase !== 'signed-in' && status !== 'signed-out') {
    status = view.session.phase === 'signing-in' ? 'unknown' : 'signed-out';
  } else if (CONFIRMED.has(status) && view.connection !== 'connected') {
    status = 'disconnected';
    note = 'The connection to the server is down: the last known state cannot be confirmed.';
  } else if (CONFIRMED.has(status) && statusCall(view)?.stale) {
    status = 'unknown';
    note = 'The server has not confirmed the recording state lately; it may have changed.';
  }
  return make(status, note);
}

function make(status: AppStatus, note?: string): StatusDisplay {
  const icon: StatusIconName = status === 'pausing' || status === 'resuming' ? 'pending' : status;
  return { status, word: STATUS_WORDS[status], icon, ...(note === undefined ? {} : { note }) };
}

/** Words for one call's recording state in the call list; a stale state is never shown as confirmed. */
export function callRecordingWords(call: CallInfo): string {
  if (call.stale) return 'recording state not confirmed';
  switch (call.recording) {
    case 'recording':
      return 'recording';
    case 'paused':
      return 'recording paused';
    case 'stopped':
      return 'not recording';
    case 'starting':
      return 'starting recording…';
    case 'pausing':
      return 'pausing…';
    case 'resuming':
      return 'resuming…';
    case 'stopping':
      return 'stopping recording…';
    case 'unknown':
      return 'recording state unknown';
  }
}

/** The caller as the agent reads it: first remote party, else a neutral word. */
export function callerOf(call: CallInfo): string {
  return call.participants[0] ?? 'Unknown caller';
}

/** `Inbound` → `Inbound call`; missing → `Call`. */
export function directionOf(call: CallInfo): string {
  return call.callType ? `${call.callType} call` : 'Call';
}

/** Formats a duration in ms as `m:ss` or `h:mm:ss` (negative clamps to 0). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** GWS agent states in words: `NotReady` → `Not ready`, `AfterCallWork` → `After call work`. */
export function agentStateWords(state: string | undefined): string {
  if (!state) return 'not known';
  const words = state.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
