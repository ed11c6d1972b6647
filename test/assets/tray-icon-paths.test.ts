/**
 * main/app/policies/tray-icon-paths.ts: the path a status resolves to exists in the
 * app, per platform and display scale. (Lives beside the asset tests because
 * it checks the generated files themselves.)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TRAY_ICON_IDS,
  trayIconFileNames,
  trayIconPath,
  trayIconPixelSize,
  type TrayIconId,
} from '../../main/app/policies/tray-icon-paths.ts';
import { trayModel } from '../../main/app/policies/tray-model.ts';
import { appStatusSchema } from '../../contract/ipc-contract.ts';
import { view } from '../main/app/views.ts';
import { REPO_ROOT } from '../../scripts/generate-icons.ts';

describe('icon ids', () => {
  it('are exactly the ids the tray model shows for the nine statuses (a new state needs its icons first)', () => {
    const shown = appStatusSchema.options.map(
      (status) =>
        trayModel({
          view: view({
            status,
            ...(status === 'signed-out' ? { session: { phase: 'signed-out', demo: false } } : {}),
          }),
          now: 0,
          platform: 'linux',
        }).iconId,
    );
    expect([...new Set(shown)].sort()).toEqual([...TRAY_ICON_IDS].sort());
  });
});

describe('trayIconPath', () => {
  it('gives Windows and Linux the coloured 16 px icon, @2x on a scaled display', () => {
    expect(trayIconPath('paused', 'win32')).toBe('assets/tray/paused-16.png');
    expect(trayIconPath('paused', 'linux', 1)).toBe('assets/tray/paused-16.png');
    expect(trayIconPath('paused', 'win32', 1.5)).toBe('assets/tray/paused-16@2x.png');
    expect(trayIconPath('signed-out', 'linux', 2)).toBe('assets/tray/signed-out-16@2x.png');
    expect(trayIconPath('recording', 'win32', 1, 32)).toBe('assets/tray/recording-32.png');
    expect(trayIconPath('recording', 'win32', 2, 32)).toBe('assets/tray/recording-32@2x.png');
  });

  it('gives macOS the template image at any scale (Electron picks @2x itself)', () => {
    expect(trayIconPath('pending', 'darwin')).toBe('assets/tray/pendingTemplate.png');
    expect(trayIconPath('pending', 'darwin', 2)).toBe('assets/tray/pendingTemplate.png');
  });

  it('resolves to a file that exists for every id, platform and scale', () => {
    for (const id of TRAY_ICON_IDS) {
      for (const platform of ['win32', 'linux', 'darwin', 'freebsd'] as const) {
        for (const scale of [1, 1.25, 2, 3]) {
          for (const size of [16, 32] as const) {
            const rel = trayIconPath(id, platform, scale, size);
            expect(existsSync(join(REPO_ROOT, rel)), rel).toBe(true);
          }
        }
      }
    }
  });

  it('refuses an unknown id or a nonsense scale instead of showing no icon', () => {
    expect(() => trayIconPath('pausing' as TrayIconId, 'win32')).toThrow(/Unknown tray icon id "pausing"/);
    expect(() => trayIconPath('paused', 'win32', 0)).toThrow(/scale/);
    expect(() => trayIconPath('paused', 'win32', Number.NaN)).toThrow(/scale/);
    expect(() => trayIconPath('paused', 'win32', 1, 24 as 16)).toThrow(/size/);
  });
});

describe('trayIconFileNames / trayIconPixelSize', () => {
  it('names six files per id with their pixel sizes', () => {
    expect(trayIconFileNames('no-call').map((n) => [n, trayIconPixelSize(n)])).toEqual([
      ['no-call-16.png', 16],
      ['no-call-16@2x.png', 32],
      ['no-call-32.png', 32],
      ['no-call-32@2x.png', 64],
      ['no-callTemplate.png', 16],
      ['no-callTemplate@2x.png', 32],
    ]);
    expect(() => trayIconPixelSize('icon.ico')).toThrow(/Not a generated tray icon/);
  });
});
