/**
 * The recording service's side of a call: `recordingState`, the `GSIP_RECORD`
 * attached-data key that goes with it, and the recording file name GWS attaches
 * the first time a call records (gws-api.md §4.5).
 */

import { GSIP_RECORD, type RecordingState } from '../protocol.ts';
import type { SimCall } from './model.ts';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function recordingFileName(call: SimCall, dn: string, at: Date): string {
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}-${pad(at.getUTCMinutes())}-${pad(at.getUTCSeconds())}`;
  return `${call.callUuid}_${dn}_${call.remoteNumber}_${call.dnis}_${date}_${time}_gws-sim-host__%3Ccont_center_id%3E`;
}

/** Sets the call's recording state and its `GSIP_*` keys; `now` is epoch ms (the file name's time). */
export function setRecording(call: SimCall, state: RecordingState, dn: string, now: number): void {
  call.recordingState = state;
  call.userData.GSIP_RECORD = GSIP_RECORD[state];
  if (state === 'Recording' && call.userData.GSIP_REC_FN === undefined) {
    call.userData.GSIP_REC_FN = recordingFileName(call, dn, new Date(now));
  }
}
