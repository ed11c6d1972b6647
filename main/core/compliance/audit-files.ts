/**
 * The audit log's files: the fs port the writer goes through (so a test can
 * fill the disk or refuse a rename), the names of rotated archives, the scan
 * of a file's tail at open (last intact entry, torn or garbage last line),
 * the pauses still open at its end, and the directory fsync.
 */

import * as nodeFs from 'node:fs';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { looksTorn, parseEntryLine, type AuditEntry } from './audit-entry.ts';

/** The file operations the writer uses: injectable to simulate a full disk or a refused rename. */
export interface AuditFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Buffer, offset: number): number;
  fsyncSync(fd: number): void;
  ftruncateSync(fd: number, length: number): void;
  fstatSync(fd: number): { size: number };
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
}

/** node:fs behind {@link AuditFs}. */
export const nodeAuditFs: AuditFs = {
  openSync: (path, flags, mode) => nodeFs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset) => nodeFs.writeSync(fd, buffer, offset),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  ftruncateSync: (fd, length) => nodeFs.ftruncateSync(fd, length),
  fstatSync: (fd) => nodeFs.fstatSync(fd),
  closeSync: (fd) => nodeFs.closeSync(fd),
  renameSync: (from, to) => nodeFs.renameSync(from, to),
};

/** A torn line found (and closed) when the log was opened. */
export interface TornLine {
  file: string;
  /** 1-based line number of the torn line. */
  line: number;
  bytes: number;
  /** `torn-line` for a cut-short entry, `garbage-line` for anything else. */
  kind: 'torn-line' | 'garbage-line';
}

/** The rotated-file name for an active file and the first seq it holds. */
export function archiveName(file: string, firstSeq: number): string {
  const stem = basename(file).replace(/\.jsonl$/, '');
  return join(dirname(file), `${stem}.${String(firstSeq).padStart(10, '0')}.jsonl`);
}

/** Archives of `file` beside it, oldest first (their names sort by first seq). */
export function archivesOf(file: string): string[] {
  const dir = dirname(file);
  if (!existsSync(dir)) return [];
  const stem = basename(file).replace(/\.jsonl$/, '');
  const pattern = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d{10}\\.jsonl$`);
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** The first seq an archive holds, from its name (undefined for the active file). */
export function archiveFirstSeq(file: string): number | undefined {
  const match = /\.(\d{10})\.jsonl$/.exec(file);
  return match ? Number(match[1]) : undefined;
}

/** Scans a log file: its last intact entry, a torn tail if any, and its line count. */
export function scanTail(file: string): {
  last: AuditEntry | undefined;
  torn: TornLine | undefined;
  text: string;
  lines: number;
} {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let last: AuditEntry | undefined;
  let torn: TornLine | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    const parsed = parseEntryLine(line);
    if (parsed.ok) {
      last = parsed.entry;
      break;
    }
    // Only the very last line can be a torn write; anything else is left to `verify` to judge.
    if (i === lines.length - 1) {
      const kind = looksTorn(line) ? 'torn-line' : 'garbage-line';
      torn = { file, line: i + 1, bytes: Buffer.byteLength(line), kind };
    }
  }
  return { last, torn, text, lines: lines.length };
}

/**
 * Wall-clock ms (epoch) at which each call still paused at the end of `text`
 * was first confirmed paused, from the entries in it: the pause start an app
 * restart re-arms reminders from (GWS itself reports no pause time).
 */
export function openPauses(text: string): Map<string, number> {
  const paused = new Map<string, number>();
  for (const line of text.split('\n')) {
    const parsed = parseEntryLine(line);
    if (!parsed.ok || parsed.entry.callId === null) continue;
    const { action, result, callId, at, detail } = parsed.entry;
    const pausedNow =
      (action === 'pause' && result === 'confirmed') || (action === 'recording-state' && result === 'paused');
    const endedNow =
      (['resume', 'auto-resume', 'stop-recording'].includes(action) && result === 'confirmed') ||
      (action === 'recording-state' && result !== 'paused') ||
      action === 'call-ended-while-paused';
    if (pausedNow && !paused.has(callId)) paused.set(callId, Date.parse(at));
    if (!endedNow) continue;
    const since = paused.get(callId);
    paused.delete(callId);
    const successor = /(?:^| )newCallId=([^ ]+)/.exec(detail ?? '')?.[1];
    if (result === 'replaced' && successor && since !== undefined) paused.set(successor, since);
  }
  return paused;
}

/** Makes a new or renamed directory entry durable (best effort: not possible on every platform). */
export function syncDirectory(dir: string): void {
  try {
    const fd = nodeFs.openSync(dir, 'r');
    try {
      nodeFs.fsyncSync(fd);
    } finally {
      nodeFs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for fsync; the file's own fsync still holds.
  }
}
