import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../contract/ipc-contract.ts';
import type { RawSettingsRead, SettingsStorePort } from '../app/ports/app-ports.ts';

/**
 * {@link SettingsStorePort} over `electron-store` — the ONLY file that imports
 * it. electron-store reads `electron` at import time (so it throws in plain
 * Node), hence the lazy `import()` in {@link openElectronSettingsStore}.
 *
 * Reads are raw and unvalidated (the settings layer in `main/app/policies/settings.ts`
 * validates, backs up and resets); a file that is not JSON is reported as
 * `{ ok: false }`, never thrown. electron-store's own `clearInvalidConfig` is
 * off: it would silently drop the agent's settings instead of backing them up.
 * The file is written atomically (electron-store/conf) with mode 0600.
 */
export interface ElectronSettingsStoreOptions {
  /** Folder of the settings file (`app.getPath('userData')`). */
  dir: string;
  /** File name without `.json`; default `settings`. */
  name?: string;
  now?: () => number;
}

/** What of electron-store's `Store` we use. */
interface StoreLike {
  store: Record<string, unknown>;
  readonly path: string;
}

type StoreCtor = new (options: Record<string, unknown>) => StoreLike;

/** Loads electron-store (lazily: it needs Electron) and builds the port on it. */
export async function openElectronSettingsStore(
  options: ElectronSettingsStoreOptions,
): Promise<SettingsStorePort> {
  const { default: Store } = (await import('electron-store')) as unknown as { default: StoreCtor };
  const name = options.name ?? 'settings';
  const path = join(options.dir, `${name}.json`);
  const now = options.now ?? Date.now;
  const stamp = (): string => new Date(now()).toISOString().replace(/[:.]/g, '-');
  let store: StoreLike | undefined;
  /** True once {@link SettingsStorePort.backup} copied the current (unreadable) file aside. */
  let backedUp = false;
  const open = (): StoreLike => {
    store ??= new Store({
      name,
      cwd: options.dir,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      configFileMode: 0o600,
      watch: false,
    });
    return store;
  };
  return {
    path,
    read(): RawSettingsRead {
      if (!existsSync(path)) return { ok: true, data: undefined };
      try {
        return { ok: true, data: open().store };
      } catch (error) {
        store = undefined;
        const why = error instanceof SyntaxError ? 'it is not valid JSON' : 'it could not be read';
        return { ok: false, error: `${why} (${error instanceof Error ? error.message : String(error)})` };
      }
    },
    write(values: Settings) {
      let target: StoreLike;
      try {
        target = open();
      } catch {
        // Still unreadable: drop it if it was backed up, else move it aside rather than lose it.
        if (backedUp) rmSync(path, { force: true });
        else renameSync(path, `${path}.${stamp()}.unreadable.bak`);
        target = open();
      }
      target.store = { ...values };
      backedUp = false;
    },
    backup() {
      if (!existsSync(path)) return undefined;
      const target = `${path}.${stamp()}.bak`;
      copyFileSync(path, target);
      backedUp = true;
      return target;
    },
  };
}
