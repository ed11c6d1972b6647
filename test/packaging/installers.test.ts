/**
 * What the installers do for a floor rollout, pinned on electron-builder.yml
 * and the MSI hook (the MSI needs WiX on Windows and the deb needs fpm: neither
 * is built on our machines; packaging.test.ts validates the whole file against
 * electron-builder's schema by packing the Linux `dir` target):
 * - MSI: per-machine (ALLUSERS=1), silent, the AUTOUPDATE property (default 0
 *   writes the autoUpdate=0 machine policy: MSI installs do not self-update);
 * - deb: the policy folder, the URL scheme in the .desktop file;
 * - latest*.yml written beside the installers (generic provider), but the
 *   app's update server comes from settings, never from the build.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/generate-icons.ts';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const config = yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Configuration;
const hook = require(join(REPO_ROOT, 'build', 'msi-project-created.cjs')) as {
  addAutoUpdateProperty: (wxs: string) => string;
};
/** electron-builder's own WiX template (the hook edits what it renders to). */
const template = readFileSync(require.resolve('app-builder-lib/templates/msi/template.xml'), 'utf8');

describe('MSI for SCCM/Intune/GPO', () => {
  it('is per-machine and one-click (silent with /qn), without launching after install', () => {
    expect(config.msi).toMatchObject({ perMachine: true, oneClick: true, runAfterFinish: false });
    expect(config.msiProjectCreated).toBe('build/msi-project-created.cjs');
    expect(template).toMatch(/isPerMachine[\s\S]*<Property Id="ALLUSERS" Secure="yes" Value="1"\/>/);
  });

  it('AUTOUPDATE defaults to 0 and then writes the autoUpdate=0 machine policy', () => {
    const wxs = hook.addAutoUpdateProperty(template);
    expect(wxs).toContain('<Property Id="AUTOUPDATE" Secure="yes" Value="0"/>');
    expect(wxs).toContain('<Condition><![CDATA[AUTOUPDATE = "0"]]></Condition>');
    expect(wxs).toContain(
      '<RegistryValue Root="HKLM" Key="Software\\Policies\\GwsSecurePause" Name="autoUpdate" Type="integer" Value="0" KeyPath="yes"/>',
    );
    expect(wxs).toMatch(
      /<ComponentGroupRef Id="ProductComponents"\/>\s*<ComponentRef Id="GwsAutoUpdatePolicy"\/>/,
    );
    expect(hook.addAutoUpdateProperty(wxs)).toBe(wxs);
  });

  it('refuses to build when the WiX template no longer has what it edits', () => {
    expect(() => hook.addAutoUpdateProperty('<Wix></Wix>')).toThrow(/template changed/);
  });
});

describe('deb and the URL scheme', () => {
  it('puts the policy folder in place and registers gws-secure-pause://', () => {
    expect(config.deb?.fpm).toContain('build/linux/README.policy=/etc/gws-secure-pause/README');
    expect(readFileSync(join(REPO_ROOT, 'build/linux/README.policy'), 'utf8')).toContain(
      'managed-settings.json',
    );
    expect(config.protocols).toEqual([{ name: 'GWS Secure Pause', schemes: ['gws-secure-pause'] }]);
  });
});

describe('update feed files', () => {
  it('are written by the generic provider at build time; the URL is a placeholder that never resolves', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: 'https://updates.invalid/gws-secure-pause/' });
  });
});
