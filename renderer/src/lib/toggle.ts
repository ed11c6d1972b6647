import type { AppStatus } from '../../../contract/ipc-contract.ts';

/**
 * The Pause/Resume button as plain data, so its labels and disabled rules are
 * pinned by tests. Its accessible name always starts with `Pause recording`
 * or `Resume recording` (issue 7, item 2).
 */
export interface ToggleModel {
  /** The command the button sends. */
  action: 'pause' | 'resume';
  label: 'Pause recording' | 'Resume recording';
  /** Shown while the server has not confirmed the change yet. */
  pendingText?: 'Pausing…' | 'Resuming…';
  disabled: boolean;
  /** Why it is disabled, for the description under the button. */
  reason?: string;
}

/**
 * Builds the button for the *displayed* status (see `displayStatus`) and
 * whether our own request is still in flight (`inFlight`: the action sent).
 */
export function toggleModel(status: AppStatus, inFlight?: 'pause' | 'resume'): ToggleModel {
  if (inFlight === 'pause' || status === 'pausing') {
    return { action: 'pause', label: 'Pause recording', pendingText: 'Pausing…', disabled: true };
  }
  if (inFlight === 'resume' || status === 'resuming') {
    return { action: 'resume', label: 'Resume recording', pendingText: 'Resuming…', disabled: true };
  }
  switch (status) {
    case 'recording':
      return { action: 'pause', label: 'Pause recording', disabled: false };
    case 'paused':
      return { action: 'resume', label: 'Resume recording', disabled: false };
    default:
      return { action: 'pause', label: 'Pause recording', disabled: true, reason: DISABLED_REASON[status] };
  }
}

const DISABLED_REASON: Partial<Record<AppStatus, string>> = {
  'not-recording': 'Recording is off on this call: nothing to pause.',
  'no-call': 'No call to pause.',
  unknown: 'The recording state is not confirmed: wait for the server.',
  disconnected: 'Not connected to the server.',
  'signed-out': 'Signed out.',
};
