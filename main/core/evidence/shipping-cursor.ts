/**
 * The durable cursor of the SIEM shipper: the seq and hash of the last audit
 * entry the SIEM has TAKEN (see syslog-shipper.ts for what "taken" means).
 * Written atomically (temp file, fsync, rename, directory fsync), so after a
 * crash it holds either the old or the new position, never a torn one; a
 * missing cursor means nothing was shipped yet (start at entry 1).
 *
 * It is also what retention asks before deleting a rotated file: an archive
 * is deletable only when every entry in it is at or below the cursor.
 */

import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { GENESIS_HASH } from '../compliance/audit-entry.ts';
import { archiveFirstSeq, archivesOf } from '../compliance/audit-log.ts';

/** A position in the chain. */
export interface CursorPosition {
  /** The last entry taken (0 = none). */
  seq: number;
  /** Its hash (the genesis hash for none). */
  hash: string;
}

/** The cursor file that belongs to an audit file: `<file>.syslog-cursor.json` beside it. */
export function cursorFileOf(auditFile: string): string {
  return `${auditFile}.syslog-cursor.json`;
}

/** Reads the cursor; a missing file is the start. Throws on a corrupt one (never guesses a position). */
export function readCursor(file: string): CursorPosition {
  if (!existsSync(file)) return { seq: 0, hash: GENESIS_HASH };
  const invalid = new Error(
    `the shipping cursor ${file} is not valid: move it away to re-ship from the start`,
  );
  let raw: Partial<CursorPosition>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<CursorPosition>;
  } catch {
    throw invalid;
  }
  if (!Number.isInteger(raw.seq) || (raw.seq as number) < 0 || !/^[0-9a-f]{64}$/.test(String(raw.hash))) {
    throw invalid;
  }
  return { seq: raw.seq as number, hash: raw.hash as string };
}

/** Writes the cursor atomically and durably. */
export function writeCursor(file: string, position: CursorPosition): void {
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(position)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  try {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Windows cannot fsync a directory; the rename itself is still atomic.
  }
}

/**
 * Rotated files of `auditFile` that the SIEM has wholly taken (every entry at
 * or below `cursor.seq`): the only ones retention may delete.
 */
export function shippedArchives(auditFile: string, cursor: CursorPosition): string[] {
  const archives = archivesOf(auditFile);
  return archives.filter((_archive, i) => {
    const nextFirst = archiveFirstSeq(archives[i + 1] ?? '');
    // The last archive is followed by the active file: its entries end before the active file's first.
    const endsBefore = nextFirst ?? activeFirstSeq(auditFile);
    return endsBefore !== undefined && endsBefore - 1 <= cursor.seq;
  });
}

function activeFirstSeq(auditFile: string): number | undefined {
  if (!existsSync(auditFile)) return undefined;
  const first = /^\{"seq":(\d+)/.exec(readFileSync(auditFile, 'utf8').slice(0, 32));
  return first ? Number(first[1]) : undefined;
}
