/**
 * The tamper-evident audit log (issue 8 item 4): append-only JSON Lines, one
 * entry per line, each chained to the one before by SHA-256 (see
 * audit-entry.ts for the canonical form). Every append is written with one
 * `write` and `fsync`ed before `append` returns, so an entry the caller saw
 * written survives a crash or power loss. Synchronous on purpose: entries are
 * rare (a few per call), and a synchronous write keeps the chain order equal to
 * the order of events without a queue that a crash could lose.
 *
 * Rotation: when the active file would pass `maxBytes`, or the UTC day changed
 * since its last entry, it is renamed to `<stem>.<first seq, 10 digits>.jsonl`
 * beside it and a new active file starts; the chain (seq, prevHash) simply
 * continues, and the new file's first entry is a `log-rotated` entry naming
 * the archive, so `verify` over all files checks the links between them.
 *
 * After a crash, a torn last line (a partial write) is left in place
 * (append-only: nothing is ever rewritten), closed with a newline, reported
 * in {@link AuditLog.recovered}, and recorded by a `log-recovered` entry that
 * chains to the last intact entry; `verify` accepts exactly that pattern.
 */

import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  GENESIS_HASH,
  auditEntrySchema,
  entryHash,
  entryLine,
  parseEntryLine,
  type AuditAction,
  type AuditEntry,
} from './audit-entry.ts';

/** What a caller may put in an entry; seq, time, agent and hashes are the log's. */
export interface AuditRecord {
  action: AuditAction;
  result: string;
  callId?: string | null;
  latencyMs?: number;
  detail?: string;
}

/** Options of {@link AuditLog.open}. */
export interface AuditLogOptions {
  /** The active file (e.g. `<userData>/audit/audit.jsonl`, or the CLI's `--audit-file`). */
  file: string;
  /** The signed-in user name written into every entry. */
  agent: string;
  /** Wall clock, epoch ms (default `Date.now`); injectable for tests. */
  now?: () => number;
  /** Rotate before the active file would exceed this many bytes (default 10 MiB). */
  maxBytes?: number;
  /** Rotate when the UTC day changes (default true). */
  rotateDaily?: boolean;
}

/** A torn line found (and closed) when the log was opened. */
export interface TornLine {
  file: string;
  /** 1-based line number of the torn line. */
  line: number;
  bytes: number;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

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

/** Scans a log file: its last intact entry and a torn tail, if any. */
function scanTail(file: string): { last: AuditEntry | undefined; torn: TornLine | undefined; text: string } {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let last: AuditEntry | undefined;
  let torn: TornLine | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const parsed = parseEntryLine(lines[i] ?? '');
    if (parsed.ok) {
      last = parsed.entry;
      break;
    }
    // Only the very last line can be a torn write; anything else is left to `verify` to judge.
    if (i === lines.length - 1) torn = { file, line: i + 1, bytes: Buffer.byteLength(lines[i] ?? '') };
  }
  return { last, torn, text };
}

/**
 * Wall-clock ms (epoch) at which each call still paused at the end of `text`
 * was first confirmed paused, from the entries in it: the pause start an app
 * restart re-arms reminders from (GWS itself reports no pause time).
 */
function openPauses(text: string): Map<string, number> {
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

/** An open audit log; see the file comment for the guarantees. */
export class AuditLog {
  readonly #file: string;
  readonly #agent: string;
  readonly #now: () => number;
  readonly #maxBytes: number;
  readonly #rotateDaily: boolean;
  #fd: number | undefined;
  #size = 0;
  #seq = 0;
  #prevHash = GENESIS_HASH;
  #firstSeqInFile: number | undefined;
  #lastDay: string | undefined;
  /** A torn line found when opening, if any (also recorded as a `log-recovered` entry). */
  readonly recovered: TornLine | undefined;
  readonly #openPauses: Map<string, number>;

  private constructor(options: AuditLogOptions) {
    this.#file = options.file;
    this.#agent = options.agent;
    this.#now = options.now ?? Date.now;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#rotateDaily = options.rotateDaily ?? true;
    mkdirSync(dirname(this.#file), { recursive: true });
    const scan = scanTail(this.#file);
    let last = scan.last;
    if (!last && !scan.torn) {
      // An empty or missing active file continues the newest archive's chain.
      const newest = archivesOf(this.#file).at(-1);
      if (newest) last = scanTail(newest).last;
    }
    if (last) {
      this.#seq = last.seq;
      this.#prevHash = last.hash;
      this.#lastDay = last.at.slice(0, 10);
    }
    const firstLine = parseEntryLine(scan.text.split('\n', 1)[0] ?? '');
    this.#firstSeqInFile = firstLine.ok ? firstLine.entry.seq : undefined;
    this.#openPauses = openPauses(scan.text);
    this.#openFile();
    this.recovered = scan.torn;
    if (scan.torn) {
      // Close the torn line so the next entry starts on a line of its own.
      if (!scan.text.endsWith('\n')) this.#write('\n');
      this.append({
        action: 'log-recovered',
        result: 'torn-line',
        detail: `line=${scan.torn.line} bytes=${scan.torn.bytes}`,
      });
    }
  }

  /**
   * Opens (creating if needed) the log at `options.file`, continuing its chain.
   * Throws only when the file cannot be opened or written (a clear fs error).
   */
  static open(options: AuditLogOptions): AuditLog {
    return new AuditLog(options);
  }

  /** The active file. */
  get file(): string {
    return this.#file;
  }

  /** Seq of the last entry written (0 before the first). */
  get seq(): number {
    return this.#seq;
  }

  /** Hash of the last entry written (the chain's head; give it to auditors as an anchor). */
  get head(): string {
    return this.#prevHash;
  }

  /**
   * Epoch ms at which `callId` was first confirmed paused, if the active file
   * (as found when the log was opened) ends with that call still paused: how
   * an app restart learns how long a pause has lasted. Undefined otherwise.
   */
  pausedAtOf(callId: string): number | undefined {
    return this.#openPauses.get(callId);
  }

  /**
   * Appends one entry and fsyncs it; returns the entry as written. Throws on a
   * record the schema refuses (a programming error: e.g. prose in `detail`),
   * with nothing written.
   */
  append(record: AuditRecord): AuditEntry {
    if (this.#fd === undefined) throw new Error('audit log is closed');
    const nowMs = this.#now();
    const at = new Date(nowMs).toISOString();
    this.#maybeRotate(at);
    const unsigned = {
      seq: this.#seq + 1,
      at,
      agent: this.#agent,
      callId: record.callId ?? null,
      action: record.action,
      result: record.result,
      ...(record.latencyMs === undefined ? {} : { latencyMs: Math.max(0, Math.round(record.latencyMs)) }),
      ...(record.detail === undefined ? {} : { detail: record.detail }),
      prevHash: this.#prevHash,
    };
    const entry = auditEntrySchema.parse({ ...unsigned, hash: entryHash(unsigned) });
    this.#write(entryLine(entry));
    this.#seq = entry.seq;
    this.#prevHash = entry.hash;
    this.#lastDay = at.slice(0, 10);
    this.#firstSeqInFile ??= entry.seq;
    return entry;
  }

  /** Closes the file; later appends throw. */
  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  #maybeRotate(at: string): void {
    if (this.#size === 0 || this.#firstSeqInFile === undefined) return;
    const dayChanged = this.#rotateDaily && this.#lastDay !== undefined && at.slice(0, 10) !== this.#lastDay;
    // ~400 bytes is an upper bound of one entry line (fields are length-limited).
    if (!dayChanged && this.#size + 400 <= this.#maxBytes) return;
    const archive = archiveName(this.#file, this.#firstSeqInFile);
    this.close();
    renameSync(this.#file, archive);
    syncDirectory(dirname(this.#file));
    this.#firstSeqInFile = undefined;
    this.#openFile();
    this.append({
      action: 'log-rotated',
      result: dayChanged ? 'day' : 'size',
      detail: `archive=${basename(archive)}`,
    });
  }

  #openFile(): void {
    const existed = existsSync(this.#file);
    this.#fd = openSync(this.#file, 'a', 0o600);
    this.#size = fstatSync(this.#fd).size;
    if (!existed) syncDirectory(dirname(this.#file));
  }

  #write(text: string): void {
    const fd = this.#fd as number;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
    this.#size += bytes.length;
  }
}

/** Makes a new or renamed directory entry durable (best effort: not possible on every platform). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for fsync; the file's own fsync still holds.
  }
}
