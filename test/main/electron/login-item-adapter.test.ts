import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartDir,
  createLoginItemAdapter,
  HIDDEN_FLAG,
} from '../../../main/electron/login-item-adapter.ts';
import { app, resetElectronFake } from '../../fakes/electron-fake.ts';
import { collectingLogger } from '../app/helpers.ts';

let dir: string;
beforeEach(() => {
  resetElectronFake();
  dir = mkdtempSync(join(tmpdir(), 'gws-login-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('login item adapter', () => {
  it('Windows/macOS: app.setLoginItemSettings, with --hidden when starting hidden', () => {
    const item = createLoginItemAdapter({
      platform: 'win32',
      execPath: 'C:\\app.exe',
      autostartDir: dir,
      logger: collectingLogger(),
    });
    item.set(true, true);
    expect(app.loginItemCalls.at(-1)).toEqual({ openAtLogin: true, args: [HIDDEN_FLAG] });
    expect(item.get()).toBe(true);
    item.set(false, true);
    expect(app.loginItemCalls.at(-1)).toEqual({ openAtLogin: false, args: [] });
    expect(item.get()).toBe(false);
  });

  it('Linux: a freedesktop autostart entry (Electron has no login items there)', () => {
    const item = createLoginItemAdapter({
      platform: 'linux',
      execPath: '/opt/GWS Secure Pause/gws-secure-pause',
      autostartDir: dir,
      logger: collectingLogger(),
    });
    expect(item.get()).toBe(false);
    item.set(true, true);
    const entry = readFileSync(join(dir, 'gws-secure-pause.desktop'), 'utf8');
    expect(entry).toContain('Exec="/opt/GWS Secure Pause/gws-secure-pause" --hidden');
    expect(item.get()).toBe(true);
    item.set(false, false);
    expect(existsSync(join(dir, 'gws-secure-pause.desktop'))).toBe(false);
    expect(app.loginItemCalls).toEqual([]);
  });

  it('autostart folder follows XDG_CONFIG_HOME', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/x' }, '/home/a')).toBe('/x/autostart');
    expect(autostartDir({}, '/home/a')).toBe('/home/a/.config/autostart');
  });
});
