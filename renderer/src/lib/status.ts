/**
 * Status display rules: which of the nine status words the status region shows, with which icon and note. The
 * words are the accessibility contract: the `role="status"` region contains exactly one of them, in the agent's
 * language (the English ones are the contract's `STATUS_WORDS`). Never shows a state the server has not
 * confirmed.
 */

import type { AppStatus, AppView, CallInfo } from '../../../contract/ipc-contract.ts';
import type { MessageKey, Translate } from './i18n.ts';

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

/** Why the shown status differs from the reported one. */
export type StatusNote = 'bridge-lost' | 'disconnected' | 'stale';

/** What the status region shows. */
export interface StatusDisplay {
  status: AppStatus;
  icon: StatusIconName;
  /**
   * Why the shown status differs from the reported one, for the line *outside* the live region (e.g. a stale
   * confirmation). Never a status word on its own line inside the region.
   */
  note?: StatusNote;
}

/** Statuses that claim the server confirmed something about a live call. */
const CONFIRMED: ReadonlySet<AppStatus> = new Set(['recording', 'paused', 'not-recording']);

/** The call the status describes, if the view names one. */
export function statusCall(view: AppView): CallInfo | undefined {
  return view.calls.find((c) => c.id === view.statusCallId);
}

/**
 * The status to show for `view` (`unknown` when there is no view yet or the bridge to the app is down). A
 * confirmed status on a `stale` call, or while the stream is not connected, becomes `unknown` /
 * `disconnected`. When unsure, `unknown`.
 */
export function displayStatus(view: AppView | undefined, bridgeUp = true): StatusDisplay {
  if (!view || !bridgeUp) return make('unknown', view ? 'bridge-lost' : undefined);
  let status = view.status;
  let note: StatusNote | undefined;
  if (view.session.phase !== 'signed-in' && status !== 'signed-out') {
    status = view.session.phase === 'signing-in' ? 'unknown' : 'signed-out';
  } else if (CONFIRMED.has(status) && view.connection !== 'connected') {
    status = 'disconnected';
    note = 'disconnected';
  } else if (CONFIRMED.has(status) && statusCall(view)?.stale) {
    status = 'unknown';
    note = 'stale';
  }
  return make(status, note);
}

function make(status: AppStatus, note?: StatusNote): StatusDisplay {
  const icon: StatusIconName = status === 'pausing' || status === 'resuming' ? 'pending' : status;
  return { status, icon, ...(note === undefined ? {} : { note }) };
}

/** The status word (one of the nine) in the agent's language. */
export function statusWord(t: Translate, status: AppStatus): string {
  return t(`status.${status}`);
}

/** The note line under the status, in the agent's language. */
export function statusNoteWords(t: Translate, note: StatusNote): string {
  return t(`status.note.${note}`);
}

/** Words for one call's recording state in the call list; a stale state is never shown as confirmed. */
export function callRecordingWords(t: Translate, call: CallInfo): string {
  const key: MessageKey = call.stale ? 'call.recording.stale' : `call.recording.${call.recording}`;
  return t(key);
}

/** The caller as the agent reads it: first remote party, else a neutral word. */
export function callerOf(t: Translate, call: CallInfo): string {
  return call.participants[0] ?? t('call.caller-unknown');
}

/** `Inbound` → `Inbound call` (in the agent's language); missing → `Call`. */
export function callTypeWords(t: Translate, call: CallInfo): string {
  return call.callType ? t('call.type', { type: call.callType }) : t('call.type-none');
}

/** The GWS call state (`Established`, `Held`, …) in words; one we do not know stays as GWS names it. */
export function callStateWords(t: Translate, call: CallInfo): string {
  return t('call.state', { state: call.state });
}

/**
 * GWS agent states in words: `NotReady` → `Not ready`. A state the catalogue does not know is split from its
 * camel case (`OnBreak` → `On break`), as GWS names it.
 */
export function agentStateWords(t: Translate, state: string | undefined): string {
  if (!state) return t('agent.state-unknown');
  const words = state.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const spelled = words.charAt(0).toUpperCase() + words.slice(1);
  const known = t('agent.state', { state });
  return known === state ? spelled : known;
}
