/**
 * The composition root of the desktop app: the ONE file that wires the thin
 * Electron adapters to the app layer, which it gets from the composition all
 * three entry points share ({@link createAppStack}), passing the desktop's
 * own ports. Decisions live in `main/app`; here is only construction, order
 * and lifecycle:
 *
 * single-instance lock → `ready` → rotating log in `app.getPath('logs')` →
 * the app stack over safeStorage secrets, electron-store + the managed file,
 * the global shortcut, the login item and the audit logs → window (locked
 * down) and IPC → tray, notifications and the desktop shell → power/network
 * wake-ups → the first sign-in: `--demo` (what `npm start` launches) runs the
 * demo, else `service.start()` (demo or the saved account); both register
 * the hotkey first.
 *
 * Quitting (tray "Quit", or the OS) lets the window close, then on the first
 * `will-quit` waits for the app to sign out (EndContactCenterSession) and
 * unregister the hotkey, removes the tray, and quits for real.
 *
 * {@link bootApp} takes `electron` from the module import (the real one in
 * the app, the shared fake under vitest), so a test boots exactly this code.
 */

import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app } from 'electron';
import type { AppService } from './app/services/app-service.ts';
import { createAppStack, type AppStack } from './app/services/app-stack.ts';
import { createAuditLogs, type AuditLogs } from './app/services/audit-logs.ts';
import { bindDesktopShell, type DesktopShell } from './app/services/desktop-shell.ts';
import type { Platform } from './app/policies/hotkey-policy.ts';
import type { LoggerPort } from './app/ports/app-ports.ts';
import { createRotatingLog, type RotatingLog } from './app/services/rotating-log.ts';
import { managedSettingsPath } from './app/policies/settings.ts';
import { APP_ICON_PNG } from './app/policies/tray-icon-paths.ts';
import { trayModel } from './app/policies/tray-model.ts';
import { registerIpc } from './electron/ipc-adapter.ts';
import { autostartDir, createLoginItemAdapter, HIDDEN_FLAG } from './electron/login-item-adapter.ts';
import { createNotifierAdapter } from './electron/notifier-adapter.ts';
import { watchPowerAndNetwork } from './electron/power-adapter.ts';
import { createSecretStore } from './electron/secret-store-adapter.ts';
import { openElectronSettingsStore } from './electron/settings-store-adapter.ts';
import { createShortcutAdapter } from './electron/shortcut-adapter.ts';
import { acquireSingleInstance } from './electron/single-instance.ts';
import { createTrayAdapter, type TrayAdapter } from './electron/tray-adapter.ts';
import { createWindowAdapter, type WindowAdapter } from './electron/window-adapter.ts';
import type { AgentCoreOptions } from './core/agent-core.ts';
import type { SimulatorOptionsInput } from '../simulator/index.ts';

/** Options of {@link bootApp}; all optional, the defaults are the packaged app's. */
export interface BootOptions {
  platform?: NodeJS.Platform;
  /** Command line (`--demo`: sign in to the embedded simulator; `--hidden`: start in the tray). */
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  /** Folder holding `preload/preload.cjs` and `renderer/index.html` (default: the built `out/`). */
  outDir?: string;
  /** Extra core options for each sign-in (tests shorten its timings); compliance still wraps it. */
  coreOptions?: Partial<AgentCoreOptions>;
  /** Extra options of the embedded demo simulator. */
  demoSimulator?: SimulatorOptionsInput;
  /** Log threshold of the support log (default `info`). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/** The running app, as a test (or a debugger) sees it. */
export interface BootedApp {
  service: AppService;
  shell: DesktopShell;
  tray: TrayAdapter;
  window: WindowAdapter;
  log: RotatingLog;
  /** Quits like the tray's Quit; resolves once everything is stopped. */
  quit(): Promise<void>;
}

/** electron-builder's `appId`, also the Windows AppUserModelId (notifications need it). */
export const APP_ID = 'com.example.gws-secure-pause';

/** Upper bound on the clean-up at quit (sign-out over a dead network must not hang the quit). */
const QUIT_GRACE_MS = 5_000;

/** The `npm start` flag: sign in to the embedded simulator (its demo caller rings agent1). */
export const DEMO_FLAG = '--demo';

/**
 * Boots the desktop app. Resolves with the running app, or `undefined` when
 * another instance already runs (this one quits; the other shows its window).
 */
export async function bootApp(options: BootOptions = {}): Promise<BootedApp | undefined> {
  const platform = options.platform ?? process.platform;
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  /** The window, once created; a second launch before that has nothing to focus yet. */
  const focusTarget: { window?: WindowAdapter } = {};
  if (!acquireSingleInstance(() => focusTarget.window?.focus())) {
    app.quit();
    return undefined;
  }
  await app.whenReady();

  const log = createRotatingLog({ dir: app.getPath('logs'), level: options.logLevel ?? 'info' });
  log.info('starting', {
    version: app.getVersion(),
    platform,
    electron: process.versions.electron ?? 'none',
  });
  const { stack, audits } = await composeDesktop({ options, platform, env, log });
  const { service } = stack;
  const window = openWindow(options, argv, env, stack.settings.values().startHidden, log);
  focusTarget.window = window;
  const surfaces = bindSurfaces(service, window, { options, env, platform, log });
  const stopped = wireLifecycle(window, log, async () => {
    surfaces.stop();
    await service.dispose();
    audits.close();
    surfaces.tray.destroy();
  });

  const started = argv.includes(DEMO_FLAG) ? await service.startDemo() : await service.start();
  if (started && !started.ok) log.warn('sign-in at start failed', { code: started.code });
  return {
    service,
    shell: surfaces.shell,
    tray: surfaces.tray,
    window,
    log,
    quit: () => {
      app.quit();
      return stopped;
    },
  };
}

/** What the desktop builds before the window: the app stack over the desktop's ports. */
interface DesktopInput {
  options: BootOptions;
  platform: NodeJS.Platform;
  env: NonNullable<BootOptions['env']>;
  log: RotatingLog;
}

/**
 * The app stack with the desktop's own ports: passwords in safeStorage,
 * settings in electron-store with IT's managed file, the global shortcut, the
 * login item, and compliance's audit log in userData (one chain for real
 * servers, another for the demo, opened per sign-in).
 */
async function composeDesktop(input: DesktopInput): Promise<{ stack: AppStack; audits: AuditLogs }> {
  const { options, platform, env, log } = input;
  const userData = app.getPath('userData');
  const secrets = createSecretStore({ file: join(userData, 'passwords.json'), platform, logger: log });
  const audits = createAuditLogs(join(userData, 'audit'), log);
  const stack = createAppStack({
    host: 'desktop',
    store: await openElectronSettingsStore({ dir: userData }),
    secrets,
    managedPath: managedSettingsPath(platform, env),
    logger: log,
    shortcuts: createShortcutAdapter(log),
    loginItem: createLoginItemAdapter({
      platform,
      execPath: process.execPath,
      autostartDir: autostartDir(env, homedir()),
      logger: log,
    }),
    platform: platform as Platform,
    compliance: (config) => {
      const audit = audits.forSession(config);
      return audit ? { audit } : {};
    },
    coreOptions: options.coreOptions ?? {},
    ...(options.demoSimulator ? { demoSimulator: options.demoSimulator } : {}),
  });
  return { stack, audits };
}

/** The desktop's surfaces bound to the service; `stop` unbinds them (the tray is destroyed last). */
interface Surfaces {
  shell: DesktopShell;
  tray: TrayAdapter;
  stop(): void;
}

/** IPC for the window, the tray, notifications and the desktop shell, and power/network wake-ups. */
function bindSurfaces(service: AppService, window: WindowAdapter, input: DesktopInput): Surfaces {
  const { options, env, platform, log } = input;
  const stopIpc = registerIpc({
    service,
    contents: () => window.contents(),
    pageUrl: pageUrl(options, env),
    logger: log,
  });
  const tray = createTrayAdapter(
    { appPath: app.getAppPath(), platform, logger: log },
    trayModel({ view: service.getState(), now: Date.now(), platform: platform as Platform }),
  );
  const notifier = createNotifierAdapter({
    appId: APP_ID,
    platform,
    onClick: () => window.focus(),
    logger: log,
  });
  const shell = bindDesktopShell(service, {
    tray,
    notifier,
    window,
    platform: platform as Platform,
    quit: () => app.quit(),
  });
  const stopPower = watchPowerAndNetwork({
    onWake: (reason) => {
      log.info('reconnecting now', { reason });
      service.reconnectNow();
    },
  });
  return {
    shell,
    tray,
    stop() {
      shell.dispose();
      stopPower();
      stopIpc();
    },
  };
}

/** The page the window loads: the dev server in `npm run dev`, else the built file. */
function pageTarget(options: BootOptions, env: BootOptions['env']): { file: string } | { url: string } {
  const devUrl = env?.ELECTRON_RENDERER_URL;
  if (devUrl && !app.isPackaged) return { url: devUrl };
  return { file: join(outDir(options), 'renderer', 'index.html') };
}

/** The URL the IPC adapter trusts (our page). */
function pageUrl(options: BootOptions, env: BootOptions['env']): string {
  const target = pageTarget(options, env);
  return 'url' in target ? target.url : pathToFileURL(target.file).href;
}

function outDir(options: BootOptions): string {
  return options.outDir ?? fileURLToPath(new URL('..', import.meta.url));
}

function openWindow(
  options: BootOptions,
  argv: readonly string[],
  env: BootOptions['env'],
  startHidden: boolean,
  logger: LoggerPort,
): WindowAdapter {
  const hidden = startHidden || argv.includes(HIDDEN_FLAG);
  return createWindowAdapter({
    preloadPath: join(outDir(options), 'preload', 'preload.cjs'),
    target: pageTarget(options, env),
    showWhenReady: !hidden,
    iconPath: join(app.getAppPath(), APP_ICON_PNG),
    devTools: !app.isPackaged,
    logger,
  });
}

/**
 * App events: the window stays in the tray when closed (the app keeps
 * running with no window), the dock icon (macOS) shows it, and the first
 * `will-quit` is held until `cleanUp` finished (bounded by
 * {@link QUIT_GRACE_MS}). Resolves when the app is really quitting.
 */
function wireLifecycle(
  window: WindowAdapter,
  logger: LoggerPort,
  cleanUp: () => Promise<void>,
): Promise<void> {
  let cleaned = false;
  let cleaning = false;
  app.on('window-all-closed', () => {
    // Stay in the tray: only the tray's Quit (or the OS) ends the app.
  });
  app.on('activate', () => window.show());
  app.on('before-quit', () => window.setQuitting());
  return new Promise((resolve) => {
    app.on('will-quit', (event) => {
      if (cleaned) {
        logger.info('quit');
        resolve();
        return;
      }
      event.preventDefault();
      if (cleaning) return;
      cleaning = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>((done) => {
        timer = setTimeout(() => {
          logger.warn('clean-up at quit took too long; quitting anyway');
          done();
        }, QUIT_GRACE_MS);
      });
      void Promise.race([cleanUp(), grace])
        .catch((error: unknown) => logger.error('clean-up at quit failed', { error: String(error) }))
        .finally(() => {
          clearTimeout(timer);
          cleaned = true;
          app.quit();
        });
    });
  });
}

if (process.versions.electron) {
  bootApp().catch((error: unknown) => {
    process.stderr.write(
      `GWS Secure Pause could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    app.exit(1);
  });
}
