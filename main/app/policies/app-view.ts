/**
 * Builds the {@link AppView} the window and the tray render from the session
 * state and the core's snapshot: a pure function plus a small tracker for the
 * "paused since" times an older core does not report.
 */

import type {
  AppStatus,
  AppView,
  CallInfo,
  ComplianceView,
  HotkeyView,
} from '../../../contract/ipc-contract.ts';
import type { CoreCall, CoreSnapshot } from '../ports/core-port.ts';
import type { SessionState } from './session-state.ts';

/** Everything {@link buildAppView} reads. */
export interface AppViewInput {
  host: AppView['host'];
  session: SessionState;
  /** The core's snapshot while signed in. */
  snapshot: CoreSnapshot | undefined;
  hotkey?: HotkeyView;
  compliance?: ComplianceView;
  /** Epoch ms when each call was first seen confirmed paused (fallback for cores without `pausedSince`). */
  pausedSince: ReadonlyMap<string, number>;
  now: number;
}

/** Plausible epoch ms (after 2001): a monotonic clock's value is not one. */
const isEpoch = (t: number | undefined): t is number => t !== undefined && t > 1e12;

/** The call is confirmed paused (a pending resume is still paused until the server says otherwise). */
export const confirmedPaused = (call: { recording: string }): boolean =>
  call.recording === 'paused' || call.recording === 'resuming';

function callInfo(call: CoreCall, live: boolean, pausedSince: ReadonlyMap<string, number>): CallInfo {
  const since = isEpoch(call.pausedSince) ? call.pausedSince : pausedSince.get(call.id);
  return {
    id: call.id,
    state: call.state,
    ...(call.callType === undefined ? {} : { callType: call.callType }),
    participants: [...call.participants],
    capabilities: [...call.capabilities],
    recording: call.recording,
    stale: call.stale ?? !live,
    ...(confirmedPaused(call) && since !== undefined ? { pausedSince: since } : {}),
    ...(isEpoch(call.since) ? { since: call.since } : {}),
  };
}

function connectionOf(session: SessionState, snapshot: CoreSnapshot | undefined): AppView['connection'] {
  if (session.phase === 'signed-out') return 'signed-out';
  if (session.phase === 'signing-in' || !snapshot) return 'connecting';
  if (snapshot.connection === 'signed-out') return 'signed-out';
  if (snapshot.live) return 'connected';
  return snapshot.connection === 'disconnected' ? 'disconnected' : 'connecting';
}

function statusOf(session: SessionState, snapshot: CoreSnapshot | undefined): AppStatus {
  if (session.phase === 'signed-out') return 'signed-out';
  if (session.phase === 'signing-in' || !snapshot) return 'disconnected';
  if (snapshot.connection === 'signed-out') return 'signed-out';
  return snapshot.status;
}

/** The whole view; `at` is `now`. Never includes a password, cookie or token (the schema has no field for one). */
export function buildAppView(input: AppViewInput): AppView {
  const { session, snapshot } = input;
  const signedIn = session.phase === 'signed-in' && snapshot !== undefined;
  const calls = signedIn ? snapshot.calls.map((c) => callInfo(c, snapshot.live, input.pausedSince)) : [];
  const statusCallId = signedIn ? snapshot.statusCallId : undefined;
  const targetCallId = signedIn ? snapshot.targetCallId : undefined;
  const statusCall = calls.find((c) => c.id === statusCallId);
  const others =
    signedIn && snapshot.otherPausedCallIds
      ? [...snapshot.otherPausedCallIds]
      : calls.filter((c) => c.id !== statusCallId && confirmedPaused(c)).map((c) => c.id);
  const pausedSince =
    signedIn && isEpoch(snapshot.pausedSince) ? snapshot.pausedSince : statusCall?.pausedSince;
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

/**
 * Updates `tracker` (call id → epoch ms first seen confirmed paused) from a
 * snapshot: adds newly paused calls at `now`, forgets calls no longer paused.
 */
export function trackPausedSince(
  tracker: Map<string, number>,
  snapshot: CoreSnapshot | undefined,
  now: number,
): void {
  const paused = new Set((snapshot?.calls ?? []).filter(confirmedPaused).map((c) => c.id));
  for (const id of [...tracker.keys()]) if (!paused.has(id)) tracker.delete(id);
  for (const id of paused) if (!tracker.has(id)) tracker.set(id, now);
}

/** True when two views differ in anything but `at`. */
export function viewChanged(a: AppView | undefined, b: AppView): boolean {
  if (!a) return true;
  return JSON.stringify({ ...a, at: 0 }) !== JSON.stringify({ ...b, at: 0 });
}
