/**
 * Reads the local audit log — the shipper's spool — in chain order from any
 * seq on: across rotated archives and the active file, following a rotation
 * that happens while it reads (it keeps the file open, so a rename does not
 * lose its place), and never returning a line the writer has not finished.
 * Unreadable lines (a torn or garbage line) are skipped: the chain's own
 * `log-recovered` entry records them, and that entry is shipped.
 */

import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { parseEntryLine, type AuditEntry } from '../compliance/audit-entry.ts';
import { archiveFirstSeq, archivesOf } from '../compliance/audit-log.ts';

const CHUNK = 1 << 20;

interface ReadPosition {
  file: string;
  fd: number;
  ino: number;
  offset: number;
  /** The incomplete last line read so far. */
  carry: string;
  /** The seq the next entry returned must have. */
  nextSeq: number;
}

/** A reader of one audit log's entries; see the file comment. */
export class SpoolReader {
  readonly #active: string;
  readonly #buffer = Buffer.alloc(CHUNK);
  #pos: ReadPosition | undefined;

  constructor(activeFile: string) {
    this.#active = activeFile;
  }

  /** Up to `max` entries with seq > `afterSeq`, in chain order (fewer or none at the end of the log). */
  read(afterSeq: number, max: number): AuditEntry[] {
    if (!this.#pos || this.#pos.nextSeq !== afterSeq + 1) this.#locate(afterSeq);
    const out: AuditEntry[] = [];
    while (this.#pos && out.length < max) {
      const got = this.#readChunk(this.#pos, afterSeq, max - out.length);
      out.push(...got);
      if (got.length === 0 && !this.#advanceFile(this.#pos)) break;
    }
    return out;
  }

  /** Releases the open file. */
  close(): void {
    if (this.#pos) closeSync(this.#pos.fd);
    this.#pos = undefined;
  }

  /** Positions the reader at the file holding `afterSeq + 1`, at the start of that file. */
  #locate(afterSeq: number): void {
    this.close();
    const archives = archivesOf(this.#active);
    const holding = archives.filter((a) => (archiveFirstSeq(a) ?? 0) <= afterSeq + 1).at(-1);
    const laterArchive = archives.find((a) => (archiveFirstSeq(a) ?? 0) > afterSeq + 1);
    // An archive named after a later seq exists while none covers afterSeq+1: start at the oldest.
    const file = holding ?? (laterArchive ? archives[0] : undefined) ?? this.#active;
    this.#open(file, afterSeq + 1);
  }

  #open(file: string, nextSeq: number): boolean {
    if (!existsSync(file)) return false;
    const fd = openSync(file, 'r');
    this.#pos = { file, fd, ino: fstatSync(fd).ino, offset: 0, carry: '', nextSeq };
    return true;
  }

  /** Reads complete lines from the current file; returns the entries with seq >= nextSeq. */
  #readChunk(pos: ReadPosition, afterSeq: number, max: number): AuditEntry[] {
    const out: AuditEntry[] = [];
    const buffer = this.#buffer;
    while (out.length < max) {
      const bytes = readSync(pos.fd, buffer, 0, CHUNK, pos.offset);
      if (bytes === 0) break;
      const text = pos.carry + buffer.toString('utf8', 0, bytes);
      const end = text.lastIndexOf('\n');
      const complete = end < 0 ? '' : text.slice(0, end);
      const rest = end < 0 ? text : text.slice(end + 1);
      let consumed = 0;
      for (const line of complete.split('\n')) {
        consumed += Buffer.byteLength(line) + 1;
        const parsed = parseEntryLine(line);
        if (parsed.ok && parsed.entry.seq > afterSeq && parsed.entry.seq >= pos.nextSeq) {
          out.push(parsed.entry);
          pos.nextSeq = parsed.entry.seq + 1;
          if (out.length >= max) break;
        }
      }
      if (end < 0 || consumed >= Buffer.byteLength(complete) + 1) {
        pos.offset += bytes;
        pos.carry = rest;
      } else {
        // Stopped inside this chunk: continue from the next line next time.
        pos.offset += consumed - Buffer.byteLength(pos.carry);
        pos.carry = '';
      }
    }
    return out;
  }

  /** At the end of the current file: moves to the next one when this one is finished. */
  #advanceFile(pos: ReadPosition): boolean {
    const activeIno = existsSync(this.#active) ? statSync(this.#active).ino : undefined;
    if (pos.file === this.#active && activeIno === pos.ino) return false; // the live file: wait for more
    const next = archivesOf(this.#active).find((a) => archiveFirstSeq(a) === pos.nextSeq) ?? this.#active;
    if (next === pos.file && activeIno === pos.ino) return false;
    closeSync(pos.fd);
    this.#pos = undefined;
    return this.#open(next, pos.nextSeq);
  }
}
