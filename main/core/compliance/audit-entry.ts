/**
 * One audit-log entry and its hash chain. Shared by the writer (`AuditLog`),
 * the verifier, the syslog shipper and the SIEM-copy parser, so all of them
 * agree on one definition of an entry and of "canonical".
 *
 * The PCI DSS 10.2.2 fields (agent DN, host, OS user, app version, trigger,
 * rule id, connId, callUuid, the GIR recording file name from
 * `userData.GSIP_REC_FN`, outcome, clock offset to the GWS server) are
 * optional: an entry without them hashes exactly as before, so older logs
 * still verify. Every field has a narrow pattern, so no other `userData`
 * value, no prose and no card number with separators can ride along.
 *
 * Canonical form of an entry: the entry WITHOUT its `hash` field, serialised
 * as JSON with object keys sorted by UTF-16 code unit order (recursively), no
 * whitespace, numbers as JavaScript prints them. `hash` = lowercase hex
 * SHA-256 of the UTF-8 bytes of that string. `prevHash` is the previous
 * entry's `hash` (across rotated files), {@link GENESIS_HASH} for the first.
 */

import { hash as sha } from 'node:crypto';
import { z } from 'zod';

/** `prevHash` of the very first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry records. Closed list: an entry can never carry free text from outside. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-out',
  'pause',
  'resume',
  'start-recording',
  'stop-recording',
  'toggle',
  'recording-state',
  'reminder',
  'auto-resume-warning',
  'auto-resume',
  'keep-paused',
  'call-ended-while-paused',
  'stream-lost-while-paused',
  'log-recovered',
  'log-rotated',
  /** Entries that could not be written (disk full) and were not kept: detail `from=… to=… lost=N`. */
  'log-gap',
  /** The payment step of a call began (from the automatic-pause triggers): the report flags later pauses. */
  'payment-step',
] as const;
/** One of {@link AUDIT_ACTIONS}. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Allowed characters of `detail`: ids, numbers, `key=value` pairs. Deliberately
 * too narrow for prose, URLs with credentials or card data with separators —
 * only the compliance layer's own key=value summaries fit.
 */
const DETAIL = /^[A-Za-z0-9 ._:=,-]{0,200}$/;

/** An id as GWS gives it (call id, connId, callUuid, rule id). */
const ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A short lowercase code (result, outcome, trigger). */
const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Printable text without control characters (user names, DNs). */
const PRINTABLE = /^\P{Cc}{1,512}$/u;

/** An entry as written (one JSON object per line). */
export const auditEntrySchema = z
  .object({
    seq: z.number().int().min(1),
    /** ISO-8601 UTC wall time of the entry. */
    at: z.iso.datetime(),
    /** The signed-in user name (never a password). */
    agent: z.string().max(256),
    /** The call concerned; `null` for sign-in, sign-out and log housekeeping. */
    callId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/)
      .nullable(),
    action: z.enum(AUDIT_ACTIONS),
    /** Outcome code: `requested`, `accepted`, `confirmed`, `refused`, `outcome-unknown`, `level-2`, ... */
    result: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    /** Request → confirmation (or → answer) time, when there was a request. */
    latencyMs: z.number().int().min(0).optional(),
    /** Extra machine-readable facts (`newCallId=...`, `pausedForMs=...`). */
    detail: z.string().regex(DETAIL).optional(),
    /** The agent's directory DN (PCI 10.2.2 user identity). */
    agentDn: z.string().regex(PRINTABLE).optional(),
    /** The workstation's host name (origin). */
    hostName: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,253}$/)
      .optional(),
    /** The OS user signed in on the workstation. */
    osUser: z.string().regex(PRINTABLE).max(256).optional(),
    /** The app's version. */
    appVersion: z
      .string()
      .regex(/^[A-Za-z0-9.+-]{1,64}$/)
      .optional(),
    /** What asked for the action: `hotkey`, `window`, `cli`, `extension`, `automatic`… */
    trigger: z.string().regex(CODE).optional(),
    /** The IT rule that fired an automatic trigger. */
    ruleId: z.string().regex(ID).optional(),
    /** The call's GWS `connId`. */
    connId: z.string().regex(ID).optional(),
    /** The call's GWS `callUuid`. */
    callUuid: z.string().regex(ID).optional(),
    /** The GIR recording file name (`userData.GSIP_REC_FN`) — the only `userData` value ever kept. */
    recordingFile: z
      .string()
      .regex(/^[A-Za-z0-9._:/-]{1,256}$/)
      .optional(),
    /** Success or failure in PCI terms (`success`, `failure`), besides the detailed `result`. */
    outcome: z.string().regex(CODE).optional(),
    /** Our clock minus the GWS server's (from its HTTP `Date` headers), ms. */
    clockOffsetMs: z.number().int().optional(),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
/** A parsed, schema-valid entry. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The JSON text with object keys sorted (recursively): the canonical form. */
export function canonicalJson(value: unknown): string {
  return canonicalOf(value, undefined);
}

/** {@link canonicalJson}, leaving out the top-level key `skip` (a loop, not closures: verify runs it a million times). */
function canonicalOf(value: unknown, skip: string | undefined): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalOf(item, undefined)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || key === skip) continue;
    const text =
      item !== null && typeof item === 'object' ? canonicalOf(item, undefined) : JSON.stringify(item);
    out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${text}`;
  }
  return `{${out}}`;
}

/**
 * The canonical form of a flat entry whose keys are all known fields, without
 * `hash`, by walking the pre-sorted field list (no per-entry sort); undefined
 * when the object is anything else (then the generic path decides).
 */
function entryCanonical(entry: Record<string, unknown>): string | undefined {
  let out = '';
  let used = 0;
  for (const key of SORTED_FIELDS) {
    const item = entry[key];
    if (item === undefined) continue;
    used += 1;
    if (key === 'hash') continue;
    if (item !== null && typeof item === 'object') return undefined;
    out += `${out === '' ? '' : ','}"${key}":${JSON.stringify(item)}`;
  }
  return Object.keys(entry).length === used ? `{${out}}` : undefined;
}

/** The hash an entry must carry: SHA-256 over the canonical entry without `hash`. */
export function entryHash(entry: Omit<AuditEntry, 'hash'> | Record<string, unknown>): string {
  const record = entry as Record<string, unknown>;
  const canonical = entryCanonical(record) ?? canonicalOf(record, 'hash');
  return sha('sha256', canonical, 'hex');
}

/** Every field of an entry, in the order lines and syslog messages carry them. */
export const AUDIT_FIELDS = [
  'seq',
  'at',
  'agent',
  'callId',
  'action',
  'result',
  'latencyMs',
  'detail',
  'agentDn',
  'hostName',
  'osUser',
  'appVersion',
  'trigger',
  'ruleId',
  'connId',
  'callUuid',
  'recordingFile',
  'outcome',
  'clockOffsetMs',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditEntry)[];

/** {@link AUDIT_FIELDS} in canonical (sorted) order. */
const SORTED_FIELDS: readonly string[] = [...AUDIT_FIELDS].sort();

/** Fields whose value is a number (everything else is a string; `callId` may be null). */
export const NUMERIC_AUDIT_FIELDS: ReadonlySet<string> = new Set(['seq', 'latencyMs', 'clockOffsetMs']);

/** The line written for an entry: fields in a fixed, readable order, then a newline. */
export function entryLine(entry: AuditEntry): string {
  const ordered: Record<string, unknown> = {};
  for (const field of AUDIT_FIELDS) {
    if (entry[field] !== undefined) ordered[field] = entry[field];
  }
  return `${JSON.stringify(ordered)}\n`;
}

/**
 * Whether an unreadable line looks like the start of an entry cut short (a
 * crash or a failed write: `{"seq":` and no closing brace), as opposed to
 * garbage appended by someone else.
 */
export function looksTorn(line: string): boolean {
  const start = '{"seq":';
  if (line.length === 0 || start.startsWith(line)) return true;
  if (!line.startsWith(start)) return false;
  try {
    JSON.parse(line);
    return false; // complete JSON: written whole, so not a torn write
  } catch {
    return true;
  }
}

/** Parses one line into a schema-valid entry, or says why not (never throws). */
export function parseEntryLine(line: string): { ok: true; entry: AuditEntry } | { ok: false; why: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, why: 'not JSON (torn or garbled line)' };
  }
  const parsed = auditEntrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, why: `not an audit entry (${issue?.path.join('.') || '(root)'}: ${issue?.message})` };
  }
  return { ok: true, entry: parsed.data };
}
