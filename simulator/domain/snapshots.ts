/**
 * The JSON GWS would send for the world's objects: call, device, channel and
 * user snapshots (gws-api.md §2.5, §2.6, §4.2), and the Bayeux notifications
 * that carry them. Read-only: nothing here changes the world.
 */

import type { SimulatorOptions } from '../options.ts';
import { Topic, USER_STATES } from '../protocol.ts';
import { deriveCapabilities } from './capabilities.ts';
import type { PendingEvent, SimAgent, SimCall } from './model.ts';

/** What the snapshots read from the world. */
export interface SnapshotSource {
  readonly opts: SimulatorOptions;
  readonly agents: ReadonlyMap<string, SimAgent>;
  /** Base URL of the running server (`''` before it listens). */
  baseUrl(): string;
  /** Epoch milliseconds (call durations). */
  now(): number;
  callsOf(agent: string): SimCall[];
}

function formatNumber(digits: string): string {
  const local = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (local.length === 10) return `(${local.slice(0, 3)}) ${local.slice(3, 6)}-${local.slice(6)}`;
  return digits;
}

function e164(digits: string): string {
  return digits.length >= 10 ? `+${digits}` : digits;
}

/** Builds GWS snapshots and notifications from one world's state. */
export class Snapshots {
  constructor(private readonly source: SnapshotSource) {}

  /** Full call object (gws-api.md §4.2) in the configured participants format. */
  call(call: SimCall): Record<string, unknown> {
    const { opts } = this.source;
    const base = this.source.baseUrl();
    const agent = this.source.agents.get(call.agent);
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
      participants: opts.participantsFormat === '8.6' ? [participant] : [call.remoteNumber],
      ani: call.callType === 'Outbound' ? (agent?.config.dn ?? '') : call.remoteNumber,
      dnis: call.dnis,
      callType: call.callType,
      capabilities: deriveCapabilities(call, {
        recordingOpsWhileHeld: opts.recordingOpsWhileHeld,
        telephonyNetwork: 'Private',
      }),
      duration: String(Math.max(0, Math.floor((this.source.now() - call.createdAt) / 1000))),
      mute: call.mute,
      supervisorListeningIn: false,
      monitoredUserMuted: false,
      monitoring: false,
      uri: `${base}/api/v2/me/calls/${call.id}`,
      path: `/calls/${call.id}`,
    };
    if (opts.participantsFormat === '8.5') snapshot.participantsInfo = [participant];
    if (Object.keys(call.userData).length > 0) snapshot.userData = { ...call.userData };
    if (call.recordingState !== undefined && call.state !== 'Released') {
      snapshot.recordingState = call.recordingState;
    }
    return snapshot;
  }

  /** Device object, identical in REST and in DeviceStateChangeMessage (§2.5). */
  device(agent: SimAgent): Record<string, unknown> {
    return {
      id: agent.device.id,
      deviceState: agent.device.deviceState,
      userState: { ...USER_STATES[agent.device.userState] },
      phoneNumber: agent.config.dn,
      e164Number: agent.config.dn,
      telephonyNetwork: 'Private',
      doNotDisturb: 'Off',
      voiceEnvironmentUri: `${this.source.baseUrl()}/api/v2/voice-environments/0d9e8f7a-1b2c-4d3e-9f8a-7b6c5d4e3f21`,
      capabilities: ['ForwardCallsOn', 'DoNotDisturbOn'],
    };
  }

  /** Voice channel object (§2.6). */
  channels(agent: SimAgent): Record<string, unknown>[] {
    const busy = this.source.callsOf(agent.config.userName).length > 0;
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
  user(agent: SimAgent, subresources: string[]): Record<string, unknown> {
    const base = this.source.baseUrl();
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
    if (all || subresources.includes('devices')) user.devices = [this.device(agent)];
    if (all || subresources.includes('channels')) user.channels = this.channels(agent);
    if (all || subresources.includes('settings')) user.settings = { 'interaction-workspace': {} };
    return user;
  }

  /** A CallStateChangeMessage for the call's agent. */
  callEvent(call: SimCall, notificationType: string): PendingEvent {
    const agent = this.source.agents.get(call.agent);
    return {
      agent: call.agent,
      channel: Topic.Calls,
      data: {
        messageType: 'CallStateChangeMessage',
        notificationType,
        call: this.call(call),
        phoneNumber: agent?.config.dn ?? '',
        extensions: { BusinessCall: 0 },
      },
    };
  }

  /** The device and channel notifications of an agent's state change. */
  deviceEvents(agent: SimAgent): PendingEvent[] {
    const name = agent.config.userName;
    return [
      {
        agent: name,
        channel: Topic.Devices,
        data: { messageType: 'DeviceStateChangeMessage', devices: [this.device(agent)] },
      },
      // The /v2/me/channels messageType is not documented (gws-api.md §3.2 [gap]);
      // the 8.5.0 sample has none, so neither do we.
      { agent: name, channel: Topic.Channels, data: { channels: this.channels(agent) } },
    ];
  }
}
