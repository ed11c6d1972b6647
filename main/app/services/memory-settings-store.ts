/**
 * A {@link SettingsStorePort} held in memory: browser mode's and the headless
 * CLI's settings live for the run (seeded from their flags), so a throw-away
 * `npm run web` or `npm run headless` never writes over the desktop app's
 * settings file.
 */

import type { Settings } from '../../../contract/ipc-contract.ts';
import type { RawSettingsRead, SettingsStorePort } from '../ports/app-ports.ts';

/** Builds the store, holding `initial` (the flags' values; the rest are the defaults). */
export function createMemorySettingsStore(initial?: Partial<Settings>): SettingsStorePort {
  let data: unknown = initial;
  return {
    path: '(in memory for this run)',
    read: (): RawSettingsRead => ({ ok: true, data }),
    write(values) {
      data = { ...values };
    },
    backup: () => undefined,
  };
}
