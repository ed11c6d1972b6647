import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../contract/ipc-contract.ts';
import { createJsonFileSettingsStore } from '../../../../main/app/services/settings-file-store.ts';
import {
  MANAGED_CONFIG_ENV,
  loadSettings,
  managedSettingsPath,
} from '../../../../main/app/policies/settings.ts';

let dir: string;
let file: string;
let managed: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gws-settings-'));
  file = join(dir, 'settings.json');
  managed = join(dir, 'managed.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const load = () =>
  loadSettings({
    store: createJsonFileSettingsStore(file),
    managedPath: managed,
    passwordStorage: () => 'memory',
  });
const backups = () => readdirSync(dir).filter((f) => f.endsWith('.bak'));

describe('settings layer over real files', () => {
  it('first run: defaults, no problems, nothing written until a change', () => {
    const s = load();
    expect(s.view()).toEqual({
      values: DEFAULT_SETTINGS,
      locked: [],
      problems: [],
      passwordStorage: 'memory',
    });
    expect(existsSync(file)).toBe(false);
    expect(s.update({ username: 'jdoe' })).toEqual({ ok: true, changed: ['username'] });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...DEFAULT_SETTINGS, username: 'jdoe' });
    expect(load().values().username).toBe('jdoe');
  });

  it('a corrupt file is backed up, replaced by defaults and reported; never a crash', () => {
    writeFileSync(file, '{"serverUrl": "https://gws.exa');
    const s = load();
    expect(s.values()).toEqual(DEFAULT_SETTINGS);
    expect(backups()).toHaveLength(1);
    expect(readFileSync(join(dir, backups()[0] ?? ''), 'utf8')).toBe('{"serverUrl": "https://gws.exa');
    expect(s.view().problems).toEqual([
      expect.stringMatching(
        /settings\.json was unusable \(it is not valid JSON.*backed up to .*\.bak, and reset/,
      ),
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_SETTINGS);
  });

  it('an invalid value (wrong type) or a non-object is treated the same way', () => {
    writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, reminderSeconds: 'soon' }));
    expect(load().view().problems[0]).toMatch(/invalid reminderSeconds/);
    expect(backups()).toHaveLength(1);
    writeFileSync(file, '[1,2]');
    expect(load().view().problems[0]).toMatch(/not a JSON object/);
  });

  it('unknown keys from another version are ignored, known ones kept', () => {
    writeFileSync(file, JSON.stringify({ username: 'jdoe', futureThing: true }));
    const s = load();
    expect(s.values().username).toBe('jdoe');
    expect(s.view().problems).toEqual([]);
  });

  it('updates are validated: unknown keys and bad values refused, nothing saved', () => {
    const s = load();
    expect(s.update({ hotkey: '' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(s.update({ password: 'x' })).toMatchObject({ ok: false, code: 'invalid' });
    // Proxy credentials would sit in a plain file and reach the window: refused, never stored.
    expect(s.update({ proxyUrl: 'http://jdoe:s3cret@proxy.example:3128' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(s.view().values.proxyUrl).toBe('');
    expect(existsSync(file)).toBe(false);
    expect(s.update({ proxyUrl: 'http://proxy.example:3128' })).toMatchObject({ ok: true });
  });

  it('managed settings win, are locked, and refused on update', () => {
    writeFileSync(file, JSON.stringify({ serverUrl: 'https://mine.example.com', username: 'jdoe' }));
    writeFileSync(
      managed,
      JSON.stringify({ serverUrl: 'https://gws.corp.example.com', hotkey: 'Ctrl+Alt+F12' }),
    );
    const s = load();
    expect(s.values()).toMatchObject({
      serverUrl: 'https://gws.corp.example.com',
      hotkey: 'Ctrl+Alt+F12',
      username: 'jdoe',
    });
    expect(s.view().locked).toEqual(['serverUrl', 'hotkey']);
    expect(s.update({ serverUrl: 'https://other.example.com' })).toMatchObject({ ok: false, code: 'locked' });
    // The same value as IT's is not a change: accepted, nothing refused.
    expect(s.update({ serverUrl: 'https://gws.corp.example.com', username: 'ann' })).toEqual({
      ok: true,
      changed: ['username'],
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).serverUrl).toBe('https://mine.example.com');
  });

  it('an invalid managed file is reported, not fatal; bad keys are dropped', () => {
    writeFileSync(managed, '{nope');
    expect(load().view()).toMatchObject({
      locked: [],
      problems: [expect.stringMatching(/not valid JSON; ignored/)],
    });
    writeFileSync(managed, JSON.stringify({ hotkey: 42, transport: 'websocket', colour: 'red' }));
    const view = load().view();
    expect(view.locked).toEqual(['transport']);
    expect(view.problems).toEqual([
      expect.stringMatching(/invalid hotkey/),
      expect.stringMatching(/unknown colour/),
    ]);
  });

  it('managed path per OS, and the environment override', () => {
    expect(managedSettingsPath('linux', {})).toBe('/etc/gws-secure-pause/managed-settings.json');
    expect(managedSettingsPath('darwin', {})).toBe(
      '/Library/Application Support/GwsSecurePause/managed-settings.json',
    );
    expect(managedSettingsPath('win32', { ProgramData: 'D:\\PD' })).toBe(
      'D:\\PD\\GwsSecurePause\\managed-settings.json',
    );
    expect(managedSettingsPath('win32', {})).toBe('C:\\ProgramData\\GwsSecurePause\\managed-settings.json');
    expect(managedSettingsPath('linux', { [MANAGED_CONFIG_ENV]: '/tmp/x.json' })).toBe('/tmp/x.json');
  });
});
