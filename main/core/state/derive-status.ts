/**
 * The one status the tray, the window and the CLI show for the agent's
 * workspace, derived from the status call's recording machine. A pure
 * function of plain data so every rule ("never show an unconfirmed state as
 * confirmed") is pinned by unit tests, not by the UI.
 */

import type { RecordingState } from './call-model.ts';
import type { RecordingMachine, RecordingMachineState } from './recording-machine.ts';

/** What the tray shows; exactly one at a time. */
export type DerivedStatus =
  'recording' | 'paused' | 'pausing' | 'resuming' | 'not-recording' | 'no-call' | 'unknown' | 'disconnected';

/** A confirmed server state in the machine's vocabulary (`undefined` → `unknown`). */
export function toMachineState(state: RecordingState | undefined): RecordingMachineState {
  switch (state) {
    case 'Recording':
      return 'recording';
    case 'Paused':
      return 'paused';
    case 'Stopped':
      return 'stopped';
    case undefined:
      return 'unknown';
  }
}

/**
 * The tray status. `disconnected` whenever the stream is not live; `unknown`
 * when the status call's recording is `stale` (not confirmed within the
 * reconcile window) — never `paused`/`recording` as if confirmed. Otherwise
 * from the call's recording machine. Confirmed states only: while
 * `starting`/`stopping` the last confirmed state is shown (the server has not
 * said otherwise yet); `pausing`/`resuming` are shown as such because the
 * agent is waiting for secure pause to take effect.
 */
export function deriveStatus(
  live: boolean,
  target: RecordingMachine | undefined,
  stale = false,
): DerivedStatus {
  if (!live) return 'disconnected';
  if (!target) return 'no-call';
  if (stale) return 'unknown';
  switch (target.state) {
    case 'recording':
      return 'recording';
    case 'paused':
      return 'paused';
    case 'pausing':
      return 'pausing';
    case 'resuming':
      return 'resuming';
    case 'stopped':
      return 'not-recording';
    case 'unknown':
      return 'unknown';
    case 'starting':
    case 'stopping':
      return fromConfirmed(target);
  }
}

function fromConfirmed(machine: RecordingMachine): DerivedStatus {
  switch (machine.confirmed) {
    case 'Recording':
      return 'recording';
    case 'Paused':
      return 'paused';
    case 'Stopped':
      return 'not-recording';
    case undefined:
      return 'unknown';
  }
}
