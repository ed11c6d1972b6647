/**
 * Builds the {@link AppView} the window and the tray render from the session
 * state and the core's snapshot, as a pure function. Every recording fact
 * (state, `stale`, `pausedSince`, the other paused calls) is the core's, passed
 * through: the view never infers one the server has not confirmed.
 */

import type {
  AppStatus,
  AppView,
  CallInfo,
  ComplianceView,
  HotkeyView,
} from '../../../contract/ipc-contract.ts';
import type { CallView, WorkspaceSnapshot } from '../ports/core-port.ts';
import { credentialsRefused, type SessionState } from './session-state.ts';

/** Everything {@link buildAppView} reads. */
export interface AppViewInput {
  host: AppView['host'];
  session: SessionState;
  /** The core's snapshot while signed in. */
  snapshot: WorkspaceSnapshot | undefined;
  hotkey?: HotkeyView;
  compliance?: ComplianceView;
  now: number;
}

function callInfo(call: CallView): CallInfo {
  return {
    id: call.id,
    state: call.state,
    ...(call.callType === undefined ? {} : { callType: call.callType }),
    participants: [...call.participants],
    capabilities: [...call.capabilities],
    recording: call.recording,
    stale: call.stale,
    ...(call.pausedSince === undefined ? {} : { pausedSince: call.pausedSince }),
    ...(call.since === undefined ? {} : { since: call.since }),
  };
}

function connectionOf(session: SessionState, snapshot: WorkspaceSnapshot | undefined): AppView['connection'] {
  if (session.phase === 'signed-out') return 'signed-out';
  if (session.phase === 'signing-in' || !snapshot) return 'connecting';
  if (credentialsRefused(snapshot)) return 'signed-out';
  if (snapshot.live) return 'connected';
  return snapshot.connection === 'disconnected' ? 'disconnected' : 'connecting';
}

function statusOf(session: SessionState, snapshot: WorkspaceSnapshot | undefined): AppStatus {
  if (session.phase === 'signed-out') return 'signed-out';
  if (session.phase === 'signing-in' || !snapshot) return 'disconnected';
  if (credentialsRefused(snapshot)) return 'signed-out';
  return snapshot.status;
}

/** The whole view; `at` is `now`. Never includes a password, cookie or token (the schema has no field for one). */
export function buildAppView(input: AppViewInput): AppView {
  const { session, snapshot } = input;
  const signedIn = session.phase === 'signed-in' && snapshot !== undefined;
  const calls = signedIn ? snapshot.calls.map(callInfo) : [];
  const statusCallId = signedIn ? snapshot.statusCallId : undefined;
  const targetCallId = signedIn ? snapshot.targetCallId : undefined;
  const others = signedIn ? [...snapshot.otherPausedCallIds] : [];
  const pausedSince = signedIn ? snapshot.pausedSince : undefined;
  const status = statusOf(session, snapshot);
  return {
    host: input.host,
    session: {
      phase: session.phase,
      demo: session.demo,
      ...(session.serverUrl ? { serverUrl: session.serverUrl } : {}),
      ...(session.username ? { username: session.username } : {}),
      ...(session.lastError ? { lastError: session.lastError } : {}),
    },
    connection: connectionOf(session, snapshot),
    status,
    ...(statusCallId === undefined ? {} : { statusCallId }),
    ...(targetCallId === undefined ? {} : { targetCallId }),
    ...((status === 'paused' || status === 'resuming') && pausedSince !== undefined ? { pausedSince } : {}),
    calls,
    otherPausedCallIds: others,
    ...(signedIn && snapshot.agentState !== undefined ? { agentState: snapshot.agentState } : {}),
    ...(input.hotkey ? { hotkey: input.hotkey } : {}),
    ...(input.compliance ? { compliance: input.compliance } : {}),
    at: input.now,
  };
}

/** True when two views differ in anything but `at`. */
export function viewChanged(a: AppView | undefined, b: AppView): boolean {
  if (!a) return true;
  return JSON.stringify({ ...a, at: 0 }) !== JSON.stringify({ ...b, at: 0 });
}
