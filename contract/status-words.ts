/**
 * The word of each recording status, shared by the tray tooltip and the
 * window. It is an accessibility contract: the window's `role="status"`
 * region contains exactly one of these nine words, and checks and
 * screen-reader users rely on them. A zod-free file, so the renderer can
 * import it as a value without bundling the schemas.
 */

import type { AppStatus } from './ipc-contract.ts';

export const STATUS_WORDS: Readonly<Record<AppStatus, string>> = {
  recording: 'Recording',
  paused: 'Paused',
  pausing: 'Pausing…',
  resuming: 'Resuming…',
  'not-recording': 'Not recording',
  'no-call': 'No call',
  unknown: 'Unknown',
  disconnected: 'Disconnected',
  'signed-out': 'Signed out',
};
