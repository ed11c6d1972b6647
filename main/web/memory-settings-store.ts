import type { Settings } from '../../contract/ipc-contract.ts';
import type { RawSettingsRead, SettingsStorePort } from '../app/ports/app-ports.ts';

/**
 * A {@link SettingsStorePort} held in memory: browser mode's settings live for
 * the run (seeded from its flags), so a throw-away `npm run web` never writes
 * over the desktop app's settings file.
 */
export function createMemorySettingsStore(initial?: Partial<Settings>): SettingsStorePort {
  let data: unknown = initial;
  return {
    path: '(browser mode: in memory for this run)',
    read: (): RawSettingsRead => ({ ok: true, data }),
    write(values) {
      data = { ...values };
    },
    backup: () => undefined,
  };
}
