/**
 * The Pause/Resume button as plain data (message keys), so its labels and disabled rules are pinned by tests in
 * every language. Its accessible name always starts with the words of `toggle.pause` or `toggle.resume`
 * ("Pause recording" / "Resume recording" in English).
 */

import type { AppStatus } from '../../../contract/ipc-contract.ts';
import type { MessageKey } from './i18n.ts';

/** The button, as keys the component translates. */
export interface ToggleModel {
  /** The command the button sends. */
  action: 'pause' | 'resume';
  label: 'toggle.pause' | 'toggle.resume';
  /** Shown while the server has not confirmed the change yet. */
  pendingText?: 'status.pausing' | 'status.resuming';
  disabled: boolean;
  /** Why it is disabled, for the description under the button. */
  reason?: MessageKey;
}

/**
 * Builds the button for the *displayed* status (see `displayStatus`) and whether our own request is still in
 * flight (`inFlight`: the action sent).
 */
export function toggleModel(status: AppStatus, inFlight?: 'pause' | 'resume'): ToggleModel {
  if (inFlight === 'pause' || status === 'pausing') {
    return { action: 'pause', label: 'toggle.pause', pendingText: 'status.pausing', disabled: true };
  }
  if (inFlight === 'resume' || status === 'resuming') {
    return { action: 'resume', label: 'toggle.resume', pendingText: 'status.resuming', disabled: true };
  }
  switch (status) {
    case 'recording':
      return { action: 'pause', label: 'toggle.pause', disabled: false };
    case 'paused':
      return { action: 'resume', label: 'toggle.resume', disabled: false };
    default:
      return { action: 'pause', label: 'toggle.pause', disabled: true, reason: DISABLED_REASON[status] };
  }
}

const DISABLED_REASON: Partial<Record<AppStatus, MessageKey>> = {
  'not-recording': 'toggle.reason.not-recording',
  'no-call': 'toggle.reason.no-call',
  unknown: 'toggle.reason.unknown',
  disconnected: 'toggle.reason.disconnected',
  'signed-out': 'toggle.reason.signed-out',
};
