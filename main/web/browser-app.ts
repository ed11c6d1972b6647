/**
 * Browser mode's composition: the same app service the desktop app uses
 * (session controller, settings layer, real core with compliance reminders), with browser-mode ports —
 * settings and passwords in memory for the run, no tray, no global hotkey —
 * served to the page by {@link startWebServer}.
 */

import { createAppService, type AppService } from '../app/services/app-service.ts';
import { agentCoreFactory, complianceDecorator } from '../app/services/core-factory.ts';
import { createMemorySecretStore } from '../app/services/memory-secret-store.ts';
import type { LoggerPort } from '../app/ports/app-ports.ts';
import { createSessionController } from '../app/services/session-controller.ts';
import { loadSettings } from '../app/policies/settings.ts';
import type { SignInResult, Transport } from '../../contract/ipc-contract.ts';
import { createMemorySettingsStore } from './memory-settings-store.ts';
import { startWebServer, type RunningWebServer } from './web-server.ts';

/** What to run. */
export interface BrowserAppOptions {
  staticDir: string;
  port?: number;
  /** A real GWS (or a simulator); absent = the demo (embedded simulator, agent1). */
  server?: string;
  username?: string;
  /** Given with `server`: sign in at once; absent: the page asks for it. */
  password?: string;
  transport?: Transport;
  logger?: LoggerPort;
  /** Managed (IT) settings file; default the OS path. */
  managedPath?: string;
}

/** A running browser mode. */
export interface BrowserApp {
  web: RunningWebServer;
  service: AppService;
  /** Result of the first sign-in (demo, or `--password-env`); undefined when the page must ask. */
  started: SignInResult | undefined;
  close(): Promise<void>;
}

/** Starts the app service and the web server; the first sign-in runs before this resolves. */
export async function startBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  const secrets = createMemorySecretStore();
  const settings = loadSettings({
    store: createMemorySettingsStore({
      ...(options.server ? { serverUrl: options.server } : {}),
      ...(options.username ? { username: options.username } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
    }),
    ...(options.managedPath ? { managedPath: options.managedPath } : {}),
    passwordStorage: () => secrets.availability(),
  });
  const logger = options.logger;
  // Compliance as on the desktop (reminders, auto-resume from the settings, read at each
  // sign-in); no audit log in browser mode: it is a trial and development tool.
  const compliance = complianceDecorator(() => {
    const values = settings.values();
    return { reminderSeconds: values.reminderSeconds, autoResumeSeconds: values.autoResumeSeconds };
  });
  const session = createSessionController({
    createCore: agentCoreFactory({}, compliance),
    secrets,
    ...(logger ? { logger } : {}),
  });
  const service = createAppService({ host: 'browser', session, settings, ...(logger ? { logger } : {}) });
  const web = await startWebServer({
    service,
    staticDir: options.staticDir,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(logger ? { logger } : {}),
  });
  let started: SignInResult | undefined;
  if (options.server && options.username && options.password !== undefined) {
    const values = settings.values();
    started = await service.signIn({
      serverUrl: options.server,
      username: options.username,
      password: options.password,
      rememberPassword: false,
      transport: values.transport,
    });
  } else {
    started = await service.start();
  }
  return {
    web,
    service,
    started,
    async close() {
      await web.close();
      await service.dispose();
    },
  };
}
