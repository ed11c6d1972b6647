/**
 * Where the agent's session is, as plain data: what the session controller
 * reports and what the view is built from; and the one reading of the core's
 * snapshot that ends a session (the server refused the credentials).
 */

import type { SignInFailureCode } from '../../../contract/ipc-contract.ts';
import type { WorkspaceSnapshot } from '../ports/core-port.ts';

/** Where the session is. */
export interface SessionState {
  phase: 'signed-out' | 'signing-in' | 'signed-in';
  demo: boolean;
  serverUrl?: string;
  username?: string;
  lastError?: { code: SignInFailureCode; message: string };
}

/**
 * True when the core's stream ended for good because the server refused the
 * credentials while reconnecting (the core's terminal `signed-out`): the
 * controller signs out with `bad-credentials`, the view says signed out.
 */
export function credentialsRefused(snapshot: Pick<WorkspaceSnapshot, 'connection'>): boolean {
  return snapshot.connection === 'signed-out';
}
