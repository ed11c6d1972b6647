/**
 * electron-updater behind the app's {@link UpdaterPort}. It translates and
 * decides nothing: the feed is the generic provider at the settings' URL and
 * channel; nothing downloads or installs on its own (`autoDownload` and
 * `autoInstallOnAppQuit` start false, the updater service flips the latter
 * when the install gate allows); the staged rollout uses the app's own
 * {@link withinRollout} with a per-user random id kept in userData; failures
 * are classified into {@link UpdateFailure} codes.
 *
 * `autoUpdate: false` (or no server) means nothing at all: electron-updater is
 * not even loaded, no file is written, nothing is fetched. Linux installs from
 * a package (deb) are updated by the package manager, not by us: only an
 * AppImage (`APPIMAGE` set) gets an updater there.
 */

import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import type { AppUpdater, NsisUpdater, UpdateInfo } from 'electron-updater';
import type { Logger } from '../core/ports/logging.ts';
import { updaterMode, withinRollout } from '../app/policies/update-policy.ts';
import type { UpdateSettings } from '../app/policies/update-settings.ts';
import { UpdateFailure, type UpdaterPort, type UpdateFailureCode } from '../app/services/updater-service.ts';

/** The generic-provider feed (electron-updater's `Feed`). */
type Feed = Extract<NonNullable<ConstructorParameters<typeof NsisUpdater>[0]>, { provider: 'generic' }>;

/** The updater class for this install, or why there is none. */
export type UpdaterKind = 'nsis' | 'mac' | 'appimage' | { none: string };

/** Which electron-updater class fits this platform and packaging. */
export function updaterKind(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): UpdaterKind {
  if (platform === 'win32') return 'nsis';
  if (platform === 'darwin') return 'mac';
  if (env.APPIMAGE) return 'appimage';
  return { none: 'installed from a package: the package manager updates it' };
}

const FAILURE_BY_CODE: Readonly<Record<string, UpdateFailureCode>> = {
  ERR_CHECKSUM_MISMATCH: 'tampered',
  ERR_UPDATER_INVALID_SIGNATURE: 'tampered',
  ERR_UPDATER_INVALID_UPDATE_INFO: 'bad-feed',
  ERR_UPDATER_NO_FILES_PROVIDED: 'bad-feed',
  ERR_UPDATER_NO_CHECKSUM: 'bad-feed',
  ERR_UPDATER_CHANNEL_FILE_NOT_FOUND: 'bad-feed',
  ERR_UPDATER_INVALID_VERSION: 'bad-feed',
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  ENOTFOUND: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  CERT_HAS_EXPIRED: 'unreachable',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unreachable',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'unreachable',
  SELF_SIGNED_CERT_IN_CHAIN: 'unreachable',
};

/** The first line of an electron-updater error, without the raw feed it may quote. */
function shortMessage(error: Error): string {
  return (error.message.split('\n')[0] ?? '').replace(/, rawData: .*$/s, '').slice(0, 300);
}

/** An electron-updater (or network) error as an {@link UpdateFailure}. */
export function classifyUpdateError(error: unknown): UpdateFailure {
  if (error instanceof UpdateFailure) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as { code?: unknown }).code;
  let kind = typeof code === 'string' ? FAILURE_BY_CODE[code] : undefined;
  if (!kind && /checksum mismatch/i.test(err.message)) kind = 'tampered';
  if (!kind && /timed out/i.test(err.message)) kind = 'slow';
  if (!kind && /status (4|5)\d\d|HttpError/i.test(`${err.name} ${err.message}`)) kind = 'bad-feed';
  return new UpdateFailure(kind ?? 'failed', shortMessage(err));
}

/** electron-updater's log lines into ours (it logs full URLs and versions, never secrets). */
function updaterLogger(logger: Logger): AppUpdater['logger'] {
  const line = (value: unknown): string => String(value).split('\n')[0] ?? '';
  return {
    info: (m?: unknown) => logger.info(`electron-updater: ${line(m)}`),
    warn: (m?: unknown) => logger.warn(`electron-updater: ${line(m)}`),
    error: (m?: unknown) => logger.warn(`electron-updater: ${line(m)}`),
    debug: (m: string) => logger.debug(`electron-updater: ${line(m)}`),
  };
}

/** A random per-user id for the staged rollout, created once in `dir`. */
export function stagingId(dir: string): string {
  const file = join(dir, 'update-staging-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/.test(id)) return id;
  } catch {
    // first run: created below
  }
  const id = randomUUID();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}

/**
 * The update config electron-updater builds its provider from (setting its
 * path drops the feed given to the constructor) and takes its cache folder
 * name from. Written by us from the settings: an installer's own
 * `app-update.yml` would point at the build's server, not IT's.
 */
function writeUpdateConfig(dir: string, feed: Feed): string {
  const file = join(dir, 'app-update.yml');
  const lines = [
    'provider: generic',
    `url: ${JSON.stringify(feed.url)}`,
    `channel: ${JSON.stringify(feed.channel)}`,
    'updaterCacheDirName: gws-secure-pause-updater',
  ];
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}

/** Options of {@link createElectronUpdater}. */
export interface UpdaterAdapterOptions {
  settings: UpdateSettings;
  logger: Logger;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

/** Builds the electron-updater instance for `kind` (loaded only now). */
async function loadUpdater(kind: Exclude<UpdaterKind, { none: string }>, feed: Feed): Promise<AppUpdater> {
  const { default: updater } = await import('electron-updater');
  if (kind === 'nsis') return new updater.NsisUpdater(feed);
  if (kind === 'mac') return new updater.MacUpdater(feed);
  return new updater.AppImageUpdater(feed);
}

/** Wraps a configured electron-updater as the port. */
function asPort(updater: AppUpdater): UpdaterPort {
  const quitInstaller = updater as AppUpdater & {
    quitAndInstall(silent?: boolean, runAfter?: boolean): void;
  };
  let installOnQuit = false;
  return {
    async check() {
      let result;
      try {
        result = await updater.checkForUpdates();
      } catch (error) {
        throw classifyUpdateError(error);
      }
      if (!result?.isUpdateAvailable) return undefined;
      return { version: result.updateInfo.version };
    },
    async download() {
      // electron-updater registers its quit handler only if `autoInstallOnAppQuit` is true when the
      // download completes, and reads the flag again at quit: so it is on while downloading (nothing
      // to install yet) and set back to the service's decision as soon as the download settles.
      updater.autoInstallOnAppQuit = true;
      try {
        await updater.downloadUpdate();
      } catch (error) {
        throw classifyUpdateError(error);
      } finally {
        updater.autoInstallOnAppQuit = installOnQuit;
      }
    },
    setInstallOnQuit(allowed) {
      installOnQuit = allowed;
      updater.autoInstallOnAppQuit = allowed;
    },
    installNow() {
      quitInstaller.quitAndInstall(true, true);
    },
    dispose() {
      updater.autoInstallOnAppQuit = false;
      updater.removeAllListeners();
    },
  };
}

/**
 * The updater for these settings, or `undefined` when updates are off (by
 * policy, no server, or a package-managed Linux install) — then nothing was
 * loaded, written or fetched.
 */
export async function createElectronUpdater(
  options: UpdaterAdapterOptions,
): Promise<UpdaterPort | undefined> {
  const mode = updaterMode(options.settings);
  if (mode.kind === 'off') return undefined;
  const kind = updaterKind(options.platform ?? process.platform, options.env ?? process.env);
  if (typeof kind === 'object') {
    options.logger.info('updates: none for this install', { reason: kind.none });
    return undefined;
  }
  const feed: Feed = { provider: 'generic', url: mode.url, channel: mode.channel };
  const updater = await loadUpdater(kind, feed);
  const dir = app.getPath('userData');
  updater.updateConfigPath = writeUpdateConfig(dir, feed);
  updater.logger = updaterLogger(options.logger);
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.disableDifferentialDownload = true;
  const id = stagingId(dir);
  updater.isUserWithinRollout = (info: UpdateInfo) => withinRollout(info.stagingPercentage, id);
  // electron-updater re-emits every failure as `error`; the port's promises carry them, so this only
  // keeps an unhandled `error` event from crashing the main process.
  updater.on('error', () => undefined);
  return asPort(updater);
}
