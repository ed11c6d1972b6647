import type { AppView, CallInfo } from '../../../contract/ipc-contract.ts';

/** A signed-in, connected view with no call; override what a test needs. */
export function view(overrides: Partial<AppView> = {}): AppView {
  return {
    host: 'desktop',
    session: { phase: 'signed-in', demo: false, serverUrl: 'https://gws.example.com', username: 'jdoe' },
    connection: 'connected',
    status: 'no-call',
    calls: [],
    otherPausedCallIds: [],
    hotkey: { accelerator: 'CommandOrControl+Alt+P', registered: true },
    at: 1_700_000_000_000,
    ...overrides,
  };
}

/** An established call, recording, confirmed. */
export function call(overrides: Partial<CallInfo> = {}): CallInfo {
  return {
    id: 'c1',
    state: 'Established',
    callType: 'Inbound',
    participants: ['15551230042'],
    capabilities: ['PauseCallRecording', 'Hangup'],
    recording: 'recording',
    stale: false,
    ...overrides,
  };
}

/** A view whose status describes (and targets) `c`. */
export function withCall(c: CallInfo, overrides: Partial<AppView> = {}): AppView {
  const status =
    c.recording === 'stopped'
      ? 'not-recording'
      : c.recording === 'starting' || c.recording === 'stopping'
        ? 'unknown'
        : c.recording;
  return view({
    status,
    statusCallId: c.id,
    targetCallId: c.state === 'Established' ? c.id : undefined,
    calls: [c],
    ...(c.pausedSince === undefined ? {} : { pausedSince: c.pausedSince }),
    ...overrides,
  });
}
