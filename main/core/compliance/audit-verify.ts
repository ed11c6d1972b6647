/**
 * Verification and export of audit logs (`npm run audit -- verify|export`).
 *
 * What verify proves: every entry's `hash` matches its canonical content
 * (an EDITED entry fails on its own line); an entry edited AND re-hashed is
 * named as edited, because its successor's `prevHash` no longer matches it
 * while `seq` still counts on; every `prevHash` is the hash of the entry
 * before it and `seq` counts up by one (a REMOVED, REORDERED or INSERTED
 * entry fails on the first line after the change), across all files given
 * (ordered by their first seq), starting at the genesis entry.
 *
 * Accepted irregularities, each reported: a crash's torn line (an unreadable
 * LAST line of the newest file that starts like an entry, or an unreadable
 * line followed by the `log-recovered` entry naming it), a failed write
 * (`log-recovered write-failed`) and entries lost to a full disk (`log-gap`).
 * A last line that does NOT start like an entry is garbage appended by
 * someone: the chain still verifies, but a warning says so — the SIEM's copy
 * (`verify --syslog`) is the judge. A hash chain alone cannot reveal that the
 * newest entries were cut off or the whole tail rewritten: for that, compare
 * the head with one recorded elsewhere (`--head <hash>`) or the SIEM's copy.
 */

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import {
  AUDIT_FIELDS,
  GENESIS_HASH,
  entryHash,
  looksTorn,
  parseEntryLine,
  type AuditEntry,
} from './audit-entry.ts';

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
  /** Accepted irregularities (torn lines, write failures, gaps), for the report. */
  notes: string[];
  /** Irregularities that do not break the chain but need a look (garbage appended). */
  warnings: string[];
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
  /** Keep the verified entries in the report (default true; false for very large logs). */
  keepEntries?: boolean;
}

/** An entry and where it was read. */
export interface LocatedEntry {
  entry: AuditEntry;
  file: string;
  line: number;
}

interface FileHead {
  file: string;
  firstSeq: number;
}

/** A file's first seq, from its first readable lines (files are ordered by it before reading them whole). */
function readHead(file: string): FileHead {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    for (const line of buffer.toString('utf8', 0, bytes).split('\n')) {
      const parsed = parseEntryLine(line);
      if (parsed.ok) return { file, firstSeq: parsed.entry.seq };
    }
    return { file, firstSeq: Number.POSITIVE_INFINITY };
  } finally {
    closeSync(fd);
  }
}

function readLines(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Why `entry` cannot follow `prev` in a chain, or undefined when it can.
 * `at` is where `prev` was read, to name an edited-and-re-hashed entry.
 */
export function linkProblem(
  prev: LocatedEntry,
  current: LocatedEntry,
): { file: string; line: number; reason: string } | undefined {
  const { entry } = current;
  if (entry.prevHash !== prev.entry.hash && entry.seq === prev.entry.seq + 1) {
    return {
      file: prev.file,
      line: prev.line,
      reason: `entry ${prev.entry.seq} was edited (and re-hashed): entry ${entry.seq}'s prevHash no longer matches its recomputed hash`,
    };
  }
  if (entry.prevHash !== prev.entry.hash) {
    return {
      file: current.file,
      line: current.line,
      reason: `entry ${entry.seq} does not follow entry ${prev.entry.seq} (prevHash mismatch): an entry was removed, reordered or inserted before it`,
    };
  }
  if (entry.seq !== prev.entry.seq + 1) {
    return {
      file: current.file,
      line: current.line,
      reason: `entry ${entry.seq} follows entry ${prev.entry.seq}: seq must count up by one`,
    };
  }
  return undefined;
}

/** A note for an entry that records an accepted irregularity, if it is one. */
function irregularityNote(located: LocatedEntry): string | undefined {
  const { entry, file, line } = located;
  if (entry.action === 'log-gap') {
    return `${file}:${line}: entry ${entry.seq}: entries lost to a write failure (${entry.detail ?? ''})`;
  }
  if (entry.action === 'log-recovered' && entry.result === 'write-failed') {
    return `${file}:${line}: entry ${entry.seq}: a write failed (disk full?) and was recovered (${entry.detail ?? ''})`;
  }
  return undefined;
}

/** Walks the lines of the files in chain order; see the file comment. */
class ChainWalk {
  readonly report: VerifyReport = {
    ok: true,
    entries: 0,
    failure: undefined,
    notes: [],
    warnings: [],
    head: GENESIS_HASH,
    verified: [],
  };
  #prev: LocatedEntry | undefined;
  #pendingBad: { file: string; line: number; text: string } | undefined;

  constructor(private readonly options: VerifyOptions) {}

  fail(file: string, line: number, reason: string): VerifyReport {
    return { ...this.report, ok: false, failure: { file, line, reason } };
  }

  /** One line; returns a failed report when the chain breaks here. */
  line(file: string, line: number, text: string, isLastLine: boolean): VerifyReport | undefined {
    const parsed = parseEntryLine(text);
    if (!parsed.ok) return this.#unreadable(file, line, text, parsed.why, isLastLine);
    const located = { entry: parsed.entry, file, line };
    if (this.#pendingBad) {
      const broken = this.#acceptRecovered(located);
      if (broken) return broken;
    }
    if (entryHash(located.entry) !== located.entry.hash) {
      return this.fail(
        file,
        line,
        `entry ${located.entry.seq} was edited: its hash does not match its content`,
      );
    }
    const broken = this.#prev ? linkProblem(this.#prev, located) : this.#checkStart(located);
    if (broken) return this.fail(broken.file, broken.line, broken.reason);
    const note = irregularityNote(located);
    if (note) this.report.notes.push(note);
    this.#prev = located;
    this.report.entries += 1;
    this.report.head = located.entry.hash;
    if (this.options.keepEntries !== false) this.report.verified.push(located.entry);
    return undefined;
  }

  /** After the last line. */
  finish(): VerifyReport | undefined {
    if (this.#pendingBad) return this.fail(this.#pendingBad.file, this.#pendingBad.line, 'unreadable entry');
    return undefined;
  }

  #unreadable(
    file: string,
    line: number,
    text: string,
    why: string,
    isLastLine: boolean,
  ): VerifyReport | undefined {
    if (isLastLine && looksTorn(text)) {
      this.report.notes.push(`${file}:${line}: torn last line (a crash mid-write): ${why}`);
      return undefined;
    }
    if (isLastLine) {
      this.report.warnings.push(
        `${file}:${line}: the last line is NOT a torn entry (it does not start like one): something appended garbage after entry ${this.#prev?.entry.seq ?? 0}; compare with the SIEM copy (verify --syslog)`,
      );
      return undefined;
    }
    if (this.#pendingBad) return this.fail(file, line, `unreadable entry: ${why}`);
    this.#pendingBad = { file, line, text };
    return undefined;
  }

  #acceptRecovered(located: LocatedEntry): VerifyReport | undefined {
    const bad = this.#pendingBad as { file: string; line: number; text: string };
    this.#pendingBad = undefined;
    const { entry } = located;
    const named = `line=${bad.line} `;
    if (entry.action !== 'log-recovered' || !`${entry.detail ?? ''} `.startsWith(named)) {
      return this.fail(bad.file, bad.line, 'unreadable entry, not a recovered torn line');
    }
    if (entry.result === 'garbage-line' || !looksTorn(bad.text)) {
      this.report.warnings.push(
        `${bad.file}:${bad.line}: a line that is not an entry (garbage, not a torn write) was found and recorded by entry ${entry.seq}; compare with the SIEM copy`,
      );
    } else {
      const cause = entry.result === 'write-failed' ? 'a failed write' : 'a crash';
      this.report.notes.push(
        `${bad.file}:${bad.line}: torn line, recovered by entry ${entry.seq} (${cause})`,
      );
    }
    return undefined;
  }

  #checkStart(located: LocatedEntry): { file: string; line: number; reason: string } | undefined {
    const { entry, file, line } = located;
    if (entry.seq === 1 && entry.prevHash === GENESIS_HASH) return undefined;
    if (!this.options.partial) {
      return {
        file,
        line,
        reason: `the chain starts at entry ${entry.seq}, not at the genesis entry 1: earlier entries or files are missing (use --partial to accept)`,
      };
    }
    this.report.notes.push(`${file}:${line}: chain checked from entry ${entry.seq} (--partial)`);
    return undefined;
  }
}

/** Verifies the chain over `files` (any order: they are sorted by their first seq). */
export function verifyAuditFiles(files: readonly string[], options: VerifyOptions = {}): VerifyReport {
  const ordered = files.map(readHead).sort((a, b) => a.firstSeq - b.firstSeq);
  const walk = new ChainWalk(options);
  let lastLines = 0;
  for (const [fileIndex, { file }] of ordered.entries()) {
    const lastFile = fileIndex === ordered.length - 1;
    const lines = readLines(file);
    lastLines = lines.length;
    for (const [index, text] of lines.entries()) {
      const broken = walk.line(file, index + 1, text, lastFile && index === lines.length - 1);
      if (broken) return broken;
    }
  }
  const broken = walk.finish();
  if (broken) return broken;
  const report = walk.report;
  if (report.entries === 0) return walk.fail(ordered[0]?.file ?? '(no file)', 1, 'no audit entries found');
  if (options.head !== undefined && options.head !== report.head) {
    const last = ordered.at(-1) as FileHead;
    return walk.fail(last.file, lastLines, `the chain head is ${report.head}, expected ${options.head}`);
  }
  return report;
}

/** CSV columns of {@link toCsv}. */
export const CSV_COLUMNS = AUDIT_FIELDS;

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
