/**
 * Zod schemas for what GWS v2 sends (gws-api.md §2–§4). They are deliberately
 * tolerant: unknown fields pass through untouched, optional fields the docs
 * show missing in some samples (`notificationType`, `recordingState`,
 * `userData`, …) stay optional, and both participant formats (8.6 objects,
 * 8.5 strings + `participantsInfo`) are accepted. What the client relies on —
 * ids, states, capabilities — is strict, so a malformed event is rejected
 * as a whole and the caller refreshes over REST instead of acting on half data.
 */

import { z } from 'zod';

/** Call states the client acts on (gws-api.md §4.2); other strings are kept as-is. */
export const CallState = {
  Dialing: 'Dialing',
  Ringing: 'Ringing',
  Established: 'Established',
  Held: 'Held',
  Released: 'Released',
} as const;

/**
 * `recordingState` values (gws-api.md §4.5). When the field is absent the
 * client falls back to `userData.GSIP_RECORD`, then to the call's previous
 * confirmed state, and reads it as Stopped only for a call seen for the first time.
 */
export const recordingStateSchema = z.enum(['Recording', 'Paused', 'Stopped']);
/** A server-confirmed recording state. */
export type RecordingState = z.infer<typeof recordingStateSchema>;

/** 8.6 participant object; only `phoneNumber` is relied on. */
const participantObjectSchema = z.looseObject({
  phoneNumber: z.string(),
  digits: z.string().optional(),
  formattedPhoneNumber: z.string().optional(),
  e164Number: z.string().optional(),
});

/**
 * One participant in the normalised form the app uses, whichever wire format
 * it came in.
 */
export interface Participant {
  /** The number as GWS reports it (8.6 `phoneNumber`, or the 8.5 string). */
  phoneNumber: string;
  /** Display form, when the server sends one (8.6 only). */
  formattedPhoneNumber?: string;
}

const rawCallSchema = z.looseObject({
  id: z.string().min(1),
  state: z.string().min(1),
  callType: z.string().optional(),
  connId: z.string().optional(),
  previousConnId: z.string().optional(),
  callUuid: z.string().optional(),
  deviceUri: z.string().optional(),
  // 8.6: objects; 8.5: strings (details, if any, in participantsInfo).
  participants: z.array(z.union([participantObjectSchema, z.string()])).optional(),
  participantsInfo: z.unknown().optional(),
  ani: z.string().optional(),
  dnis: z.string().optional(),
  capabilities: z.array(z.string()).default([]),
  userData: z.record(z.string(), z.unknown()).optional(),
  duration: z.union([z.string(), z.number()]).optional(),
  mute: z.string().optional(),
  recordingState: recordingStateSchema.optional(),
});

/** A call snapshot as the client keeps it: the server's full object, normalised. */
export interface CallSnapshot {
  /** GWS call id (a call UUID or a ConnID, depending on the server). */
  id: string;
  /** Call state (`Ringing`, `Established`, `Held`, …; unknown strings kept as-is). */
  state: string;
  /** `Inbound`, `Outbound`, `Internal`, … when sent. */
  callType: string | undefined;
  /** T-Server connection id, when sent. */
  connId?: string;
  /**
   * Present after T-Server changed the call's ConnID (transfer/conference
   * steps, gws-api.md §4.1): where `id` is the ConnID, the call under the old
   * id is gone with no Released event for it.
   */
  previousConnId?: string;
  /**
   * The device (DN) the call is on: the last segment of `deviceUri`, when
   * sent. An event naming a device that is not the agent's is not the agent's call.
   */
  deviceId?: string;
  /** Remote parties, normalised from either wire format. */
  participants: Participant[];
  /** Caller number, when sent. */
  ani: string | undefined;
  /** Operations the server offers on this call now; commands send nothing else. */
  capabilities: readonly string[];
  /** Attached data (`userData`), `{}` when absent. */
  userData: Readonly<Record<string, unknown>>;
  /**
   * `recordingState`, else derived from `userData.GSIP_RECORD`
   * (ON/PAUSED/OFF); `undefined` when the server said neither.
   */
  recordingState: RecordingState | undefined;
}

/** `userData.GSIP_RECORD` values and the recording state each one means. */
const GSIP_RECORD: Readonly<Record<string, RecordingState>> = {
  ON: 'Recording',
  PAUSED: 'Paused',
  OFF: 'Stopped',
};

function fromGsipRecord(value: unknown): RecordingState | undefined {
  return typeof value === 'string' && Object.hasOwn(GSIP_RECORD, value.toUpperCase())
    ? GSIP_RECORD[value.toUpperCase()]
    : undefined;
}

/** `{ deviceId }` from a `deviceUri` (its last path segment), or nothing. */
function deviceOf(uri: string | undefined): { deviceId?: string } {
  const id = uri?.split('?')[0]?.split('/').filter(Boolean).at(-1);
  if (id === undefined) return {};
  try {
    return { deviceId: decodeURIComponent(id) };
  } catch {
    return { deviceId: id }; // a malformed escape: compared as sent
  }
}

/** Validates and normalises one call object; the single place both formats meet. */
export const callSchema = rawCallSchema.transform((raw): CallSnapshot => ({
  id: raw.id,
  state: raw.state,
  callType: raw.callType,
  ...(raw.connId === undefined ? {} : { connId: raw.connId }),
  ...(raw.previousConnId === undefined ? {} : { previousConnId: raw.previousConnId }),
  ...deviceOf(raw.deviceUri),
  participants: (raw.participants ?? []).map((p) =>
    typeof p === 'string'
      ? { phoneNumber: p }
      : {
          phoneNumber: p.phoneNumber,
          ...(p.formattedPhoneNumber === undefined ? {} : { formattedPhoneNumber: p.formattedPhoneNumber }),
        },
  ),
  ani: raw.ani,
  capabilities: raw.capabilities,
  userData: raw.userData ?? {},
  recordingState: raw.recordingState ?? fromGsipRecord(raw.userData?.GSIP_RECORD),
}));

/** A call in a REST list that could not be read: kept, with its recording state unknown. */
export interface UnreadableCall {
  /** The call's id (an entry without one cannot be kept at all). */
  id: string;
  /** Its `state`, if that much was readable. */
  state: string | undefined;
  /** What was wrong with it. */
  reason: string;
}

/** Result of {@link parseCallList}. */
export interface CallList {
  /** Calls that parsed. */
  calls: CallSnapshot[];
  /** Calls with an id but otherwise unreadable. */
  unreadable: UnreadableCall[];
  /** Entries without even an id (the list as a whole cannot be trusted then). */
  anonymous: number;
  /** One line per unreadable entry, for error reports. */
  problems: string[];
}

/** Parses the `calls` of a REST read one by one, so one bad call does not hide the others. */
export function parseCallList(raw: readonly unknown[]): CallList {
  const list: CallList = { calls: [], unreadable: [], anonymous: 0, problems: [] };
  for (const entry of raw) {
    const parsed = callSchema.safeParse(entry);
    if (parsed.success) {
      list.calls.push(parsed.data);
      continue;
    }
    const reason = summarize(parsed.error);
    const fields = z.looseObject({ id: z.string().min(1), state: z.unknown() }).safeParse(entry);
    if (fields.success) {
      const state =
        typeof fields.data.state === 'string' && fields.data.state !== '' ? fields.data.state : undefined;
      list.unreadable.push({ id: fields.data.id, state, reason });
      list.problems.push(`call ${fields.data.id}: ${reason}`);
    } else {
      list.anonymous += 1;
      list.problems.push(`a call without an id: ${reason}`);
    }
  }
  return list;
}

/** The agent-state part of a device (gws-api.md §2.4–§2.5). */
export const userStateSchema = z.looseObject({
  id: z.string().optional(),
  displayName: z.string().optional(),
  state: z.string().min(1),
  workMode: z.string().optional(),
});

/** A device as seen in REST and in `DeviceStateChangeMessage` (identical, §2.5). */
export const deviceSchema = z.looseObject({
  id: z.string().min(1),
  deviceState: z.string().optional(),
  userState: userStateSchema.optional(),
  phoneNumber: z.string().optional(),
  telephonyNetwork: z.string().optional(),
  capabilities: z.array(z.string()).default([]),
});
/** A parsed device. */
export type Device = z.infer<typeof deviceSchema>;

/** `notificationType` values the workspace understands without a refresh (§3.4). */
export const KNOWN_NOTIFICATION_TYPES = [
  'StatusChange',
  'AttachedDataChanged',
  'CallRecordingStateChange',
  'ParticipantsUpdated',
  'MonitoredUserMutedStateChange',
] as const;

const callMessageSchema = z.looseObject({
  messageType: z.literal('CallStateChangeMessage'),
  notificationType: z.string().optional(),
  call: callSchema,
  phoneNumber: z.string().optional(),
});

const deviceMessageSchema = z.looseObject({
  messageType: z.literal('DeviceStateChangeMessage'),
  devices: z.array(deviceSchema),
});

/**
 * What one Bayeux `data` payload means to the workspace. `refresh` covers
 * everything it cannot trust (unknown message or notification type, bad
 * shape): the caller re-reads state over REST rather than guessing.
 */
export type GwsEvent =
  | { kind: 'call'; notificationType: string | undefined; call: CallSnapshot }
  | { kind: 'devices'; devices: Device[] }
  | {
      kind: 'refresh';
      reason: string;
      /** `unknown-event`: a type we do not know (quiet); `unreadable-event`: a known type, malformed. */
      code: 'unknown-event' | 'unreadable-event';
    };

/**
 * Built once: zod compiles a schema's parser on first use, so building it per
 * event capped event throughput at ~2k events/s (bench section (e)).
 */
const messageTypeSchema = z.looseObject({ messageType: z.string() });

/**
 * Parses the `data` of a Bayeux message from `/v2/me/*`. Never throws.
 * A missing `notificationType` is accepted (early 8.5.2 samples omit it) and
 * the full snapshot is still applied; an unknown one yields `refresh`.
 */
export function parseGwsEvent(data: unknown): GwsEvent {
  const messageType = messageTypeSchema.safeParse(data);
  if (!messageType.success)
    return { kind: 'refresh', reason: 'event without messageType', code: 'unreadable-event' };
  switch (messageType.data.messageType) {
    case 'CallStateChangeMessage': {
      const parsed = callMessageSchema.safeParse(data);
      if (!parsed.success)
        return {
          kind: 'refresh',
          reason: `malformed call event: ${summarize(parsed.error)}`,
          code: 'unreadable-event',
        };
      const type = parsed.data.notificationType;
      if (type !== undefined && !(KNOWN_NOTIFICATION_TYPES as readonly string[]).includes(type)) {
        return { kind: 'refresh', reason: `unknown notificationType ${clip(type)}`, code: 'unknown-event' };
      }
      return { kind: 'call', notificationType: type, call: parsed.data.call };
    }
    case 'DeviceStateChangeMessage': {
      const parsed = deviceMessageSchema.safeParse(data);
      if (!parsed.success) {
        return {
          kind: 'refresh',
          reason: `malformed device event: ${summarize(parsed.error)}`,
          code: 'unreadable-event',
        };
      }
      return { kind: 'devices', devices: parsed.data.devices };
    }
    default:
      return {
        kind: 'refresh',
        reason: `unknown messageType ${clip(messageType.data.messageType)}`,
        code: 'unknown-event',
      };
  }
}

/** `GET /api/v2/me/calls?fields=*` body. */
export const callsResponseSchema = z.looseObject({
  statusCode: z.literal(0),
  /** Raw entries: read one by one with {@link parseCallList}. */
  calls: z.array(z.unknown()).default([]),
});

/** `GET /api/v2/me/devices?fields=*` body. */
export const devicesResponseSchema = z.looseObject({
  statusCode: z.literal(0),
  devices: z.array(deviceSchema).default([]),
});

/** A server-chosen name, cut to a length fit for a log line. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** One line naming the first problems of a zod error, for logs and reasons. */
export function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
