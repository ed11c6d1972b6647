/**
 * Where the agent's session is, as plain data: what the session controller
 * reports and what the view is built from.
 */

import type { SignInFailureCode } from '../../../contract/ipc-contract.ts';

/** Where the session is. */
export interface SessionState {
  phase: 'signed-out' | 'signing-in' | 'signed-in';
  demo: boolean;
  serverUrl?: string;
  username?: string;
  lastError?: { code: SignInFailureCode; message: string };
}
