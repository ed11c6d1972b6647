/**
 * One audit entry as an RFC 5424 syslog message, framed for RFC 5425 (TLS)
 * with octet counting, and back: the SIEM copy is parsed with the same table,
 * so what verify reads from rsyslog's file is exactly what the shipper sent.
 *
 * Formatted by this small function rather than a library: the npm syslog
 * packages looked at (syslog-client, glossy, syslog-pro, @logtape/syslog) are
 * either unmaintained, fire-and-forget senders without a write acknowledgement
 * (the durable cursor needs one), or tied to a logging framework, and none
 * round-trips structured data for verification.
 *
 * Message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG` with
 * facility 13 (log audit), severity info (warning for the evidence's own
 * faults), TIMESTAMP = the entry's `at`, MSGID = the action, and one SD
 * element `<sdName>@<enterprise>` holding every field of the entry (`seq`,
 * `hash`, `prevHash`…); `callId` null is left out, numbers are decimal.
 * PARAM-VALUE escapes `"`, `\` and `]` as RFC 5424 §6.3.3 says.
 */

import {
  AUDIT_FIELDS,
  NUMERIC_AUDIT_FIELDS,
  auditEntrySchema,
  type AuditEntry,
} from '../compliance/audit-entry.ts';

/** What the shipper puts in every message besides the entry. */
export interface SyslogIdentity {
  /** HOSTNAME when the entry carries none (the workstation). */
  hostName: string;
  /** APP-NAME (1–48 printable ASCII characters). */
  appName: string;
  /** The SD-ID's name part (default `audit`). */
  sdName: string;
  /** The SD-ID's IANA private enterprise number (default 32473, the documentation one). */
  enterpriseNumber: number;
}

/** Defaults of {@link SyslogIdentity} (host name aside). */
export const SYSLOG_DEFAULTS = {
  appName: 'gws-secure-pause',
  sdName: 'audit',
  enterpriseNumber: 32473,
} as const;

const FACILITY_LOG_AUDIT = 13;
const SEVERITY_WARNING = 4;
const SEVERITY_INFO = 6;
/** Actions that say the evidence itself had a fault: shipped as warnings. */
const WARNING_ACTIONS = new Set([
  'log-gap',
  'log-recovered',
  'call-ended-while-paused',
  'stream-lost-while-paused',
]);

/** RFC 5424 HOSTNAME / APP-NAME: printable US-ASCII without spaces, `-` when empty. */
function headerField(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean === '' ? '-' : clean;
}

/** RFC 5424 §6.3.3 PARAM-VALUE escaping. */
function escapeParam(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** The SD-ID for an identity, e.g. `audit@32473`. */
export function sdId(identity: Pick<SyslogIdentity, 'sdName' | 'enterpriseNumber'>): string {
  return `${identity.sdName}@${identity.enterpriseNumber}`;
}

/** The RFC 5424 message (without framing) for one entry. */
export function formatSyslogMessage(entry: AuditEntry, identity: SyslogIdentity): string {
  const severity = WARNING_ACTIONS.has(entry.action) ? SEVERITY_WARNING : SEVERITY_INFO;
  const pri = FACILITY_LOG_AUDIT * 8 + severity;
  const host = headerField(entry.hostName ?? identity.hostName, 255);
  const app = headerField(identity.appName, 48);
  const params = AUDIT_FIELDS.filter((field) => entry[field] !== undefined && entry[field] !== null)
    .map((field) => `${field}="${escapeParam(String(entry[field]))}"`)
    .join(' ');
  const msg = `${entry.action} ${entry.result}${entry.callId ? ` call=${entry.callId}` : ''}`;
  return `<${pri}>1 ${entry.at} ${host} ${app} - ${entry.action} [${sdId(identity)} ${params}] ${msg}`;
}

/** RFC 5425 / RFC 6587 octet-counting frame: `MSG-LEN SP SYSLOG-MSG`. */
export function frameOctetCounted(message: string): string {
  return `${Buffer.byteLength(message, 'utf8')} ${message}`;
}

/** A message read back from a SIEM's copy. */
export interface ParsedSyslogMessage {
  hostName: string;
  appName: string;
  msgId: string;
  /** SD elements by SD-ID: param name → value (unescaped). */
  sd: Map<string, Record<string, string>>;
}

const HEADER = /<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) /;

/** Parses the SD elements starting at `text[start]`; returns them and where they end. */
function parseStructuredData(text: string, start: number): Map<string, Record<string, string>> {
  const sd = new Map<string, Record<string, string>>();
  let i = start;
  while (text[i] === '[') {
    const idEnd = text.slice(i + 1).search(/[ \]]/) + i + 1;
    const id = text.slice(i + 1, idEnd);
    const params: Record<string, string> = {};
    i = idEnd;
    while (text[i] === ' ') {
      const eq = text.indexOf('="', i);
      if (eq < 0) return sd;
      const name = text.slice(i + 1, eq);
      let value = '';
      let j = eq + 2;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
      }
      params[name] = value;
      i = j + 1;
    }
    if (text[i] !== ']') return sd;
    sd.set(id, params);
    i += 1;
  }
  return sd;
}

/**
 * Finds and parses an RFC 5424 message in one line of a SIEM's file (a raw
 * line as rsyslog writes `%rawmsg%`, possibly after a prefix the SIEM added).
 */
export function parseSyslogLine(line: string): ParsedSyslogMessage | undefined {
  const header = HEADER.exec(line);
  if (!header) return undefined;
  const [, , , hostName, appName, , msgId] = header;
  const sd = parseStructuredData(line, header.index + header[0].length);
  return { hostName: hostName as string, appName: appName as string, msgId: msgId as string, sd };
}

/** The audit entry an SD element carries, or why not. */
export function entryFromParams(
  params: Record<string, string>,
): { ok: true; entry: AuditEntry } | { ok: false; why: string } {
  const raw: Record<string, unknown> = { callId: null };
  for (const [name, value] of Object.entries(params)) {
    raw[name] = NUMERIC_AUDIT_FIELDS.has(name) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const parsed = auditEntrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, why: `not an audit entry (${issue?.path.join('.') || '(root)'}: ${issue?.message})` };
  }
  return { ok: true, entry: parsed.data };
}
