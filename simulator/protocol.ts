/**
 * GWS v2 protocol constants, named once so the REST layer, the Bayeux layer and
 * the tests agree on spelling (gws-api.md §3–§5).
 */

/** GWS `statusCode` values used by the simulator (gws-api.md §5.2). */
export const StatusCode = {
  Ok: 0,
  MissingParameter: 1,
  InvalidState: 2,
  Forbidden: 3,
  InternalError: 4,
  NotFound: 6,
  PartialSuccess: 7,
  ValidationError: 10,
  AccessDenied: 20,
} as const;
export type StatusCodeValue = (typeof StatusCode)[keyof typeof StatusCode];

/** Bayeux topics an agent may subscribe to (gws-api.md §3.2). */
export const Topic = {
  Calls: '/v2/me/calls',
  Devices: '/v2/me/devices',
  Channels: '/v2/me/channels',
} as const;

/** Mount point of the CometD endpoint (gws-api.md §3.1). */
export const NOTIFICATIONS_PATH = '/api/v2/notifications';

export const CSRF_HEADER_NAME = 'X-CSRF-TOKEN';
export const CSRF_FAILURE_TEXT = 'Missing or invalid Csrf token';
export const SESSION_COOKIE = 'JSESSIONID';

/** Call states (gws-api.md §4.2). */
export type CallState = 'Dialing' | 'Ringing' | 'Established' | 'Held' | 'Released';
/** `recordingState` values (gws-api.md §4.5). */
export type RecordingState = 'Recording' | 'Paused' | 'Stopped';

/** `GSIP_RECORD` value that goes with each recordingState (upper case, §4.5). */
export const GSIP_RECORD: Record<RecordingState, string> = {
  Recording: 'ON',
  Paused: 'PAUSED',
  Stopped: 'OFF',
};

/** Call operations the simulator carries out (gws-api.md §4.4). */
export const CALL_OPERATIONS = [
  'Answer',
  'Hangup',
  'Hold',
  'Retrieve',
  'MuteCall',
  'UnmuteCall',
  'AttachUserData',
  'UpdateUserData',
  'DeleteUserData',
  'DeleteUserDataPair',
  'StartCallRecording',
  'StopCallRecording',
  'PauseCallRecording',
  'ResumeCallRecording',
  'SingleStepTransfer',
  'SendDtmf',
] as const;
export type CallOperation = (typeof CALL_OPERATIONS)[number];

/**
 * Operations that GWS advertises in `capabilities` but whose parameters the
 * public pages do not give (gws-api.md §4.4 [gap]); the simulator lists them, as
 * the documented samples do, and refuses them with statusCode 3.
 */
export const ADVERTISED_ONLY_OPERATIONS = [
  'InitiateTransfer',
  'SingleStepConference',
  'InitiateConference',
  'CompleteConference',
  'RemoveParticipantFromConference',
] as const;

/** The documented user states (gws-api.md §2.4). */
export const USER_STATES = {
  Ready: { id: '9430250E-0A1B-421F-B372-F29E69366DED', displayName: 'Ready', state: 'Ready' },
  NotReady: { id: '900D55CC-2BB0-431F-8BF9-D3525B383BE6', displayName: 'Not Ready', state: 'NotReady' },
  AfterCallWork: {
    id: 'D3663509-3D82-4DD3-A82E-2EA8EFA02AEF',
    displayName: 'After Call Work',
    state: 'NotReady',
    workMode: 'AfterCallWork',
  },
  AuxWork: {
    id: '2B36138D-C564-4562-A8CB-3C32D564F296',
    displayName: 'Aux Work',
    state: 'NotReady',
    workMode: 'AuxWork',
  },
} as const;
export type UserStateName = keyof typeof USER_STATES;
