/**
 * The composition root of the desktop app: the ONE place that creates the
 * app layer (settings, secrets, session controller, app service) and wires
 * the thin Electron adapters to it by hand. Decisions live in `main/app`;
 * here is only construction, order and lifecycle:
 *
 * single-instance lock → `ready` → rotating log in `app.getPath('logs')` →
 * secrets (safeStorage) and settings (electron-store + managed file) →
 * session controller and app service → window (locked down) and IPC →
 * tray, notifications and the desktop shell → power/network wake-ups →
 * `service.start()` (hotkey, then demo or the saved account).
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
import { createAppService, type AppService } from './app/services/app-service.ts';
import { createAuditLogs } from './app/services/audit-logs.ts';
import { agentCoreFactory, complianceDecorator } from './app/services/core-factory.ts';
import { bindDesktopShell, type DesktopShell } from './app/services/desktop-shell.ts';
import type { Platform } from './app/policies/hotkey-policy.ts';
import type { LoggerPort } from './app/ports/app-ports.ts';
import { createRotatingLog, type RotatingLog } from './app/services/rotating-log.ts';
import { createSessionController } from './app/services/session-controller.ts';
import { loadSettings, managedSettingsPath } from './app/policies/settings.ts';
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
  const userData = app.getPath('userData');
  const secrets = createSecretStore({ file: join(userData, 'passwords.json'), platform, logger: log });
  const settings = loadSettings({
    store: await openElectronSettingsStore({ dir: userData }),
    managedPath: managedSettingsPath(platform, env),
    passwordStorage: () => secrets.availability(),
  });
  for (const problem of settings.view().problems) log.warn('settings problem', { problem });

  // Compliance wraps every core: reminders and auto-resume from the settings
  // (read at each sign-in), and the tamper-evident audit log in userData.
  const audits = createAuditLogs(join(userData, 'audit'), log);
  const compliance = complianceDecorator((config) => {
    const values = settings.values();
    const audit = audits.forSession(config);
    return {
      reminderSeconds: values.reminderSeconds,
      autoResumeSeconds: values.autoResumeSeconds,
      ...(audit ? { audit } : {}),
    };
  });
  const session = createSessionController({
    createCore: agentCoreFactory(options.coreOptions ?? {}, compliance),
    secrets,
    logger: log,
    ...(options.demoSimulator ? { demoSimulator: options.demoSimulator } : {}),
  });
  const service = createAppService({
    host: 'desktop',
    session,
    settings,
    shortcuts: createShortcutAdapter(log),
    loginItem: createLoginItemAdapter({
      platform,
      execPath: process.execPath,
      autostartDir: autostartDir(env, homedir()),
      logger: log,
    }),
    platform: platform as Platform,
    logger: log,
  });

  const shownWindow = openWindow(options, argv, env, settings.values().startHidden, log);
  focusTarget.window = shownWindow;
  const stopIpc = registerIpc({
    service,
    contents: () => shownWindow.contents(),
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
    onClick: () => shownWindow.focus(),
    logger: log,
  });
  const shell = bindDesktopShell(service, {
    tray,
    notifier,
    window: shownWindow,
    platform: platform as Platform,
    quit: () => app.quit(),
  });
  const stopPower = watchPowerAndNetwork({
    onWake: (reason) => {
      log.info('reconnecting now', { reason });
      service.reconnectNow();
    },
  });

  const stopped = wireLifecycle(shownWindow, log, async () => {
    shell.dispose();
    stopPower();
    stopIpc();
    await service.dispose();
    audits.close();
    tray.destroy();
  });

  const started = argv.includes('--demo') ? await service.startDemo() : await service.start();
  if (started && !started.ok) log.warn('sign-in at start failed', { code: started.code });
  return {
    service,
    shell,
    tray,
    window: shownWindow,
    log,
    quit: () => {
      app.quit();
      return stopped;
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
