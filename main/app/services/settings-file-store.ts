/**
 * A {@link SettingsStorePort} over one JSON file with plain `fs`: what browser
 * mode and the tests use (the desktop uses electron-store behind the same
 * port). Writes are atomic (temporary file, then rename), so a crash mid-write
 * never leaves half a file.
 */

import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Settings } from '../../../contract/ipc-contract.ts';
import type { RawSettingsRead, SettingsStorePort } from '../ports/app-ports.ts';

/** Builds the store over the file at `path`; `now` dates backups. */
export function createJsonFileSettingsStore(path: string, now: () => number = Date.now): SettingsStorePort {
  return {
    path,
    read(): RawSettingsRead {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, data: undefined };
        return { ok: false, error: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
      }
      try {
        return { ok: true, data: JSON.parse(text) as unknown };
      } catch (error) {
        return { ok: false, error: `it is not valid JSON (${(error as Error).message})` };
      }
    },
    write(values: Settings) {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, path);
    },
    backup() {
      if (!existsSync(path)) return undefined;
      const target = `${path}.${new Date(now()).toISOString().replace(/[:.]/g, '-')}.bak`;
      copyFileSync(path, target);
      return target;
    },
  };
}
