/**
 * Browser mode's composition: the app layer built by the one composition
 * ({@link createAppStack}, as the desktop and the headless CLI build it) with
 * browser mode's ports only — settings and passwords in memory for the run,
 * no tray, no global hotkey, no audit log (a trial and development tool) —
 * served to the page by {@link startWebServer}.
 */

import { createAppStack } from '../app/services/app-stack.ts';
import type { AppService } from '../app/services/app-service.ts';
import { createMemorySecretStore } from '../app/services/memory-secret-store.ts';
import type { LoggerPort } from '../app/ports/app-ports.ts';
import type { SignInResult, Transport } from '../../contract/ipc-contract.ts';
import { createMemorySettingsStore } from '../app/services/memory-settings-store.ts';
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
  const logger = options.logger;
  const { service } = createAppStack({
    host: 'browser',
    store: createMemorySettingsStore({
      ...(options.server ? { serverUrl: options.server } : {}),
      ...(options.username ? { username: options.username } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
    }),
    secrets: createMemorySecretStore(),
    ...(options.managedPath ? { managedPath: options.managedPath } : {}),
    ...(logger ? { logger } : {}),
  });
  const web = await startWebServer({
    service,
    staticDir: options.staticDir,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(logger ? { logger } : {}),
  });
  const started = await firstSignIn(service, options);
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

/** With a server, user and password: sign in at once; else the app's own start (the demo, or the form). */
function firstSignIn(service: AppService, options: BrowserAppOptions): Promise<SignInResult | undefined> {
  if (options.server && options.username && options.password !== undefined) {
    return service.signIn({
      serverUrl: options.server,
      username: options.username,
      password: options.password,
      rememberPassword: false,
      transport: service.getSettings().values.transport,
    });
  }
  return service.start();
}
