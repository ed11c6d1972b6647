/**
 * One call as the workspace keeps it (the server's latest snapshot, its
 * recording machine and the times that decide trust), and the pure views of
 * it: what consumers see, and which call a hotkey or the headline is about.
 * Kept apart from the workspace so the trust rules and the views can be read
 * (and tested) without the event/read ordering around them.
 */

import { CallState, type CallSnapshot } from './call-model.ts';
import type { RecordingMachine } from './recording-machine.ts';
import type { CallView } from './workspace-types.ts';

/** A known call. */
export interface CallEntry {
  call: CallSnapshot;
  machine: RecordingMachine;
  /** Order in which calls became Established; higher is more recent. */
  establishedSeq: number;
  /** Clock ms first seen. */
  since: number;
  /** Clock ms the server last reported this call (event or read); undefined: never readable. */
  verifiedAt: number | undefined;
  /** Clock ms the pause was first confirmed; kept while the last confirmed state is Paused. */
  pausedSince: number | undefined;
  /** The call this one replaced (`previousConnId`). */
  previousCallId: string | undefined;
}

/** The most recently established entry whose call is in `state`, if any. */
export function latestIn(entries: Iterable<CallEntry>, state: string): CallEntry | undefined {
  let best: CallEntry | undefined;
  for (const entry of entries) {
    if (entry.call.state !== state) continue;
    if (!best || entry.establishedSeq > best.establishedSeq) best = entry;
  }
  return best;
}

/**
 * The call a hotkey acts on: the single Established call, or the most
 * recently established of several. Held (or ringing, dialing) calls never are.
 */
export function targetEntry(entries: Iterable<CallEntry>): CallEntry | undefined {
  return latestIn(entries, CallState.Established);
}

/** What consumers see of `entry`; `stale` as the workspace judged it. */
export function callView(entry: CallEntry, stale: boolean): CallView {
  const { call, machine } = entry;
  return {
    id: call.id,
    state: call.state,
    callType: call.callType,
    participants: call.participants.map((p) => p.phoneNumber),
    capabilities: call.capabilities,
    recording: machine.state,
    recordingError: machine.error,
    stale,
    ...(entry.pausedSince === undefined ? {} : { pausedSince: entry.pausedSince }),
    since: entry.since,
    ...(entry.previousCallId === undefined ? {} : { previousCallId: entry.previousCallId }),
  };
}
