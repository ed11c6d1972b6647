/**
 * The updater end to end: electron-updater (real, generic provider) behind
 * the adapter, driven by the updater service, against a REAL HTTPS server on
 * loopback with a test CA, through the one Electron fake (its `app`, `net`
 * and `session`). Linux AppImage flavour: `latest-linux.yml` and an artefact
 * that, when "installed" at quit, replaces the file `APPIMAGE` names and runs
 * once (writing a marker), which is how the test sees an install happen.
 * Nothing here runs in Electron itself.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import electronFake, { app, net, resetElectronFake } from '../../fakes/electron-fake.ts';
import type { AppView } from '../../../contract/ipc-contract.ts';
import type { Logger } from '../../../main/core/ports/logging.ts';
import { systemClock } from '../../../main/core/ports/clock.ts';
import { DEFAULT_UPDATE_SETTINGS } from '../../../main/app/policies/update-settings.ts';
import { createUpdaterService, type UpdaterService } from '../../../main/app/services/updater-service.ts';
import { createElectronUpdater } from '../../../main/electron/updater-adapter.ts';
import { feedFor, startUpdateServer, type UpdateServer } from './update-server.ts';

// electron-updater is CommonJS and reaches `electron` through Node's own require, which vitest's alias
// does not see: the same fake module goes into Node's require cache under the real package's path.
const nodeRequire = createRequire(import.meta.url);
const electronPath = nodeRequire.resolve('electron');
nodeRequire.cache[electronPath] = {
  id: electronPath,
  filename: electronPath,
  loaded: true,
  exports: electronFake,
} as unknown as NodeJS.Module;

const ARTEFACT = 'GWS-Secure-Pause-0.2.0.AppImage';

/** Collected log lines, `level message {fields}`. */
function collectingLogger(lines: string[]): Logger {
  const at =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
    };
  return { debug: () => undefined, info: at('info'), warn: at('warn'), error: at('error') };
}

const idle: Pick<AppView, 'status' | 'calls' | 'otherPausedCallIds'> = {
  status: 'no-call',
  calls: [],
  otherPausedCallIds: [],
};
const call = {
  id: 'c1',
  state: 'Established',
  participants: ['+15551230042'],
  capabilities: [],
  stale: false,
};
const onCall: typeof idle = {
  status: 'recording',
  calls: [{ ...call, recording: 'recording' }],
  otherPausedCallIds: [],
};
const paused: typeof idle = {
  status: 'paused',
  calls: [{ ...call, recording: 'paused', pausedSince: 1 }],
  otherPausedCallIds: [],
};

let work: string;
let marker: string;
let installed: string;
let server: UpdateServer;
let lines: string[];
let service: UpdaterService | undefined;
const artefact = (): Buffer => Buffer.from(`#!/bin/sh\necho "installed 0.2.0" > "${marker}"\n`);

beforeAll(() => {
  // Every file electron-updater writes (cache, pending download) lands in a temporary home.
  process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'gws-update-cache-'));
});

beforeEach(async () => {
  resetElectronFake();
  work = mkdtempSync(join(tmpdir(), 'gws-updater-'));
  marker = join(work, 'install-ran');
  installed = join(work, 'gws-secure-pause.AppImage');
  writeFileSync(installed, 'old 0.1.0');
  process.env.APPIMAGE = installed;
  app.setPathBase(work);
  app.isPackaged = true;
  app.fireReady();
  lines = [];
  server = await startUpdateServer(
    { feed: feedFor('0.2.0', ARTEFACT, artefact()), artefact: artefact(), silent: false },
    ARTEFACT,
  );
  net.trustedCertificates = [server.caPem];
});

afterEach(async () => {
  service?.stop();
  service = undefined;
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

/** The adapter and the service for `server`, as the composition will wire them. */
async function startService(
  overrides: Partial<typeof DEFAULT_UPDATE_SETTINGS> = {},
): Promise<UpdaterService> {
  const logger = collectingLogger(lines);
  const settings = { ...DEFAULT_UPDATE_SETTINGS, updateUrl: server.url, ...overrides };
  const port = await createElectronUpdater({ settings, logger, platform: 'linux' });
  if (!port) throw new Error('no updater was built');
  service = createUpdaterService({
    port,
    clock: systemClock,
    logger,
    currentVersion: app.getVersion(),
    checkEveryMs: 3_600_000,
    checkTimeoutMs: 1_500,
    downloadTimeoutMs: 10_000,
  });
  return service;
}

const ours = (): string[] => lines.filter((l) => !l.includes('electron-updater:'));

describe('updates from an internal HTTPS server (electron-updater through the Electron fake)', () => {
  it('finds, downloads and verifies the update, then installs it at quit when idle', async () => {
    const updater = await startService();
    updater.gateChanged(idle);
    await updater.checkNow();
    expect(updater.view()).toMatchObject({ version: '0.1.0', state: 'ready', available: '0.2.0' });
    expect(ours()).toEqual([
      'info update found {"version":"0.2.0"}',
      'info update downloaded and verified (sha512) {"version":"0.2.0"}',
    ]);
    expect(server.requests).toEqual(['/latest-linux.yml', `/${ARTEFACT}`]);
    expect(existsSync(marker)).toBe(false);

    app.quit();
    expect(readFileSync(installed)).toEqual(artefact());
    expect(readFileSync(marker, 'utf8')).toBe('installed 0.2.0\n');
    console.log(
      ['update test log (found, downloaded, verified, installed at quit):', ...ours()].join('\n  '),
    );
  });

  it.each([
    ['a call is live', onCall, 'call-live'],
    ['a call is paused', paused, 'paused'],
  ])('defers the install while %s: quitting then installs nothing', async (_what, gate, reason) => {
    const updater = await startService();
    updater.gateChanged(gate);
    await updater.checkNow();
    expect(updater.view()).toMatchObject({ state: 'deferred', available: '0.2.0', deferredBy: reason });
    expect(updater.installNow()).toEqual({ allowed: false, reason });
    app.quit();
    expect(readFileSync(installed, 'utf8')).toBe('old 0.1.0');
    expect(existsSync(marker)).toBe(false);
    expect(ours()).toContain(`info update deferred {"version":"0.2.0","reason":"${reason}"}`);
    console.log([`update test log (deferred while ${_what}):`, ...ours()].join('\n  '));
  });

  it('installs once the call has ended and nothing is paused', async () => {
    const updater = await startService();
    updater.gateChanged(paused);
    await updater.checkNow();
    updater.gateChanged(idle);
    expect(updater.view()).toMatchObject({ state: 'ready', available: '0.2.0' });
    app.quit();
    expect(readFileSync(marker, 'utf8')).toBe('installed 0.2.0\n');
  });

  it('refuses a tampered artefact, reports it, and does not fetch it again', async () => {
    server.served.artefact = Buffer.from('#!/bin/sh\necho "tampered" > /dev/null\n');
    const updater = await startService();
    updater.gateChanged(idle);
    await updater.checkNow();
    expect(updater.view()).toMatchObject({ state: 'failed', problem: { code: 'tampered' } });
    expect(ours()).toEqual([
      'info update found {"version":"0.2.0"}',
      expect.stringMatching(
        /^warn update refused \{"code":"tampered","version":"0.2.0","reason":".*checksum mismatch/,
      ),
    ]);
    await updater.checkNow();
    expect(server.requests.filter((p) => p === `/${ARTEFACT}`)).toHaveLength(1);
    expect(ours().at(-1)).toBe('info update skipped: refused earlier in this run {"version":"0.2.0"}');
    app.quit();
    expect(readFileSync(installed, 'utf8')).toBe('old 0.1.0');
    console.log(['update test log (refused when tampered):', ...ours()].join('\n  '));
  });

  it('reports a feed that is not YAML as bad-feed, without crashing', async () => {
    server.served.feed = 'version: [\n  : :\n';
    const updater = await startService();
    await updater.checkNow();
    expect(updater.view()).toMatchObject({ state: 'failed', problem: { code: 'bad-feed' } });
    expect(server.requests).toEqual(['/latest-linux.yml']);
  });

  it('reports a missing channel file as bad-feed', async () => {
    const updater = await startService({ updateChannel: 'beta' });
    await updater.checkNow();
    expect(updater.view()).toMatchObject({ state: 'failed', problem: { code: 'bad-feed' } });
    expect(server.requests).toEqual(['/beta-linux.yml']);
  });

  it('reports a server that does not answer as slow, once per check', async () => {
    server.served.silent = true;
    const updater = await startService();
    await updater.checkNow();
    expect(updater.view()).toMatchObject({ state: 'failed', problem: { code: 'slow' } });
    expect(ours()).toEqual([expect.stringMatching(/^warn update check failed \{"code":"slow"/)]);
  });

  it('reports an unreachable server', async () => {
    const url = server.url;
    await server.close();
    const logger = collectingLogger(lines);
    const port = await createElectronUpdater({
      settings: { ...DEFAULT_UPDATE_SETTINGS, updateUrl: url },
      logger,
      platform: 'linux',
    });
    service = createUpdaterService({
      port: port!,
      clock: systemClock,
      logger,
      currentVersion: '0.1.0',
      checkEveryMs: 3_600_000,
      checkTimeoutMs: 8_000,
    });
    await service.checkNow();
    expect(service.view()).toMatchObject({ state: 'failed', problem: { code: 'unreachable' } });
  });

  it('refuses a server whose certificate is not trusted (no test CA in the store)', async () => {
    net.trustedCertificates = [];
    const updater = await startService();
    await updater.checkNow();
    expect(updater.view()).toMatchObject({ state: 'failed', problem: { code: 'unreachable' } });
    expect(server.requests).toEqual([]);
  });

  it('honours a staged rollout of 0 %: nothing is offered or downloaded', async () => {
    server.served.feed = feedFor('0.2.0', ARTEFACT, artefact(), 0);
    const updater = await startService();
    await updater.checkNow();
    expect(updater.view()).toMatchObject({ state: 'idle' });
    expect(server.requests).toEqual(['/latest-linux.yml']);
  });

  it('autoUpdate false by policy: nothing is built, written or fetched', async () => {
    const port = await createElectronUpdater({
      settings: { ...DEFAULT_UPDATE_SETTINGS, updateUrl: server.url, autoUpdate: false },
      logger: collectingLogger(lines),
      platform: 'linux',
    });
    expect(port).toBeUndefined();
    expect(existsSync(join(work, 'userData', 'app-update.yml'))).toBe(false);
    expect(server.requests).toEqual([]);
  });

  it('a deb install (no APPIMAGE) gets no updater: the package manager updates it', async () => {
    delete process.env.APPIMAGE;
    const port = await createElectronUpdater({
      settings: { ...DEFAULT_UPDATE_SETTINGS, updateUrl: server.url },
      logger: collectingLogger(lines),
      platform: 'linux',
    });
    expect(port).toBeUndefined();
  });
});
