/**
 * The simulated contact centre: agents, their devices and their calls. Pure
 * state, no I/O: every mutation returns the notifications it causes so the HTTP
 * layer can answer first and publish afterwards, as GWS does (gws-api.md §3.1).
 * This class holds the state and the call lifecycle; snapshots, call
 * operations, agent sessions and recording live in their own modules.
 */

import type { SimulatorOptions } from '../options.ts';
import type { RecordingState } from '../protocol.ts';
import { StatusCode } from '../protocol.ts';
import * as agentSession from './agent-session.ts';
import { applyCallOperation, checkCallOperation, type CallLifecycle } from './call-operations.ts';
import { newCallUuid, newConnId, newUserId, newUuid } from './ids.ts';
import {
  fail,
  ok,
  type CreateCallParams,
  type OperationResult,
  type PendingEvent,
  type SimAgent,
  type SimCall,
} from './model.ts';
import { setRecording } from './recording.ts';
import { Snapshots } from './snapshots.ts';
import { describeValue, isPlainObject, newUserData } from './values.ts';

export { deriveCapabilities } from './capabilities.ts';
export type {
  CreateCallParams,
  OperationResult,
  PendingEvent,
  SimAgent,
  SimCall,
  SimDevice,
} from './model.ts';

export class World implements CallLifecycle {
  readonly agents = new Map<string, SimAgent>();
  readonly calls = new Map<string, SimCall>();
  private establishedCounter = 0;
  private readonly snapshots: Snapshots;

  /** `now` is epoch milliseconds: the simulator's clock (call durations, recording file names). */
  constructor(
    private readonly opts: SimulatorOptions,
    baseUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {
    for (const config of opts.agents) {
      this.agents.set(config.userName, {
        config,
        userId: newUserId(),
        device: { id: newUuid(), deviceState: 'Inactive', userState: 'NotReady' },
        inContactCenterSession: false,
        logins: 0,
      });
    }
    this.snapshots = new Snapshots({
      opts,
      agents: this.agents,
      baseUrl,
      now: () => this.now(),
      callsOf: (agent) => this.callsOf(agent),
    });
  }

  /** The agent whose user name and password match, or undefined. */
  authenticate(userName: string, password: string): SimAgent | undefined {
    const agent = this.agents.get(userName);
    return agent && agent.config.password === password ? agent : undefined;
  }

  callsOf(agent: string): SimCall[] {
    return [...this.calls.values()].filter((call) => call.agent === agent);
  }

  // ---- snapshots (the JSON GWS would send) ----

  /** Full call object (gws-api.md §4.2) in the configured participants format. */
  callSnapshot(call: SimCall): Record<string, unknown> {
    return this.snapshots.call(call);
  }

  /** Device object, identical in REST and in DeviceStateChangeMessage (§2.5). */
  deviceSnapshot(agent: SimAgent): Record<string, unknown> {
    return this.snapshots.device(agent);
  }

  /** Voice channel object (§2.6). */
  channelSnapshots(agent: SimAgent): Record<string, unknown>[] {
    return this.snapshots.channels(agent);
  }

  /** `user` object of `GET /api/v2/me`, with the requested subresources. */
  userSnapshot(agent: SimAgent, subresources: string[]): Record<string, unknown> {
    return this.snapshots.user(agent, subresources);
  }

  // ---- call lifecycle ----

  /** The call's notification to its agent (part of {@link CallLifecycle}). */
  callEvent(call: SimCall, notificationType: string): PendingEvent {
    return this.snapshots.callEvent(call, notificationType);
  }

  /** Sets the recording state and its `GSIP_*` keys (part of {@link CallLifecycle}). */
  record(call: SimCall, state: RecordingState): void {
    setRecording(call, state, this.agents.get(call.agent)?.config.dn ?? '', this.now());
  }

  /** Established now (again); records when asked and never recorded (part of {@link CallLifecycle}). */
  establish(call: SimCall, record: boolean): void {
    call.state = 'Established';
    call.establishedSeq = ++this.establishedCounter;
    if (record && call.recordingState === undefined) this.record(call, 'Recording');
  }

  /** The call ends (either side hung up): Released snapshot, then it is gone. */
  release(call: SimCall): PendingEvent[] {
    call.state = 'Released';
    this.calls.delete(call.id);
    return [this.callEvent(call, 'StatusChange')];
  }

  /** A transferred call rings at the agent with DN `dn`, without the recording service's keys. */
  transferTo(call: SimCall, dn: string): PendingEvent[] {
    const target = [...this.agents.values()].find((a) => a.config.dn === dn);
    if (!target) return [];
    const transferred = this.newCall(target.config.userName, call.remoteNumber, call.callType, dn);
    for (const [key, value] of Object.entries(call.userData)) {
      if (!key.startsWith('GSIP_')) transferred.userData[key] = value;
    }
    this.calls.set(transferred.id, transferred);
    return [this.callEvent(transferred, 'StatusChange')];
  }

  private newCall(agent: string, remoteNumber: string, callType: SimCall['callType'], dnis: string): SimCall {
    const callUuid = newCallUuid();
    const connId = newConnId();
    return {
      id: this.opts.callIdStyle === 'connid' ? connId : callUuid,
      connId,
      callUuid,
      agent,
      state: 'Ringing',
      callType,
      remoteNumber,
      dnis,
      userData: newUserData(),
      mute: 'Off',
      recordingState: undefined,
      createdAt: this.now(),
      establishedSeq: 0,
      recordOnAnswer: this.opts.autoRecord,
    };
  }

  /** Control API: a call arrives for an agent, ringing or already answered. */
  createCall(params: CreateCallParams): OperationResult {
    const agent = this.agents.get(params.agent);
    if (!agent) return fail(StatusCode.NotFound, `Agent ${params.agent} not found`);
    const call = this.newCall(params.agent, params.from, params.callType ?? 'Inbound', params.dnis ?? '8000');
    Object.assign(call.userData, params.userData ?? {});
    this.calls.set(call.id, call);
    if (params.state === 'Established') this.establish(call, params.recording ?? this.opts.autoRecord);
    else call.recordOnAnswer = params.recording ?? this.opts.autoRecord;
    return ok([this.callEvent(call, 'StatusChange')], { id: call.id });
  }

  /** Control API: the remote party hangs up. */
  remoteRelease(callId: string): OperationResult {
    const call = this.calls.get(callId);
    if (!call) return fail(StatusCode.NotFound, `Call ${callId} not found`);
    return ok(this.release(call));
  }

  /** `POST /api/v2/me/devices/{id}/calls` with `Dial` (§4.4). */
  dial(agentName: string, deviceId: string, body: Record<string, unknown>): OperationResult {
    const agent = this.agents.get(agentName);
    if (!agent || agent.device.id !== deviceId)
      return fail(StatusCode.NotFound, `Device ${deviceId} not found`);
    if (body.operationName === undefined) {
      return fail(StatusCode.MissingParameter, 'Missing required parameter: operationName');
    }
    if (body.operationName !== 'Dial') {
      return fail(StatusCode.ValidationError, `Unknown operationName ${describeValue(body.operationName)}`);
    }
    const destination = body.destination;
    const phoneNumber = isPlainObject(destination) ? destination.phoneNumber : undefined;
    if (typeof phoneNumber !== 'string' || phoneNumber.length === 0) {
      return fail(StatusCode.MissingParameter, 'Missing required parameter: destination.phoneNumber');
    }
    if (!agent.inContactCenterSession) {
      return fail(StatusCode.InvalidState, 'Dial is not available: no active contact-center session');
    }
    const call = this.newCall(agentName, phoneNumber, 'Outbound', phoneNumber);
    call.state = 'Dialing';
    if (isPlainObject(body.userData)) Object.assign(call.userData, body.userData);
    this.calls.set(call.id, call);
    return ok([this.callEvent(call, 'StatusChange')], { id: call.id });
  }

  /** The far end of a Dialing call answers (driven by a timer in the server). */
  remoteAnswer(callId: string): OperationResult {
    const call = this.calls.get(callId);
    if (!call || call.state !== 'Dialing') return fail(StatusCode.InvalidState, 'Call is not dialing');
    this.establish(call, this.opts.autoRecord);
    return ok([this.callEvent(call, 'StatusChange')]);
  }

  /**
   * `POST /api/v2/me/calls/{id}`: checks, in order, the call, `operationName`,
   * its presence in `capabilities` and its parameters; only then changes state.
   * A failed operation changes nothing (gws-api.md §5.1).
   */
  callOperation(agentName: string, callId: string, body: Record<string, unknown>): OperationResult {
    const call = this.calls.get(callId);
    if (!call || call.agent !== agentName) return fail(StatusCode.NotFound, `Call ${callId} not found`);
    const op = checkCallOperation(call, body, { recordingOpsWhileHeld: this.opts.recordingOpsWhileHeld });
    return typeof op === 'string' ? applyCallOperation(call, op, body, this) : op;
  }

  // ---- agent session and state ----

  /** StartContactCenterSession (§2.2): voice only; other channels fail (statusCode 7 next to voice). */
  startContactCenterSession(agentName: string, channels: unknown = ['voice']): OperationResult {
    const agent = this.agents.get(agentName);
    if (!agent) return fail(StatusCode.NotFound, `Agent ${agentName} not found`);
    return agentSession.startContactCenterSession(agent, channels, this.deviceEvents);
  }

  endContactCenterSession(agentName: string): OperationResult {
    const agent = this.agents.get(agentName);
    if (!agent) return fail(StatusCode.NotFound, `Agent ${agentName} not found`);
    return agentSession.endContactCenterSession(agent, this.deviceEvents);
  }

  /** Ready / NotReady / AfterCallWork / AuxWork on the voice channel (§2.4). */
  setUserState(agentName: string, operationName: unknown): OperationResult {
    const agent = this.agents.get(agentName);
    if (!agent) return fail(StatusCode.NotFound, `Agent ${agentName} not found`);
    return agentSession.setUserState(agent, operationName, this.deviceEvents);
  }

  private readonly deviceEvents = (agent: SimAgent): PendingEvent[] => this.snapshots.deviceEvents(agent);

  /** Snapshot for `GET /sim/state`. */
  describe(): Record<string, unknown> {
    return {
      agents: [...this.agents.values()].map((agent) => ({
        userName: agent.config.userName,
        dn: agent.config.dn,
        deviceId: agent.device.id,
        deviceState: agent.device.deviceState,
        userState: agent.device.userState,
        inContactCenterSession: agent.inContactCenterSession,
        logins: agent.logins,
      })),
      calls: [...this.calls.values()].map((call) => ({
        id: call.id,
        agent: call.agent,
        state: call.state,
        from: call.remoteNumber,
        recordingState: call.recordingState ?? null,
        gsipRecord: call.userData.GSIP_RECORD ?? null,
        mute: call.mute,
      })),
    };
  }
}
