/**
 * Plain core snapshots for the compliance units' tests: the fields the units
 * read, filled with a consistent rest, so a test states only what matters to it.
 */

import type { CoreSnapshot } from '../../../../main/core/compliance/compliance-events.ts';
import type { CallView } from '../../../../main/core/state/workspace-types.ts';

/** A call as the core shows it: Established, confirmed (not stale), unless `extra` says otherwise. */
export function callView(
  id: string,
  recording: CallView['recording'],
  extra: Partial<CallView> = {},
): CallView {
  return {
    id,
    state: 'Established',
    callType: 'Inbound',
    participants: [],
    capabilities: [],
    recording,
    recordingError: undefined,
    stale: false,
    ...extra,
  };
}

/** A snapshot of `calls`, live unless `extra` says otherwise. */
export function snapshotOf(calls: CallView[], extra: Partial<CoreSnapshot> = {}): CoreSnapshot {
  return {
    connection: 'connected',
    live: true,
    status: calls.length === 0 ? 'no-call' : 'recording',
    targetCallId: calls[0]?.id,
    statusCallId: calls[0]?.id,
    calls,
    agentState: undefined,
    agentWorkMode: undefined,
    at: 0,
    otherPausedCallIds: [],
    ...extra,
  };
}
