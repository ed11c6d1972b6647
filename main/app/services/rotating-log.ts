/**
 * The support log: a size-rotated file in the app's log folder (`app.log`,
 * then `app.1.log` … `app.<N-1>.log`, oldest dropped), written with plain
 * `fs`. Every line passes through the core's redactor first (password,
 * cookies, CSRF token, Authorization — by pattern and by the literal values
 * `secrets()` returns), so a careless caller cannot put a secret in the file.
 * Logging never throws: a full disk must not take the app down.
 */

import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redactFields, redactText } from '../../core/ports/redact.ts';
import type { LoggerPort, LogLevel } from '../ports/app-ports.ts';

/** Options of {@link createRotatingLog}. */
export interface RotatingLogOptions {
  /** Folder of the log files (created if missing). */
  dir: string;
  /** File name stem; default `gws-secure-pause` → `gws-secure-pause.log`. */
  name?: string;
  /** Rotate before a write would make the file larger than this; default 1 MB. */
  maxBytes?: number;
  /** Files kept in total, current one included; default 5. */
  maxFiles?: number;
  /** Lowest level written; default `info`. */
  level?: LogLevel;
  /** Epoch ms for the line's timestamp; default `Date.now`. */
  now?: () => number;
  /** Literal secrets known right now (e.g. a password being used), replaced wherever they appear. */
  secrets?: () => readonly string[];
}

/** A {@link LoggerPort} writing the rotating file. */
export interface RotatingLog extends LoggerPort {
  /** Path of the current file. */
  readonly path: string;
  /** All files, current first (those that exist). */
  files(): string[];
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Builds the rotating log; the folder is created on the first write. */
export function createRotatingLog(options: RotatingLogOptions): RotatingLog {
  const name = options.name ?? 'gws-secure-pause';
  const maxBytes = Math.max(1_024, options.maxBytes ?? 1_048_576);
  const maxFiles = Math.max(1, options.maxFiles ?? 5);
  const minRank = RANK[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const secrets = options.secrets ?? (() => []);
  const fileAt = (index: number): string =>
    join(options.dir, index === 0 ? `${name}.log` : `${name}.${index}.log`);
  let size: number | undefined;

  const currentSize = (): number => {
    if (size !== undefined) return size;
    try {
      size = statSync(fileAt(0)).size;
    } catch {
      size = 0;
    }
    return size;
  };

  const rotate = (): void => {
    rmSync(fileAt(maxFiles - 1), { force: true });
    for (let i = maxFiles - 2; i >= 0; i--) {
      try {
        renameSync(fileAt(i), fileAt(i + 1));
      } catch {
        // A missing file in the chain is fine.
      }
    }
    size = 0;
  };

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (RANK[level] < minRank) return;
    try {
      const known = secrets();
      const safe = redactText(message.replace(/[\r\n]+/g, ' '), known);
      const extra = fields === undefined ? '' : ` ${JSON.stringify(redactFields(fields, known))}`;
      const line = `${new Date(now()).toISOString()} ${level.toUpperCase()} ${safe}${redactText(extra, known)}\n`;
      const bytes = Buffer.byteLength(line);
      mkdirSync(options.dir, { recursive: true });
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate();
      appendFileSync(fileAt(0), line, { mode: 0o600 });
      size = currentSize() + bytes;
    } catch {
      size = undefined; // re-read the size next time; never throw from logging
    }
  };

  return {
    path: fileAt(0),
    files() {
      const out: string[] = [];
      for (let i = 0; i < maxFiles; i++) {
        try {
          statSync(fileAt(i));
          out.push(fileAt(i));
        } catch {
          // not there
        }
      }
      return out;
    },
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
