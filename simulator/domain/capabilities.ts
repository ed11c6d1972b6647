/**
 * A call's `capabilities`: which operations GWS offers for it, derived from its
 * state, recording state, mute and network (gws-api.md §4.3/§4.5). The REST
 * layer advertises exactly these and refuses anything else with statusCode 2.
 */

import type { RecordingState } from '../protocol.ts';
import type { SimCall } from './model.ts';

const ESTABLISHED_BASE = [
  'Hangup',
  'Hold',
  'SendDtmf',
  'SingleStepTransfer',
  'InitiateTransfer',
  'SingleStepConference',
  'InitiateConference',
];
const HELD_BASE = [
  'Retrieve',
  'Hangup',
  'SingleStepTransfer',
  'InitiateTransfer',
  'SingleStepConference',
  'InitiateConference',
];
const USER_DATA_OPS = ['AttachUserData', 'UpdateUserData', 'DeleteUserData', 'DeleteUserDataPair'];

function recordingOps(state: RecordingState | undefined): string[] {
  if (state === 'Recording') return ['PauseCallRecording', 'StopCallRecording'];
  if (state === 'Paused') return ['ResumeCallRecording', 'StopCallRecording'];
  return ['StartCallRecording'];
}

/**
 * Capabilities from state + recordingState + mute + network, as the tables of
 * gws-api.md §4.3/§4.5. `MuteCall` while unmuted is our [I] (the sample lists
 * only `UnmuteCall` when muted); recording ops while Held are a knob.
 */
export function deriveCapabilities(
  call: Pick<SimCall, 'state' | 'recordingState' | 'mute'>,
  opts: { recordingOpsWhileHeld: boolean; telephonyNetwork?: 'Private' | 'Public' },
): string[] {
  switch (call.state) {
    case 'Dialing':
      return ['Hangup', 'SendDtmf', ...USER_DATA_OPS];
    case 'Ringing':
      return [...(opts.telephonyNetwork === 'Public' ? [] : ['Answer']), ...USER_DATA_OPS];
    case 'Established':
      return [
        ...ESTABLISHED_BASE,
        ...USER_DATA_OPS,
        call.mute === 'On' ? 'UnmuteCall' : 'MuteCall',
        ...recordingOps(call.recordingState),
      ];
    case 'Held':
      return [
        ...HELD_BASE,
        ...USER_DATA_OPS,
        ...(opts.recordingOpsWhileHeld ? recordingOps(call.recordingState) : []),
      ];
    case 'Released':
      return [];
  }
}
