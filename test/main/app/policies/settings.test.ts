import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../contract/ipc-contract.ts';
import { createJsonFileSettingsStore } from '../../../../main/app/services/settings-file-store.ts';
import {
  MANAGED_CONFIG_ENV,
  MAX_CA_FILE_BYTES,
  caFileProblem,
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

describe('the extra CA file must be a readable file holding a PEM certificate', () => {
  /** A file in the test folder with `content`. */
  const fileWith = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const goodPem = () =>
    fileWith('ca.pem', `# our proxy's CA\n${rootCertificates[0]!}\n${rootCertificates[1]!}`);

  it('a settings change to /etc/passwd (or any file without a certificate) is refused with the reason; the previous settings stay', () => {
    const s = load();
    const good = goodPem();
    expect(s.update({ extraCaFile: good })).toEqual({ ok: true, changed: ['extraCaFile'] });
    for (const bad of [
      '/etc/passwd',
      fileWith('key.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'),
    ]) {
      const refused = s.update({ extraCaFile: bad, username: 'jdoe' });
      expect(refused).toMatchObject({ ok: false, code: 'invalid' });
      expect(refused.ok ? '' : refused.message).toMatch(
        /extraCaFile: The CA file .* holds no PEM certificate/,
      );
      expect(refused.ok ? '' : refused.message).toContain(bad);
    }
    expect(s.values()).toMatchObject({ extraCaFile: good, username: '' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ extraCaFile: good, username: '' });
    // Clearing it is always allowed; the same value again is not re-read.
    expect(s.update({ extraCaFile: '' })).toMatchObject({ ok: true });
  });

  it('names why for each kind of unusable path, and never echoes the content', () => {
    expect(caFileProblem(goodPem())).toBeUndefined();
    expect(caFileProblem(join(dir, 'missing.pem'))).toMatch(/missing\.pem cannot be read \(ENOENT\)/);
    expect(caFileProblem(dir)).toMatch(/is not a regular file/);
    const broken = rootCertificates[0]!.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    expect(caFileProblem(fileWith('broken.pem', broken))).toMatch(/certificate 1 is not a valid certificate/);
    const secret = fileWith('secret.txt', 'card 4111111111111111\n');
    expect(caFileProblem(secret)).not.toContain('4111');
    const huge = fileWith('huge.pem', Buffer.alloc(MAX_CA_FILE_BYTES + 1, 0x41));
    expect(caFileProblem(huge)).toMatch(/too large for a CA bundle/);
  });

  it('a FIFO is refused without being opened (reading one would block)', () => {
    const fifo = join(dir, 'ca.fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo on this OS: nothing to check
    expect(caFileProblem(fifo)).toMatch(/ca\.fifo is not a regular file/);
  });

  it('a saved CA path that went bad is reported at load (sign-in fails until it is fixed), not reset', () => {
    writeFileSync(file, JSON.stringify({ extraCaFile: '/etc/passwd', username: 'jdoe' }));
    const s = load();
    expect(s.values()).toMatchObject({ extraCaFile: '/etc/passwd', username: 'jdoe' });
    expect(s.view().problems).toEqual([
      expect.stringMatching(/The CA file \/etc\/passwd holds no PEM certificate.*Sign-in fails until/),
    ]);
    expect(backups()).toEqual([]);
  });
});
