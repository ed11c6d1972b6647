/**
 * Which of the app's notices the window shows as a toast. A pause or resume the window itself sent and the
 * server refused (or left unanswered) is worded once, inline under the button, as an alert: the app's notice
 * for the same result would announce it a second time. The app sends that notice before it answers the
 * command, over the same ordered channel, so "a window command is in flight" identifies it.
 */

import type { Notice } from '../../../contract/ipc-contract.ts';

/** Notices about a recording command's result that the window words inline when it sent the command. */
const WORDED_INLINE: ReadonlySet<string> = new Set(['command-refused', 'command-outcome-unknown']);

/** True when `notice` should become a toast (false: the window already says it inline). */
export function showsAsToast(notice: Notice, windowCommandsInFlight: number): boolean {
  return !(WORDED_INLINE.has(notice.code) && windowCommandsInFlight > 0);
}

/** The NOT PAUSED alarm a view may carry (read loosely until the contract has the field). */
export type Alarm = 'not-paused' | 'cap-ended';

/** The alarm in `view`, if any: its `alarm` field, when it names one we know. */
export function alarmOf(view: unknown): Alarm | undefined {
  if (typeof view !== 'object' || view === null) return undefined;
  const alarm = (view as { alarm?: unknown }).alarm;
  return alarm === 'not-paused' || alarm === 'cap-ended' ? alarm : undefined;
}
