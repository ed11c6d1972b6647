import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import type { LoggerPort, LoginItemPort } from '../app/ports/app-ports.ts';

/**
 * {@link LoginItemPort}: start at login.
 * - Windows and macOS: `app.setLoginItemSettings` (Electron's API); the
 *   `--hidden` argument tells the started app to stay in the tray.
 * - Linux: Electron has no login-item API there, so the freedesktop way: an
 *   autostart entry `~/.config/autostart/<name>.desktop` running the same
 *   executable with `--hidden`.
 * "Start hidden" also applies to a manual launch through the setting itself
 * (the composition root reads it); `--hidden` covers the login start.
 */
export interface LoginItemOptions {
  platform: NodeJS.Platform;
  /** The app's executable (`process.execPath`). */
  execPath: string;
  /** Autostart folder on Linux (default `$XDG_CONFIG_HOME/autostart` or `~/.config/autostart`). */
  autostartDir: string;
  logger: LoggerPort;
}

/** The command-line flag a login start carries. */
export const HIDDEN_FLAG = '--hidden';

/** The Linux autostart folder for `env` and `home`. */
export function autostartDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart');
}

/** Creates the login-item adapter. */
export function createLoginItemAdapter(options: LoginItemOptions): LoginItemPort {
  const desktopFile = join(options.autostartDir, 'gws-secure-pause.desktop');
  if (options.platform === 'linux') {
    return {
      get() {
        try {
          return readFileSync(desktopFile, 'utf8').includes('Exec=');
        } catch {
          return false;
        }
      },
      set(openAtLogin, hidden) {
        try {
          if (!openAtLogin) {
            rmSync(desktopFile, { force: true });
            return;
          }
          mkdirSync(options.autostartDir, { recursive: true });
          const exec = `"${options.execPath.replace(/(["`$\\])/g, '\\$1')}"${hidden ? ` ${HIDDEN_FLAG}` : ''}`;
          writeFileSync(
            desktopFile,
            [
              '[Desktop Entry]',
              'Type=Application',
              'Name=GWS Secure Pause',
              `Exec=${exec}`,
              'X-GNOME-Autostart-enabled=true',
              '',
            ].join('\n'),
          );
        } catch (error) {
          options.logger.error('could not change the autostart entry', {
            error: error instanceof Error ? error.message : String(error),
          });
        }
      },
    };
  }
  return {
    get: () => app.getLoginItemSettings().openAtLogin,
    set(openAtLogin, hidden) {
      app.setLoginItemSettings({ openAtLogin, args: openAtLogin && hidden ? [HIDDEN_FLAG] : [] });
    },
  };
}
