/**
 * Policy through the OS channels, from recorded inputs: `reg query` output
 * (written in the format Windows prints — Windows cannot run here, so no
 * real registry was read), plists written here (binary, as MDM writes them,
 * and XML), and JSON files in a temporary folder.
 */

import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOsPolicy, readJsonPolicy } from '../../../../../main/app/services/policy-sources/os-policy.ts';
import { readPlistDictionary } from '../../../../../main/app/services/policy-sources/managed-preferences.ts';
import { createPolicyPoller } from '../../../../../main/app/services/policy-sources/policy-poller.ts';
import {
  mergePolicyLayers,
  toPolicyLayer,
} from '../../../../../main/app/services/policy-sources/policy-values.ts';
import { parseRegQuery } from '../../../../../main/app/services/policy-sources/reg-query.ts';
import { ManualClock } from '../../../helpers/manual-clock.ts';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);
const HKLM = readFileSync(fixture('reg-query-hklm.txt'), 'utf8');
const HKCU = readFileSync(fixture('reg-query-hkcu.txt'), 'utf8');
const noFile = (path: string): Buffer => {
  throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
};

describe('reg query output (recorded format; Windows cannot run here)', () => {
  it('reads DWORD, SZ (also empty) and MULTI_SZ values of the first key only', () => {
    expect(parseRegQuery(HKLM)).toEqual({
      autoUpdate: 0,
      updateUrl: 'https://updates.corp.example/gws-secure-pause/',
      reminderSeconds: 60,
      serverUrl: 'https://gws.corp.example:8443',
      hotkey: 'CommandOrControl+Shift+F9',
      proxyUrl: '',
      transport: ['websocket', 'long-polling'],
      colour: 'blue',
    });
  });

  it('reads nothing from an empty answer', () => {
    expect(parseRegQuery('')).toEqual({});
  });
});

describe('policy values', () => {
  it('turns DWORD 0/1 into booleans, drops and reports bad and unknown keys', () => {
    const layer = toPolicyLayer('HKLM', parseRegQuery(HKLM));
    expect(layer.values).toEqual({
      autoUpdate: false,
      updateUrl: 'https://updates.corp.example/gws-secure-pause/',
      reminderSeconds: 60,
      serverUrl: 'https://gws.corp.example:8443',
      hotkey: 'CommandOrControl+Shift+F9',
      proxyUrl: '',
    });
    expect(layer.problems).toEqual([
      'Policy HKLM: invalid transport; those keys are ignored.',
      'Policy HKLM: unknown colour; ignored.',
    ]);
  });

  it('refuses an update URL with credentials or plain http', () => {
    expect(toPolicyLayer('x', { updateUrl: 'https://u:p@updates.example/' }).values).toEqual({});
    expect(toPolicyLayer('x', { updateUrl: 'http://updates.example/' }).values).toEqual({});
  });

  it('merges highest first', () => {
    const merged = mergePolicyLayers([
      toPolicyLayer('a', { autoUpdate: 0 }),
      toPolicyLayer('b', { autoUpdate: 1, username: 'x' }),
    ]);
    expect(merged.values).toEqual({ autoUpdate: false, username: 'x' });
  });
});

describe('readOsPolicy', () => {
  it('Windows: HKLM wins over HKCU, both over the ProgramData file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gws-policy-'));
    const file = join(dir, 'managed.json');
    writeFileSync(file, JSON.stringify({ reminderSeconds: 90, startAtLogin: true }));
    const policy = await readOsPolicy({
      platform: 'win32',
      env: { GWS_SECURE_PAUSE_MANAGED_CONFIG: file },
      user: 'agent',
      regQuery: (key) => Promise.resolve(key.startsWith('HKLM') ? HKLM : HKCU),
    });
    expect(policy.values).toMatchObject({
      autoUpdate: false,
      reminderSeconds: 60,
      username: 'agent 042',
      startHidden: true,
      startAtLogin: true,
    });
  });

  it('Windows: a missing key is no policy, a failing reg is reported and never thrown', async () => {
    const policy = await readOsPolicy({
      platform: 'win32',
      env: {},
      user: 'agent',
      regQuery: (key) =>
        key.startsWith('HKLM') ? Promise.reject(new Error('access denied')) : Promise.resolve(undefined),
      readFile: noFile,
    });
    expect(policy.values).toEqual({});
    expect(policy.problems).toEqual([
      'Policy HKLM\\Software\\Policies\\GwsSecurePause could not be read (access denied).',
    ]);
  });

  it('macOS: the user managed preferences win over the machine file (binary plist from MDM)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gws-mcx-'));
    writeFileSync(
      join(root, 'com.example.gws-secure-pause.plist'),
      readFileSync(fixture('managed-machine.binary.plist')),
    );
    mkdirSync(join(root, 'agent'));
    writeFileSync(
      join(root, 'agent', 'com.example.gws-secure-pause.plist'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>reminderSeconds</key><integer>120</integer></dict></plist>\n',
    );
    const policy = await readOsPolicy({ platform: 'darwin', env: {}, user: 'agent', macRoot: root });
    expect(policy.values).toEqual({
      autoUpdate: false,
      updateUrl: 'https://updates.corp.example/gws/',
      reminderSeconds: 120,
      startAtLogin: true,
    });
  });

  it('macOS: a plist that is not a dictionary is a problem', () => {
    const read = readPlistDictionary('x.plist', () => Buffer.from('<plist version="1.0"><array/></plist>'));
    expect(read).toEqual({
      kind: 'problem',
      problem: 'Managed preferences x.plist is not a dictionary; ignored.',
    });
  });

  it("Linux: /etc/gws-secure-pause/managed-settings.json, read once when it is also today's file", async () => {
    const reads: string[] = [];
    const policy = await readOsPolicy({
      platform: 'linux',
      env: {},
      user: 'agent',
      readFile: (path) => {
        reads.push(path);
        return Buffer.from(JSON.stringify({ autoUpdate: false }));
      },
    });
    expect(policy.values).toEqual({ autoUpdate: false });
    expect(reads).toEqual(['/etc/gws-secure-pause/managed-settings.json']);
  });

  it('a JSON file that is not an object is reported', () => {
    expect(readJsonPolicy('p.json', () => Buffer.from('[1]')).problems).toEqual([
      'Policy p.json is not a JSON object; ignored.',
    ]);
  });
});

describe('policy poller', () => {
  it('applies a change without a restart, tells once per change, keeps values when a read fails', async () => {
    const clock = new ManualClock();
    let raw: Record<string, unknown> | Error = { autoUpdate: 1 };
    const poller = createPolicyPoller({
      clock,
      intervalMs: 60_000,
      read: () => (raw instanceof Error ? Promise.reject(raw) : Promise.resolve(toPolicyLayer('HKLM', raw))),
    });
    const seen: unknown[] = [];
    poller.onChange((p) => seen.push(p.values));
    expect((await poller.start()).values).toEqual({ autoUpdate: true });
    clock.advance(60_000);
    await poller.poll();
    expect(seen).toEqual([]);
    raw = { autoUpdate: 0 };
    clock.advance(60_000);
    await poller.poll();
    expect(seen).toEqual([{ autoUpdate: false }]);
    raw = new Error('reg.exe failed');
    clock.advance(60_000);
    await poller.poll();
    expect(poller.current()?.values).toEqual({ autoUpdate: false });
    expect(poller.current()?.problems).toEqual(['Policy could not be read (reg.exe failed).']);
    poller.stop();
    expect(clock.pending).toBe(0);
  });
});
