/**
 * `POST /api/v2/me/calls/{id}` on one call: the checks GWS makes, in its order
 * (`operationName`, its presence in `capabilities`, its parameters), and then
 * the change. A failed operation changes nothing (gws-api.md §5.1). The world
 * lends the lifecycle steps that touch more than the one call.
 */

import {
  ADVERTISED_ONLY_OPERATIONS,
  CALL_OPERATIONS,
  StatusCode,
  type CallOperation,
  type RecordingState,
} from '../protocol.ts';
import { deriveCapabilities } from './capabilities.ts';
import { fail, ok, type OperationResult, type PendingEvent, type SimCall } from './model.ts';
import { isPlainObject } from './values.ts';

/** The world's steps an operation may take. */
export interface CallLifecycle {
  /** Established now (again); starts recording when `record` and the call never recorded. */
  establish(call: SimCall, record: boolean): void;
  /** The call ends: its Released notification, and it is gone. */
  release(call: SimCall): PendingEvent[];
  /** Sets the recording state and its `GSIP_*` keys. */
  record(call: SimCall, state: RecordingState): void;
  /** A new ringing call for the agent at `dn`, carrying the released call's business data; none when no agent has it. */
  transferTo(call: SimCall, dn: string): PendingEvent[];
  callEvent(call: SimCall, notificationType: string): PendingEvent;
}

const NOTIFICATION_FOR: Partial<Record<CallOperation, string>> = {
  AttachUserData: 'AttachedDataChanged',
  UpdateUserData: 'AttachedDataChanged',
  DeleteUserData: 'AttachedDataChanged',
  DeleteUserDataPair: 'AttachedDataChanged',
  StartCallRecording: 'CallRecordingStateChange',
  StopCallRecording: 'CallRecordingStateChange',
  PauseCallRecording: 'CallRecordingStateChange',
  ResumeCallRecording: 'CallRecordingStateChange',
};

type RecordingOperation =
  'StartCallRecording' | 'PauseCallRecording' | 'ResumeCallRecording' | 'StopCallRecording';

/** The recording state each recording operation leads to. */
const RECORDING_TARGET: Record<RecordingOperation, RecordingState> = {
  StartCallRecording: 'Recording',
  PauseCallRecording: 'Paused',
  ResumeCallRecording: 'Recording',
  StopCallRecording: 'Stopped',
};

const isListed = (list: readonly string[], name: string): boolean => list.includes(name);

/** The operation named by `body`, when GWS would carry it out on this call now; else the failure. */
export function checkCallOperation(
  call: SimCall,
  body: Record<string, unknown>,
  opts: { recordingOpsWhileHeld: boolean },
): CallOperation | OperationResult {
  const operationName = body.operationName;
  if (operationName === undefined)
    return fail(StatusCode.MissingParameter, 'Missing required parameter: operationName');
  if (typeof operationName !== 'string')
    return fail(StatusCode.ValidationError, 'operationName must be a string');
  const known =
    isListed(CALL_OPERATIONS, operationName) || isListed(ADVERTISED_ONLY_OPERATIONS, operationName);
  if (!known) return fail(StatusCode.ValidationError, `Unknown operationName ${operationName}`);
  if (!deriveCapabilities(call, opts).includes(operationName)) {
    return fail(
      StatusCode.InvalidState,
      `${operationName} is not available for the call in its current state`,
    );
  }
  if (!isListed(CALL_OPERATIONS, operationName)) {
    return fail(StatusCode.Forbidden, `${operationName} is not simulated`);
  }
  return operationName as CallOperation;
}

/** Attach/Update/Delete user data; a failure, or undefined once the data changed. */
function changeUserData(
  call: SimCall,
  op: CallOperation,
  body: Record<string, unknown>,
): OperationResult | undefined {
  if (op === 'AttachUserData' || op === 'UpdateUserData') {
    if (!isPlainObject(body.userData))
      return fail(StatusCode.MissingParameter, 'Missing required parameter: userData');
    Object.assign(call.userData, body.userData);
    return undefined;
  }
  if (op === 'DeleteUserData') {
    // "Removes all keys" (gws-api.md §4.4), the recording service's GSIP_* ones included.
    for (const key of Object.keys(call.userData)) delete call.userData[key];
    return undefined;
  }
  if (typeof body.key !== 'string' || body.key === '') {
    return fail(StatusCode.MissingParameter, 'Missing required parameter: key');
  }
  if (!Object.hasOwn(call.userData, body.key)) return fail(StatusCode.NotFound, `Key ${body.key} not found`);
  delete call.userData[body.key];
  return undefined;
}

/** SingleStepTransfer: this call ends; the agent at the destination DN (if any) gets it ringing. */
function singleStepTransfer(
  call: SimCall,
  body: Record<string, unknown>,
  world: CallLifecycle,
): OperationResult {
  const destination = body.destination;
  const phoneNumber = isPlainObject(destination) ? destination.phoneNumber : undefined;
  if (typeof phoneNumber !== 'string' || phoneNumber === '') {
    return fail(StatusCode.MissingParameter, 'Missing required parameter: destination.phoneNumber');
  }
  return ok([...world.release(call), ...world.transferTo(call, phoneNumber)]);
}

/** Carries out a checked operation (see {@link checkCallOperation}) and returns its notifications. */
export function applyCallOperation(
  call: SimCall,
  op: CallOperation,
  body: Record<string, unknown>,
  world: CallLifecycle,
): OperationResult {
  const notify = (): OperationResult => ok([world.callEvent(call, NOTIFICATION_FOR[op] ?? 'StatusChange')]);
  switch (op) {
    case 'Answer':
      world.establish(call, call.recordOnAnswer);
      return notify();
    case 'Hangup':
      return ok(world.release(call));
    case 'Hold':
      call.state = 'Held';
      return notify();
    case 'Retrieve':
      world.establish(call, false);
      return notify();
    case 'MuteCall':
    case 'UnmuteCall':
      call.mute = op === 'MuteCall' ? 'On' : 'Off';
      return notify();
    case 'AttachUserData':
    case 'UpdateUserData':
    case 'DeleteUserData':
    case 'DeleteUserDataPair':
      return changeUserData(call, op, body) ?? notify();
    case 'StartCallRecording':
    case 'PauseCallRecording':
    case 'ResumeCallRecording':
    case 'StopCallRecording':
      world.record(call, RECORDING_TARGET[op]);
      return notify();
    case 'SingleStepTransfer':
      return singleStepTransfer(call, body, world);
    case 'SendDtmf':
      // No state to change and no documented notification (§4.4 [gap]).
      return ok([]);
  }
}
