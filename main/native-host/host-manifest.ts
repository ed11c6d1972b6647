/**
 * Registers the native messaging host for Chromium: writes the host manifest (name, stdio, the one allowed
 * extension origin, the launcher's absolute path) and an executable launcher into a `NativeMessagingHosts`
 * folder. This is what `--native-host-dir DIR` calls; a per-user folder (e.g. `~/.config/chromium/
 * NativeMessagingHosts` or `<user-data-dir>/NativeMessagingHosts`) keeps the registration per user.
 *
 * Contract: Chrome runs `path` directly and needs it executable, so the launcher is a `/bin/sh` script (a
 * `.cmd` on Windows) that execs the given command; arguments are single-quoted. On Windows Chrome finds hosts
 * through the registry (HKCU\Software\Google\Chrome\NativeMessagingHosts\<name>), not a folder: writing that key
 * is the installer's job and is not done here.
 */

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXTENSION_ORIGIN } from './extension-id.ts';

/** The host's registered name. */
export const NATIVE_HOST_NAME = 'com.gws_secure_pause.host';

/** What {@link writeNativeHostManifest} wrote. */
export interface WrittenHostManifest {
  readonly manifestPath: string;
  readonly launcherPath: string;
}

/** The command that runs the built host (`npm run build:extension` bundles it to out/native-host/host.mjs). */
export function defaultHostCommand(repoRoot: string): string[] {
  return [process.execPath, resolve(repoRoot, 'out', 'native-host', 'host.mjs')];
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function launcherText(command: readonly string[], platform: NodeJS.Platform): string {
  if (platform === 'win32') return `@echo off\r\n${command.map((a) => `"${a}"`).join(' ')} %*\r\n`;
  return `#!/bin/sh\nexec ${command.map(shellQuote).join(' ')} "$@"\n`;
}

/** Writes the manifest and launcher into `dir` (created when missing). */
export function writeNativeHostManifest(
  dir: string,
  command: readonly string[],
  platform: NodeJS.Platform = process.platform,
): WrittenHostManifest {
  const folder = resolve(dir);
  mkdirSync(folder, { recursive: true });
  const launcherPath = join(
    folder,
    platform === 'win32' ? `${NATIVE_HOST_NAME}.cmd` : `${NATIVE_HOST_NAME}.sh`,
  );
  writeFileSync(launcherPath, launcherText(command, platform), { mode: 0o755 });
  chmodSync(launcherPath, 0o755);
  const manifest = {
    name: NATIVE_HOST_NAME,
    description: 'GWS Secure Pause: relays automatic pause requests to the app of this user',
    path: launcherPath,
    type: 'stdio',
    allowed_origins: [EXTENSION_ORIGIN],
  };
  const manifestPath = join(folder, `${NATIVE_HOST_NAME}.json`);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifestPath, launcherPath };
}
