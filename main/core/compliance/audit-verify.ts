/**
 * Verification and export of audit logs (`npm run audit -- verify|export`).
 *
 * What verify proves: every entry's `hash` matches its canonical content
 * (an EDITED entry fails on its own line), every `prevHash` is the hash of the
 * entry before it and `seq` counts up by one (a REMOVED, REORDERED or
 * INSERTED entry fails on the first line after the change), across all files
 * given (ordered by their first seq), starting at the genesis entry. The one
 * accepted irregularity is a crash's torn line: an unreadable LAST line of the
 * newest file (reported, not an error), or an unreadable line followed by the
 * `log-recovered` entry naming it. A hash chain alone cannot reveal that the
 * newest entries were cut off or the whole tail rewritten: for that, compare
 * the head with one recorded elsewhere (`--head <hash>`).
 */

import { readFileSync } from 'node:fs';
import { GENESIS_HASH, entryHash, parseEntryLine, type AuditEntry } from './audit-entry.ts';

/** A problem that breaks the chain: the first one found. */
export interface VerifyFailure {
  file: string;
  /** 1-based line number. */
  line: number;
  reason: string;
}

/** Outcome of {@link verifyAuditFiles}. */
export interface VerifyReport {
  ok: boolean;
  /** Intact entries checked (up to the failure, if any). */
  entries: number;
  /** The first break, when `ok` is false. */
  failure: VerifyFailure | undefined;
  /** Accepted irregularities (torn lines), for the report. */
  notes: string[];
  /** Hash of the last intact entry (the chain head). */
  head: string;
  /** The intact entries, in chain order (for export). */
  verified: AuditEntry[];
}

/** Options of {@link verifyAuditFiles}. */
export interface VerifyOptions {
  /** Accept a chain that starts after genesis (earlier files not at hand). */
  partial?: boolean;
  /** The head hash recorded elsewhere: the last entry must carry it. */
  head?: string;
}

interface FileLines {
  file: string;
  lines: string[];
  firstSeq: number;
}

function readLines(file: string): FileLines {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let firstSeq = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    const parsed = parseEntryLine(line);
    if (parsed.ok) {
      firstSeq = parsed.entry.seq;
      break;
    }
  }
  return { file, lines, firstSeq };
}

/** Verifies the chain over `files` (any order: they are sorted by their first seq). */
export function verifyAuditFiles(files: readonly string[], options: VerifyOptions = {}): VerifyReport {
  const ordered = files.map(readLines).sort((a, b) => a.firstSeq - b.firstSeq);
  const report: VerifyReport = {
    ok: true,
    entries: 0,
    failure: undefined,
    notes: [],
    head: GENESIS_HASH,
    verified: [],
  };
  const fail = (file: string, line: number, reason: string): VerifyReport => ({
    ...report,
    ok: false,
    failure: { file, line, reason },
  });
  let prev: AuditEntry | undefined;
  let pendingTorn: { file: string; line: number } | undefined;
  for (const [fileIndex, { file, lines }] of ordered.entries()) {
    const lastFile = fileIndex === ordered.length - 1;
    for (const [index, text] of lines.entries()) {
      const line = index + 1;
      const parsed = parseEntryLine(text);
      if (!parsed.ok) {
        if (lastFile && index === lines.length - 1) {
          report.notes.push(`${file}:${line}: torn last line (a crash mid-write): ${parsed.why}`);
          continue;
        }
        if (pendingTorn) return fail(file, line, `unreadable entry: ${parsed.why}`);
        pendingTorn = { file, line };
        continue;
      }
      const entry = parsed.entry;
      if (pendingTorn) {
        const named = `line=${pendingTorn.line} `;
        if (entry.action !== 'log-recovered' || !`${entry.detail ?? ''} `.startsWith(named)) {
          return fail(pendingTorn.file, pendingTorn.line, 'unreadable entry, not a recovered torn line');
        }
        report.notes.push(
          `${pendingTorn.file}:${pendingTorn.line}: torn line, recovered by entry ${entry.seq}`,
        );
        pendingTorn = undefined;
      }
      if (entryHash(entry) !== entry.hash) {
        return fail(file, line, `entry ${entry.seq} was edited: its hash does not match its content`);
      }
      if (!prev) {
        if (entry.seq !== 1 || entry.prevHash !== GENESIS_HASH) {
          if (!options.partial) {
            return fail(
              file,
              line,
              `the chain starts at entry ${entry.seq}, not at the genesis entry 1: earlier entries or files are missing (use --partial to accept)`,
            );
          }
          report.notes.push(`${file}:${line}: chain checked from entry ${entry.seq} (--partial)`);
        }
      } else {
        if (entry.prevHash !== prev.hash) {
          return fail(
            file,
            line,
            `entry ${entry.seq} does not follow entry ${prev.seq} (prevHash mismatch): an entry was removed, reordered or inserted before it`,
          );
        }
        if (entry.seq !== prev.seq + 1) {
          return fail(file, line, `entry ${entry.seq} follows entry ${prev.seq}: seq must count up by one`);
        }
      }
      prev = entry;
      report.entries += 1;
      report.head = entry.hash;
      report.verified.push(entry);
    }
  }
  if (pendingTorn) return fail(pendingTorn.file, pendingTorn.line, 'unreadable entry');
  if (report.entries === 0) {
    const file = ordered[0]?.file ?? '(no file)';
    return fail(file, 1, 'no audit entries found');
  }
  if (options.head !== undefined && options.head !== report.head) {
    const last = ordered.at(-1) as FileLines;
    return fail(last.file, last.lines.length, `the chain head is ${report.head}, expected ${options.head}`);
  }
  return report;
}

/** CSV columns of {@link toCsv}. */
export const CSV_COLUMNS = [
  'seq',
  'at',
  'agent',
  'callId',
  'action',
  'result',
  'latencyMs',
  'detail',
  'prevHash',
  'hash',
] as const;

function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // Quote everything that could split a cell; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Parses `--from`/`--to`: an ISO date (whole UTC day) or date-time. */
export function parseBound(value: string, end: boolean): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${value} (use YYYY-MM-DD or an ISO date-time)`);
  return dateOnly && end ? ms + 86_400_000 - 1 : ms;
}

/** Entries as CSV (header + one row each), optionally within [from, to] (epoch ms, inclusive). */
export function toCsv(entries: readonly AuditEntry[], range: { from?: number; to?: number } = {}): string {
  const rows = entries
    .filter((e) => {
      const at = Date.parse(e.at);
      return (range.from === undefined || at >= range.from) && (range.to === undefined || at <= range.to);
    })
    .map((e) => CSV_COLUMNS.map((column) => csvCell(e[column])).join(','));
  return `${[CSV_COLUMNS.join(','), ...rows].join('\n')}\n`;
}
