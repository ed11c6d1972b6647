/**
 * The tamper-evident audit log: append-only JSON Lines, one entry per line,
 * each chained to the one before by SHA-256 (see audit-entry.ts for the
 * canonical form). Every append is written with one `write` and `fsync`ed
 * before `append` returns, so an entry the caller saw written survives a crash
 * or power loss. Synchronous on purpose: entries are rare (a few per call), and
 * a synchronous write keeps the chain order equal to the order of events. The
 * log is also the SIEM shipper's spool (main/core/evidence): `onAppend` wakes it.
 *
 * One writer per file: a lock file `<file>.lock` holds the owner's pid; a
 * second writer (another process, or a second instance in this one) is
 * refused with a clear message, and a lock whose pid is dead is taken over.
 *
 * Rotation: when the active file would pass `maxBytes`, or the UTC day changed
 * since its last entry, it is renamed to `<stem>.<first seq, 10 digits>.jsonl`
 * beside it and a new active file starts; the chain (seq, prevHash) simply
 * continues, and the new file's first entry is a `log-rotated` entry naming
 * the archive. A refused rename keeps writing to the active file and retries
 * with back-off. Nothing here deletes a file (retention asks the shipper's
 * cursor first).
 *
 * Write failures (disk full, read-only folder): a partial write is cut back
 * (no torn entry left behind); the record is kept in memory and written, in
 * order, once writing works again (tried on every append and on a timer); the
 * FIRST failure of a failing period throws (one notification, not a burst),
 * later ones only queue. Records beyond `maxPending` are counted, and a
 * `log-gap` entry (from, to, how many) records them when writing resumes.
 *
 * After a crash, a torn last line (a partial write) is left in place
 * (append-only: nothing is ever rewritten), closed with a newline, reported
 * in {@link AuditLog.recovered}, and recorded by a `log-recovered` entry
 * (`torn-line`, or `garbage-line` when the line does not start like an
 * entry) that chains to the last intact entry; `verify` accepts that pattern.
 */

import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { backoffDelay } from '../ports/backoff.ts';
import { systemClock, type Clock, type TimerHandle } from '../ports/clock.ts';
import {
  GENESIS_HASH,
  auditEntrySchema,
  entryHash,
  entryLine,
  parseEntryLine,
  type AuditAction,
  type AuditEntry,
} from './audit-entry.ts';
import {
  archiveName,
  archivesOf,
  nodeAuditFs,
  openPauses,
  scanTail,
  syncDirectory,
  type AuditFs,
  type TornLine,
} from './audit-files.ts';
import { acquireLock, releaseLock } from './audit-lock.ts';

export { archiveFirstSeq, archiveName, archivesOf, type AuditFs, type TornLine } from './audit-files.ts';

/** What a caller may put in an entry; seq, time, agent and hashes are the log's. */
export interface AuditRecord {
  action: AuditAction;
  result: string;
  callId?: string | null;
  latencyMs?: number;
  detail?: string;
  /** The optional PCI fields (see audit-entry.ts); filled by the compliance layer. */
  agentDn?: string;
  hostName?: string;
  osUser?: string;
  appVersion?: string;
  trigger?: string;
  ruleId?: string;
  connId?: string;
  callUuid?: string;
  recordingFile?: string;
  outcome?: string;
  clockOffsetMs?: number;
}

/** Whether the log is writing; reported on every change (not on every failed append). */
export interface AuditWriteStatus {
  state: 'ok' | 'failing';
  /** Epoch ms the current failure began (when failing). */
  since?: number;
  /** Records kept in memory, waiting for the disk. */
  pending: number;
  /** Records beyond the memory limit, to be recorded as a `log-gap` entry. */
  lost: number;
  /** The fs error of the failure. */
  error?: string;
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
  /** File operations (default node:fs). */
  fs?: AuditFs;
  /** Timer clock for write retries (default the system clock). */
  clock?: Clock;
  /** Records kept in memory while the disk refuses writes (default 10,000). */
  maxPending?: number;
  /** Called after each entry is durably written (e.g. to wake the SIEM shipper). */
  onAppend?: (entry: AuditEntry) => void;
  /** Called when writing starts failing, recovers, or a `log-gap` is written. */
  onStatus?: (status: AuditWriteStatus) => void;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_PENDING = 10_000;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/** A record waiting for the disk, with the wall time it happened. */
interface PendingRecord {
  record: AuditRecord;
  atMs: number;
}

/** An open audit log; see the file comment for the guarantees. */
export class AuditLog {
  readonly #file: string;
  readonly #agent: string;
  readonly #now: () => number;
  readonly #maxBytes: number;
  readonly #rotateDaily: boolean;
  readonly #fs: AuditFs;
  readonly #clock: Clock;
  readonly #maxPending: number;
  readonly #onAppend: ((entry: AuditEntry) => void) | undefined;
  readonly #onStatus: ((status: AuditWriteStatus) => void) | undefined;
  readonly #lock: string;
  #fd: number | undefined;
  #size = 0;
  #lines = 0;
  #seq = 0;
  #prevHash = GENESIS_HASH;
  #firstSeqInFile: number | undefined;
  #lastDay: string | undefined;
  /** A torn line left by a failed write whose cut-back failed too. */
  #tornByFailure: { line: number; bytes: number } | undefined;
  #pending: PendingRecord[] = [];
  #lost: { from: number; to: number; count: number } | undefined;
  #failure: { since: number; error: string; tries: number } | undefined;
  #retryTimer: TimerHandle | undefined;
  #rotation = { failures: 0, retryAt: 0 };
  /** A torn line found when opening, if any (also recorded as a `log-recovered` entry). */
  readonly recovered: TornLine | undefined;
  readonly #openPauses: Map<string, number>;

  private constructor(options: AuditLogOptions) {
    this.#file = options.file;
    this.#agent = options.agent;
    this.#now = options.now ?? Date.now;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#rotateDaily = options.rotateDaily ?? true;
    this.#fs = options.fs ?? nodeAuditFs;
    this.#clock = options.clock ?? systemClock;
    this.#maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.#onAppend = options.onAppend;
    this.#onStatus = options.onStatus;
    mkdirSync(dirname(this.#file), { recursive: true });
    this.#lock = acquireLock(this.#file);
    try {
      const scan = this.#continueChain();
      this.#openPauses = openPauses(scan.text);
      this.#openFile();
      this.recovered = scan.torn;
      if (scan.torn) this.#recordTornTail(scan.torn, scan.text);
    } catch (error) {
      this.#releaseLock();
      throw error;
    }
  }

  /**
   * Opens (creating if needed) the log at `options.file`, continuing its chain.
   * Throws when the file cannot be opened or written (a clear fs error) or
   * another writer holds it.
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

  /** Whether writing works, and what waits for the disk. */
  get writeStatus(): AuditWriteStatus {
    return this.#status();
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
   * with nothing written. When the disk refuses the write, the record is kept
   * (see the file comment), the returned entry is provisional (its seq may
   * move if a recovery entry goes first), and only the first failure throws.
   */
  append(record: AuditRecord): AuditEntry {
    if (this.#fd === undefined) throw new Error('audit log is closed');
    const atMs = this.#now();
    const provisional = this.#sign(record, new Date(atMs).toISOString());
    if (this.#failure || this.#pending.length > 0) {
      this.#flushPending();
      if (this.#failure) {
        this.#keep({ record, atMs });
        return provisional;
      }
    }
    try {
      return this.#writeRecord(record, atMs);
    } catch (error) {
      // Reached only while writing worked: this is the first failure of a failing period.
      this.#startFailure(error as Error);
      this.#keep({ record, atMs });
      throw new Error(
        `audit log cannot be written (${(error as Error).message}): the entry is kept and written when the disk allows`,
        { cause: error },
      );
    }
  }

  /** Writes what waits for the disk now (also done on every append and on a timer); true when nothing waits. */
  retry(): boolean {
    if (this.#fd === undefined) return false;
    this.#flushPending();
    return this.#failure === undefined;
  }

  /** Closes the file and releases the lock; later appends throw. Records still waiting are lost (counted in the status). */
  close(): void {
    if (this.#retryTimer !== undefined) this.#clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#fd === undefined) return;
    this.#fs.closeSync(this.#fd);
    this.#fd = undefined;
    this.#releaseLock();
  }

  /** Reads the chain's end from the active file, or from the newest archive when it is empty. */
  #continueChain(): ReturnType<typeof scanTail> {
    const scan = scanTail(this.#file);
    let last = scan.last;
    if (!last && !scan.torn) {
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
    this.#lines = scan.lines;
    return scan;
  }

  /** Closes a torn tail found at open with a newline and records it. */
  #recordTornTail(torn: TornLine, text: string): void {
    if (!text.endsWith('\n')) this.#writeText('\n', false);
    this.append({
      action: 'log-recovered',
      result: torn.kind,
      detail: `line=${torn.line} bytes=${torn.bytes}`,
    });
  }

  #releaseLock(): void {
    releaseLock(this.#lock);
  }

  #sign(record: AuditRecord, at: string): AuditEntry {
    const { callId, latencyMs, ...rest } = record;
    const unsigned = {
      ...rest,
      seq: this.#seq + 1,
      at,
      agent: this.#agent,
      callId: callId ?? null,
      ...(latencyMs === undefined ? {} : { latencyMs: Math.max(0, Math.round(latencyMs)) }),
      prevHash: this.#prevHash,
    };
    const clean = Object.fromEntries(Object.entries(unsigned).filter(([, value]) => value !== undefined));
    return auditEntrySchema.parse({ ...clean, hash: entryHash(clean) });
  }

  /** Signs and writes one record (rotating first when due); throws the fs error with nothing torn left. */
  #writeRecord(record: AuditRecord, atMs: number): AuditEntry {
    const at = new Date(atMs).toISOString();
    const entry = this.#sign(record, at); // schema errors throw here, before any write
    if (this.#maybeRotate(at)) return this.#writeRecord(record, atMs);
    this.#writeText(entryLine(entry), true);
    this.#seq = entry.seq;
    this.#prevHash = entry.hash;
    this.#lastDay = at.slice(0, 10);
    this.#firstSeqInFile ??= entry.seq;
    try {
      this.#onAppend?.(entry);
    } catch {
      // A listener's fault (e.g. the shipper) never turns a written entry into a failed one.
    }
    return entry;
  }

  #keep(pending: PendingRecord): void {
    if (this.#pending.length < this.#maxPending) {
      this.#pending.push(pending);
      return;
    }
    const lost = this.#lost ?? { from: pending.atMs, to: pending.atMs, count: 0 };
    this.#lost = { from: lost.from, to: pending.atMs, count: lost.count + 1 };
  }

  #startFailure(error: Error): void {
    if (!this.#failure) {
      this.#failure = { since: this.#now(), error: error.message, tries: 1 };
      this.#onStatus?.(this.#status());
    } else {
      this.#failure.tries += 1;
    }
    this.#armRetry();
  }

  #armRetry(): void {
    if (this.#retryTimer !== undefined || !this.#failure) return;
    const delay = backoffDelay(this.#failure.tries, RETRY_BASE_MS, RETRY_MAX_MS);
    this.#retryTimer = this.#clock.setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#fd !== undefined) this.#flushPending();
    }, delay);
  }

  /** Writes the recovery entry, the kept records and the gap, in that order; stops at the first failure. */
  #flushPending(): void {
    try {
      if (this.#tornByFailure) {
        const torn = this.#tornByFailure;
        this.#writeText('\n', false);
        this.#tornByFailure = undefined;
        this.#writeRecord(
          {
            action: 'log-recovered',
            result: 'write-failed',
            detail: `line=${torn.line} bytes=${torn.bytes}`,
          },
          this.#now(),
        );
      }
      while (this.#pending.length > 0) {
        const next = this.#pending[0] as PendingRecord;
        this.#writeRecord(next.record, next.atMs);
        this.#pending.shift();
      }
      if (this.#lost) {
        const { from, to, count } = this.#lost;
        const iso = (ms: number): string => new Date(ms).toISOString();
        this.#writeRecord(
          {
            action: 'log-gap',
            result: 'write-failed',
            detail: `from=${iso(from)} to=${iso(to)} lost=${count}`,
          },
          this.#now(),
        );
        this.#lost = undefined;
      }
    } catch (error) {
      this.#startFailure(error as Error);
      return;
    }
    if (this.#failure) {
      this.#failure = undefined;
      this.#onStatus?.(this.#status());
    }
  }

  #status(): AuditWriteStatus {
    return {
      state: this.#failure ? 'failing' : 'ok',
      ...(this.#failure ? { since: this.#failure.since, error: this.#failure.error } : {}),
      pending: this.#pending.length,
      lost: this.#lost?.count ?? 0,
    };
  }

  /** Rotates when due; true when it did (the caller re-signs: a `log-rotated` entry went first). */
  #maybeRotate(at: string): boolean {
    if (this.#size === 0 || this.#firstSeqInFile === undefined) return false;
    const dayChanged = this.#rotateDaily && this.#lastDay !== undefined && at.slice(0, 10) !== this.#lastDay;
    // ~1 KiB is an upper bound of one entry line (fields are length-limited).
    if (!dayChanged && this.#size + 1024 <= this.#maxBytes) return false;
    if (this.#now() < this.#rotation.retryAt) return false;
    const archive = archiveName(this.#file, this.#firstSeqInFile);
    this.#fs.closeSync(this.#fd as number);
    this.#fd = undefined;
    try {
      this.#fs.renameSync(this.#file, archive);
    } catch {
      // Refused (a scanner holding the file, a permission): keep writing here, retry later.
      this.#rotation.failures += 1;
      this.#rotation.retryAt =
        this.#now() + backoffDelay(this.#rotation.failures, RETRY_BASE_MS, RETRY_MAX_MS);
      this.#openFile();
      return false;
    }
    const retries = this.#rotation.failures;
    this.#rotation = { failures: 0, retryAt: 0 };
    syncDirectory(dirname(this.#file));
    this.#firstSeqInFile = undefined;
    this.#openFile();
    this.#lines = 0;
    const detail = `archive=${basename(archive)}${retries > 0 ? ` retries=${retries}` : ''}`;
    this.#writeRecord({ action: 'log-rotated', result: dayChanged ? 'day' : 'size', detail }, Date.parse(at));
    return true;
  }

  #openFile(): void {
    const existed = existsSync(this.#file);
    this.#fd = this.#fs.openSync(this.#file, 'a', 0o600);
    this.#size = this.#fs.fstatSync(this.#fd).size;
    if (!existed) syncDirectory(dirname(this.#file));
  }

  /**
   * Writes `text` and fsyncs. On failure cuts the file back to its size before
   * the write, so no partial entry stays; if even that fails, remembers the
   * torn line for a `log-recovered` entry. Rethrows the fs error.
   */
  #writeText(text: string, isEntry: boolean): void {
    const fd = this.#fd as number;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    try {
      while (offset < bytes.length) offset += this.#fs.writeSync(fd, bytes, offset);
      this.#fs.fsyncSync(fd);
    } catch (error) {
      if (offset > 0) this.#cutBack(fd, offset, isEntry);
      throw error;
    }
    this.#size += bytes.length;
    if (isEntry) this.#lines += 1;
  }

  #cutBack(fd: number, written: number, isEntry: boolean): void {
    try {
      this.#fs.ftruncateSync(fd, this.#size);
    } catch {
      this.#size += written;
      if (isEntry) {
        this.#lines += 1;
        this.#tornByFailure = { line: this.#lines, bytes: written };
      }
    }
  }
}
