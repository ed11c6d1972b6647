import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../contract/ipc-contract.ts';
import { loadSettings } from '../../../main/app/policies/settings.ts';
import { openElectronSettingsStore } from '../../../main/electron/settings-store-adapter.ts';
import { resetElectronFake } from '../../fakes/electron-fake.ts';

let dir: string;
beforeEach(() => {
  resetElectronFake();
  dir = mkdtempSync(join(tmpdir(), 'gws-estore-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store adapter (the real electron-store on real files)', () => {
  it('first run: no file is "no data", not an error', async () => {
    const store = await openElectronSettingsStore({ dir });
    expect(store.path).toBe(join(dir, 'settings.json'));
    expect(store.read()).toEqual({ ok: true, data: undefined });
  });

  it('writes the values as JSON (mode 0600) and reads them back raw', async () => {
    const store = await openElectronSettingsStore({ dir });
    store.write({ ...DEFAULT_SETTINGS, username: 'jdoe', hotkey: 'Alt+F9' });
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ username: 'jdoe', hotkey: 'Alt+F9' });
    if (process.platform !== 'win32') expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const again = await openElectronSettingsStore({ dir });
    expect(again.read()).toEqual({ ok: true, data: expect.objectContaining({ username: 'jdoe' }) });
  });

  it('a corrupt file is reported, never thrown; backup keeps the bytes; a write then replaces it', async () => {
    writeFileSync(join(dir, 'settings.json'), '{"serverUrl": "https://gws', 'utf8');
    const store = await openElectronSettingsStore({ dir, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    const read = store.read();
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(/not valid JSON/);
    const backup = store.backup();
    expect(backup).toBe(join(dir, 'settings.json.2026-01-02T03-04-05-000Z.bak'));
    expect(readFileSync(backup!, 'utf8')).toBe('{"serverUrl": "https://gws');
    store.write(DEFAULT_SETTINGS);
    expect(store.read()).toEqual({ ok: true, data: DEFAULT_SETTINGS });
  });

  it('with the settings layer: a corrupt file → defaults, a backup, and a problem the window shows', async () => {
    writeFileSync(join(dir, 'settings.json'), 'not json at all', 'utf8');
    const layer = loadSettings({
      store: await openElectronSettingsStore({ dir }),
      managedPath: join(dir, 'none.json'),
      passwordStorage: () => 'memory',
    });
    expect(layer.values()).toEqual(DEFAULT_SETTINGS);
    expect(layer.view().problems.join(' ')).toMatch(/unusable.*backed up to .*\.bak.*reset to defaults/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual(DEFAULT_SETTINGS);
  });

  it('a write with no backup taken first still never destroys the unreadable file', async () => {
    writeFileSync(join(dir, 'settings.json'), '{{{', 'utf8');
    const store = await openElectronSettingsStore({ dir });
    store.write(DEFAULT_SETTINGS);
    const kept = readdirSync(dir).filter((f) => f.includes('.unreadable.bak'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe('{{{');
  });
});
