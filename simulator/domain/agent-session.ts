/**
 * An agent's contact-center session and voice state (gws-api.md §2.2, §2.4):
 * StartContactCenterSession activates the device, EndContactCenterSession
 * deactivates it, and Ready / NotReady / AfterCallWork / AuxWork need a live
 * session. Each change returns the device and channel notifications.
 */

import { StatusCode, USER_STATES, type UserStateName } from '../protocol.ts';
import { fail, ok, type OperationResult, type PendingEvent, type SimAgent } from './model.ts';
import { describeValue } from './values.ts';

/** Builds the notifications of an agent's device change. */
type DeviceEvents = (agent: SimAgent) => PendingEvent[];

/**
 * StartContactCenterSession (§2.2). The simulator has only the voice channel:
 * other channels fail, giving statusCode 7 (partial success) next to voice, or
 * the one failure when voice was not asked for.
 */
export function startContactCenterSession(
  agent: SimAgent,
  channels: unknown,
  deviceEvents: DeviceEvents,
): OperationResult {
  if (!Array.isArray(channels) || channels.some((c) => typeof c !== 'string')) {
    return fail(StatusCode.ValidationError, 'channels must be an array of channel names');
  }
  const others = (channels as string[]).filter((c) => c !== 'voice');
  const unavailable = others.map((c) => `${c}: Interaction Server unavailable`).join('; ');
  if (channels.length === 0)
    return fail(StatusCode.ValidationError, 'channels must name at least one channel');
  if (!channels.includes('voice')) return fail(StatusCode.InternalError, unavailable);
  agent.inContactCenterSession = true;
  agent.device.deviceState = 'Active';
  const events = deviceEvents(agent);
  return others.length > 0
    ? { statusCode: StatusCode.PartialSuccess, statusMessage: unavailable, events }
    : ok(events);
}

/** EndContactCenterSession: the device goes inactive and NotReady. */
export function endContactCenterSession(agent: SimAgent, deviceEvents: DeviceEvents): OperationResult {
  agent.inContactCenterSession = false;
  agent.device.deviceState = 'Inactive';
  agent.device.userState = 'NotReady';
  return ok(deviceEvents(agent));
}

/** Ready / NotReady / AfterCallWork / AuxWork on the voice channel (§2.4). */
export function setUserState(
  agent: SimAgent,
  operationName: unknown,
  deviceEvents: DeviceEvents,
): OperationResult {
  if (operationName === undefined)
    return fail(StatusCode.MissingParameter, 'Missing required parameter: operationName');
  if (typeof operationName !== 'string' || !Object.hasOwn(USER_STATES, operationName)) {
    return fail(StatusCode.ValidationError, `Unknown operationName ${describeValue(operationName)}`);
  }
  if (!agent.inContactCenterSession) {
    return fail(
      StatusCode.InvalidState,
      `${operationName} is not available: no active contact-center session`,
    );
  }
  agent.device.userState = operationName as UserStateName;
  return ok(deviceEvents(agent));
}
