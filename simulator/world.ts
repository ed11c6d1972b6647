/**
 * The simulated contact centre: agents, their devices and their calls. Pure
 * state, no I/O: every mutation returns the notifications it causes so the HTTP
 * layer can answer first and publish afterwards, as GWS does (gws-api.md §3.1).
 */

import { describeValue } from './http-util.ts';
import { newCallUuid, newConnId, newUserId, newUuid } from './ids.ts';
import type { AgentConfig, SimulatorOptions } from './options.ts';
import {
  ADVERTISED_ONLY_OPERATIONS,
  CALL_OPERATIONS,
  GSIP_RECORD,
  StatusCode,
  Topic,
  USER_STATES,
  type CallOperation,
  type CallState,
  type RecordingState,
  type UserStateName,
} from './protocol.ts';

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

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function recordingFileName(call: SimCall, dn: string, at: Date): string {
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}-${pad(at.getUTCMinutes())}-${pad(at.getUTCSeconds())}`;
  return `${call.callUuid}_${dn}_${call.remoteNumber}_${call.dnis}_${date}_${time}_gws-sim-host__%3Ccont_center_id%3E`;
}

function formatNumber(digits: string): string {
  const local = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (local.length === 10) return `(${local.slice(0, 3)}) ${local.slice(3, 6)}-${local.slice(6)}`;
  return digits;
}

function e164(digits: string): string {
  return digits.length >= 10 ? `+${digits}` : digits;
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

function ok(events: PendingEvent[], body?: Record<string, unknown>): OperationResult {
  return body ? { statusCode: StatusCode.Ok, events, body } : { statusCode: StatusCode.Ok, events };
}

function fail(statusCode: number, statusMessage: string): OperationResult {
  return { statusCode, statusMessage, events: [] };
}

/**
 * Attached data is a bag of caller-chosen keys, `__proto__` included: a
 * prototype-less object stores every key as data and cannot be re-parented.
 */
function newUserData(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

export class World {
  readonly agents = new Map<string, SimAgent>();
  readonly calls = new Map<string, SimCall>();
  private establishedCounter = 0;

  constructor(
    private readonly opts: SimulatorOptions,
    private readonly baseUrl: () => string,
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
    const base = this.baseUrl();
    const agent = this.agents.get(call.agent);
    const participant = {
      phoneNumber: call.remoteNumber,
      digits: call.remoteNumber,
      formattedPhoneNumber: formatNumber(call.remoteNumber),
      e164Number: e164(call.remoteNumber),
    };
    const snapshot: Record<string, unknown> = {
      id: call.id,
      state: call.state,
      callUuid: call.callUuid,
      connId: call.connId,
      deviceUri: `${base}/api/v2/devices/${agent?.device.id ?? ''}`,
      participants: this.opts.participantsFormat === '8.6' ? [participant] : [call.remoteNumber],
      ani: call.callType === 'Outbound' ? (agent?.config.dn ?? '') : call.remoteNumber,
      dnis: call.dnis,
      callType: call.callType,
      capabilities: deriveCapabilities(call, {
        recordingOpsWhileHeld: this.opts.recordingOpsWhileHeld,
        telephonyNetwork: 'Private',
      }),
      duration: String(Math.max(0, Math.floor((this.now() - call.createdAt) / 1000))),
      mute: call.mute,
      supervisorListeningIn: false,
      monitoredUserMuted: false,
      monitoring: false,
      uri: `${base}/api/v2/me/calls/${call.id}`,
      path: `/calls/${call.id}`,
    };
    if (this.opts.participantsFormat === '8.5') snapshot.participantsInfo = [participant];
    if (Object.keys(call.userData).length > 0) snapshot.userData = { ...call.userData };
    if (call.recordingState !== undefined && call.state !== 'Released') {
      snapshot.recordingState = call.recordingState;
    }
    return snapshot;
  }

  /** Device object, identical in REST and in DeviceStateChangeMessage (§2.5). */
  deviceSnapshot(agent: SimAgent): Record<string, unknown> {
    return {
      id: agent.device.id,
      deviceState: agent.device.deviceState,
      userState: { ...USER_STATES[agent.device.userState] },
      phoneNumber: agent.config.dn,
      e164Number: agent.config.dn,
      telephonyNetwork: 'Private',
      doNotDisturb: 'Off',
      voiceEnvironmentUri: `${this.baseUrl()}/api/v2/voice-environments/0d9e8f7a-1b2c-4d3e-9f8a-7b6c5d4e3f21`,
      capabilities: ['ForwardCallsOn', 'DoNotDisturbOn'],
    };
  }

  /** Voice channel object (§2.6). */
  channelSnapshots(agent: SimAgent): Record<string, unknown>[] {
    const busy = this.callsOf(agent.config.userName).length > 0;
    return [
      {
        channel: 'voice',
        phoneNumber: agent.config.dn,
        switchName: 'SIP_Switch',
        userActivity: busy ? 'Busy' : 'Idle',
        userState: { ...USER_STATES[agent.device.userState] },
      },
    ];
  }

  /** `user` object of `GET /api/v2/me`, with the requested subresources. */
  userSnapshot(agent: SimAgent, subresources: string[]): Record<string, unknown> {
    const base = this.baseUrl();
    const user: Record<string, unknown> = {
      id: agent.userId,
      userName: agent.config.userName,
      firstName: agent.config.firstName,
      lastName: agent.config.lastName,
      roles: ['ROLE_AGENT'],
      enabled: true,
      changePasswordOnFirstLogin: false,
      uri: `${base}/api/v2/users/${agent.userId}`,
      path: `/users/${agent.userId}`,
    };
    const all = subresources.includes('*');
    if (all || subresources.includes('devices')) user.devices = [this.deviceSnapshot(agent)];
    if (all || subresources.includes('channels')) user.channels = this.channelSnapshots(agent);
    if (all || subresources.includes('settings')) user.settings = { 'interaction-workspace': {} };
    return user;
  }

  private callEvent(call: SimCall, notificationType: string): PendingEvent {
    const agent = this.agents.get(call.agent);
    return {
      agent: call.agent,
      channel: Topic.Calls,
      data: {
        messageType: 'CallStateChangeMessage',
        notificationType,
        call: this.callSnapshot(call),
        phoneNumber: agent?.config.dn ?? '',
        extensions: { BusinessCall: 0 },
      },
    };
  }

  private deviceEvents(agent: SimAgent): PendingEvent[] {
    const name = agent.config.userName;
    return [
      {
        agent: name,
        channel: Topic.Devices,
        data: { messageType: 'DeviceStateChangeMessage', devices: [this.deviceSnapshot(agent)] },
      },
      // The /v2/me/channels messageType is not documented (gws-api.md §3.2 [gap]);
      // the 8.5.0 sample has none, so neither do we.
      { agent: name, channel: Topic.Channels, data: { channels: this.channelSnapshots(agent) } },
    ];
  }

  // ---- call lifecycle ----

  private setRecording(call: SimCall, state: RecordingState): void {
    const dn = this.agents.get(call.agent)?.config.dn ?? '';
    call.recordingState = state;
    call.userData.GSIP_RECORD = GSIP_RECORD[state];
    if (state === 'Recording' && call.userData.GSIP_REC_FN === undefined) {
      call.userData.GSIP_REC_FN = recordingFileName(call, dn, new Date(this.now()));
    }
  }

  private establish(call: SimCall, record: boolean): void {
    call.state = 'Established';
    call.establishedSeq = ++this.establishedCounter;
    if (record && call.recordingState === undefined) this.setRecording(call, 'Recording');
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

  /** The call ends (either side hung up): Released snapshot, then it is gone. */
  private release(call: SimCall): PendingEvent[] {
    call.state = 'Released';
    this.calls.delete(call.id);
    return [this.callEvent(call, 'StatusChange')];
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
    const operationName = body.operationName;
    if (operationName === undefined)
      return fail(StatusCode.MissingParameter, 'Missing required parameter: operationName');
    if (typeof operationName !== 'string')
      return fail(StatusCode.ValidationError, 'operationName must be a string');
    const known =
      (CALL_OPERATIONS as readonly string[]).includes(operationName) ||
      (ADVERTISED_ONLY_OPERATIONS as readonly string[]).includes(operationName);
    if (!known) return fail(StatusCode.ValidationError, `Unknown operationName ${operationName}`);
    const capabilities = deriveCapabilities(call, { recordingOpsWhileHeld: this.opts.recordingOpsWhileHeld });
    if (!capabilities.includes(operationName)) {
      return fail(
        StatusCode.InvalidState,
        `${operationName} is not available for the call in its current state`,
      );
    }
    if (!(CALL_OPERATIONS as readonly string[]).includes(operationName)) {
      return fail(StatusCode.Forbidden, `${operationName} is not simulated`);
    }
    return this.apply(call, operationName as CallOperation, body);
  }

  private apply(call: SimCall, op: CallOperation, body: Record<string, unknown>): OperationResult {
    const notify = (): OperationResult => ok([this.callEvent(call, NOTIFICATION_FOR[op] ?? 'StatusChange')]);
    switch (op) {
      case 'Answer':
        this.establish(call, call.recordOnAnswer);
        return notify();
      case 'Hangup':
        return ok(this.release(call));
      case 'Hold':
        call.state = 'Held';
        return notify();
      case 'Retrieve':
        call.state = 'Established';
        call.establishedSeq = ++this.establishedCounter;
        return notify();
      case 'MuteCall':
        call.mute = 'On';
        return notify();
      case 'UnmuteCall':
        call.mute = 'Off';
        return notify();
      case 'AttachUserData':
      case 'UpdateUserData': {
        if (!isPlainObject(body.userData))
          return fail(StatusCode.MissingParameter, 'Missing required parameter: userData');
        Object.assign(call.userData, body.userData);
        return notify();
      }
      case 'DeleteUserData': {
        // "Removes all keys" (gws-api.md §4.4), the recording service's GSIP_* ones included.
        for (const key of Object.keys(call.userData)) delete call.userData[key];
        return notify();
      }
      case 'DeleteUserDataPair': {
        if (typeof body.key !== 'string' || body.key === '') {
          return fail(StatusCode.MissingParameter, 'Missing required parameter: key');
        }
        if (!Object.hasOwn(call.userData, body.key))
          return fail(StatusCode.NotFound, `Key ${body.key} not found`);
        delete call.userData[body.key];
        return notify();
      }
      case 'StartCallRecording':
        this.setRecording(call, 'Recording');
        return notify();
      case 'PauseCallRecording':
        this.setRecording(call, 'Paused');
        return notify();
      case 'ResumeCallRecording':
        this.setRecording(call, 'Recording');
        return notify();
      case 'StopCallRecording':
        this.setRecording(call, 'Stopped');
        return notify();
      case 'SingleStepTransfer': {
        const destination = body.destination;
        const phoneNumber = isPlainObject(destination) ? destination.phoneNumber : undefined;
        if (typeof phoneNumber !== 'string' || phoneNumber === '') {
          return fail(StatusCode.MissingParameter, 'Missing required parameter: destination.phoneNumber');
        }
        const events = this.release(call);
        const target = [...this.agents.values()].find((a) => a.config.dn === phoneNumber);
        if (target) {
          const transferred = this.newCall(
            target.config.userName,
            call.remoteNumber,
            call.callType,
            phoneNumber,
          );
          for (const [key, value] of Object.entries(call.userData)) {
            if (!key.startsWith('GSIP_')) transferred.userData[key] = value;
          }
          this.calls.set(transferred.id, transferred);
          events.push(this.callEvent(transferred, 'StatusChange'));
        }
        return ok(events);
      }
      case 'SendDtmf':
        // No state to change and no documented notification (§4.4 [gap]).
        return ok([]);
    }
  }

  // ---- agent session and state ----

  /**
   * StartContactCenterSession (§2.2). The simulator has only the voice channel:
   * other channels fail, giving statusCode 7 (partial success) next to voice, or
   * the one failure when voice was not asked for.
   */
  startContactCenterSession(agentName: string, channels: unknown = ['voice']): OperationResult {
    const agent = this.agents.get(agentName);
    if (!agent) return fail(StatusCode.NotFound, `Agent ${agentName} not found`);
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
    const events = this.deviceEvents(agent);
    return others.length > 0
      ? { statusCode: StatusCode.PartialSuccess, statusMessage: unavailable, events }
      : ok(events);
  }

  endContactCenterSession(agentName: string): OperationResult {
    const agent = this.agents.get(agentName);
    if (!agent) return fail(StatusCode.NotFound, `Agent ${agentName} not found`);
    agent.inContactCenterSession = false;
    agent.device.deviceState = 'Inactive';
    agent.device.userState = 'NotReady';
    return ok(this.deviceEvents(agent));
  }

  /** Ready / NotReady / AfterCallWork / AuxWork on the voice channel (§2.4). */
  setUserState(agentName: string, operationName: unknown): OperationResult {
    const agent = this.agents.get(agentName);
    if (!agent) return fail(StatusCode.NotFound, `Agent ${agentName} not found`);
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
    return ok(this.deviceEvents(agent));
  }

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
