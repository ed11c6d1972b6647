/**
 * The shapes of the simulated contact centre (agents, devices, calls) and of
 * what a change to it returns: a GWS statusCode plus the notifications it
 * causes, so the HTTP layer can answer first and publish afterwards, as GWS
 * does (gws-api.md §3.1).
 */

import type { AgentConfig } from '../options.ts';
import { StatusCode, type CallState, type RecordingState, type UserStateName } from '../protocol.ts';

/** A notification for one agent, not yet published. */
export interface PendingEvent {
  agent: string;
  channel: string;
  data: Record<string, unknown>;
}

/** Result of an operation: a GWS statusCode and, on success, the events to publish. */
export interface OperationResult {
  statusCode: number;
  statusMessage?: string;
  events: PendingEvent[];
  /** Extra body fields on success (e.g. a created call's id for the control API). */
  body?: Record<string, unknown>;
}

export interface SimCall {
  id: string;
  connId: string;
  callUuid: string;
  agent: string;
  state: CallState;
  callType: 'Inbound' | 'Outbound' | 'Internal' | 'Consult';
  remoteNumber: string;
  dnis: string;
  userData: Record<string, unknown>;
  mute: 'On' | 'Off';
  recordingState: RecordingState | undefined;
  createdAt: number;
  /** Monotonic counter of the moment the call became Established (last time). */
  establishedSeq: number;
  /** Whether answering this call starts recording (the `autoRecord` option, or the control API's `recording`). */
  recordOnAnswer: boolean;
}

export interface SimDevice {
  id: string;
  deviceState: 'Active' | 'Inactive';
  userState: UserStateName;
}

export interface SimAgent {
  config: AgentConfig;
  userId: string;
  device: SimDevice;
  /** True between StartContactCenterSession and EndContactCenterSession. */
  inContactCenterSession: boolean;
  /** Successful Basic authentications that created an HTTP session. */
  logins: number;
}

/** Parameters of `createCall` (the control API's `POST /sim/calls`). */
export interface CreateCallParams {
  agent: string;
  from: string;
  state: 'Ringing' | 'Established';
  /** Recording on establishment; defaults to the `autoRecord` option. */
  recording?: boolean;
  callType?: SimCall['callType'];
  dnis?: string;
  userData?: Record<string, unknown>;
}

/** A success, with its events and optional extra body fields. */
export function ok(events: PendingEvent[], body?: Record<string, unknown>): OperationResult {
  return body ? { statusCode: StatusCode.Ok, events, body } : { statusCode: StatusCode.Ok, events };
}

/** A failure: nothing changed, nothing to publish. */
export function fail(statusCode: number, statusMessage: string): OperationResult {
  return { statusCode, statusMessage, events: [] };
}
