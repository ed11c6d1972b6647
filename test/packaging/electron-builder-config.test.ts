/**
 * electron-builder.yml states the installer promises:
 * NSIS per-user and per-machine (silent install), AppImage + deb, dmg, asar,
 * icons from assets/, and the security fuses. The Windows and macOS targets
 * cannot be built here (no Electron download, no NSIS/hdiutil), so their
 * settings are pinned by reading the file; packaging.test.ts packs the Linux
 * `dir` target for real, which also validates the whole file against
 * electron-builder's schema.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/generate-icons.ts';

// js-yaml ships with electron-builder (which reads this file with it).
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
const config = yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Configuration;

/** Target names of a platform section, whatever form they are written in. */
function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : [target];
  return list.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

describe('electron-builder.yml', () => {
  it('names the app and packs it into asar', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('GWS Secure Pause');
    expect(config.asar).toBe(true);
  });

  it('Windows: NSIS assisted installer offering per-user and per-machine, and a per-machine MSI', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
  });

  it('Linux: AppImage and deb; macOS: dmg with an App Store category', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/); // deb refuses to build without one
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac?.category).toMatch(/^public\.app-category\./);
  });

  it('takes every icon from assets/, and those files exist', () => {
    const icons = { win: config.win?.icon, mac: config.mac?.icon, linux: config.linux?.icon };
    expect(icons).toEqual({ win: 'assets/icon.ico', mac: 'assets/icon.icns', linux: 'assets/icon.png' });
    for (const icon of Object.values(icons))
      expect(existsSync(join(REPO_ROOT, icon ?? '')), icon ?? '').toBe(true);
  });

  it('turns on the security fuses the issue asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});
