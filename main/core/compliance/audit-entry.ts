/**
 * One audit-log entry and its hash chain (issue 8 item 4). Shared by the
 * writer ({@link AuditLog}) and the verifier, so both agree on one definition
 * of "canonical".
 *
 * Canonical form of an entry: the entry WITHOUT its `hash` field, serialised
 * as JSON with object keys sorted by UTF-16 code unit order (recursively), no
 * whitespace, numbers as JavaScript prints them. `hash` = lowercase hex
 * SHA-256 of the UTF-8 bytes of that string. `prevHash` is the previous
 * entry's `hash` (across rotated files), {@link GENESIS_HASH} for the first.
 */

import { createHash } from 'node:crypto';
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
] as const;
/** One of {@link AUDIT_ACTIONS}. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Allowed characters of `detail`: ids, numbers, `key=value` pairs. Deliberately
 * too narrow for prose, URLs with credentials or card data with separators —
 * only the compliance layer's own key=value summaries fit.
 */
const DETAIL = /^[A-Za-z0-9 ._:=,-]{0,200}$/;

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
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
/** A parsed, schema-valid entry. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The JSON text with object keys sorted (recursively): the canonical form. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash an entry must carry: SHA-256 over the canonical entry without `hash`. */
export function entryHash(entry: Omit<AuditEntry, 'hash'> | Record<string, unknown>): string {
  const { hash: _ignored, ...rest } = entry as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** The line written for an entry: fields in a fixed, readable order, then a newline. */
export function entryLine(entry: AuditEntry): string {
  const ordered = {
    seq: entry.seq,
    at: entry.at,
    agent: entry.agent,
    callId: entry.callId,
    action: entry.action,
    result: entry.result,
    ...(entry.latencyMs === undefined ? {} : { latencyMs: entry.latencyMs }),
    ...(entry.detail === undefined ? {} : { detail: entry.detail }),
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
  return `${JSON.stringify(ordered)}\n`;
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
