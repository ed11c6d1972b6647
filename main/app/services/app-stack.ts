/**
 * The ONE composition of the app layer, shared by the desktop app
 * (`main/index.ts`), browser mode (`main/web/browser-app.ts`) and the
 * headless CLI (`main/cli/headless-cli.ts`): settings (the user's, with IT's
 * managed file on top) → the session controller over cores that compliance
 * wraps (reminder and auto-resume settings read at each sign-in) → the app
 * service. Each entry point passes only its own ports: the desktop its global
 * shortcut, login item and safeStorage secrets (then binds tray, notifier and
 * window with `bindDesktopShell`); browser mode in-memory stores and nothing
 * else; the headless CLI in-memory stores and its compliance flags (then
 * attaches its printer to the session's events).
 *
 * Why one: three hand-wired copies drifted (one logged settings problems,
 * another not; one wrapped cores with compliance from the settings, another
 * from its flags), and a rule added to one entry point silently missed the
 * others. Plain Node: nothing here knows Electron, a browser or a terminal.
 */

import type { AgentCoreOptions } from '../../core/agent-core.ts';
import type { ComplianceOptions } from '../../core/compliance/with-compliance.ts';
import type { AppView } from '../../../contract/ipc-contract.ts';
import type { SimulatorOptionsInput } from '../../../simulator/index.ts';
import { createAppService, type AppService } from './app-service.ts';
import { agentCoreFactory, complianceDecorator, type CoreConfig } from './core-factory.ts';
import type { Platform } from '../policies/hotkey-policy.ts';
import {
  silentLogger,
  type LoggerPort,
  type LoginItemPort,
  type SecretStorePort,
  type SettingsStorePort,
  type ShortcutPort,
} from '../ports/app-ports.ts';
import { createSessionController, type SessionController } from './session-controller.ts';
import { loadSettings, type SettingsLayer } from '../policies/settings.ts';

/**
 * Compliance options that win over the settings: fixed (the headless CLI's
 * flags, tests' short timings), or read at each sign-in (the desktop's audit
 * log, opened for the agent and purpose of that sign-in).
 */
export type ComplianceOverrides =
  Partial<ComplianceOptions> | ((config: CoreConfig) => Partial<ComplianceOptions>);

/** Dependencies of {@link createAppStack}: the entry point's own ports. */
export interface AppStackDeps {
  host: AppView['host'];
  store: SettingsStorePort;
  secrets: SecretStorePort;
  /** Managed settings file; default the per-OS path (or `GWS_SECURE_PAUSE_MANAGED_CONFIG`). */
  managedPath?: string;
  logger?: LoggerPort;
  /** Desktop only: the OS-wide shortcuts. */
  shortcuts?: ShortcutPort;
  /** Desktop only: start at login. */
  loginItem?: LoginItemPort;
  platform?: Platform;
  compliance?: ComplianceOverrides;
  /** Core extras (tests and the headless CLI's flags shorten or lengthen its timings). */
  coreOptions?: Partial<AgentCoreOptions>;
  /** Demo simulator extras (tests shorten its timings). */
  demoSimulator?: SimulatorOptionsInput;
}

/** What {@link createAppStack} builds. */
export interface AppStack {
  settings: SettingsLayer;
  session: SessionController;
  service: AppService;
}

/** Builds the stack; nothing runs until `service.start()`, the demo or a sign-in. */
export function createAppStack(deps: AppStackDeps): AppStack {
  const logger = deps.logger ?? silentLogger;
  const settings = loadSettings({
    store: deps.store,
    ...(deps.managedPath === undefined ? {} : { managedPath: deps.managedPath }),
    passwordStorage: () => deps.secrets.availability(),
  });
  for (const problem of settings.view().problems) logger.warn('settings problem', { problem });
  const overrides = deps.compliance ?? {};
  const createCore = agentCoreFactory(
    { ...deps.coreOptions },
    complianceDecorator((config) => {
      const values = settings.values();
      return {
        reminderSeconds: values.reminderSeconds,
        autoResumeSeconds: values.autoResumeSeconds,
        ...(typeof overrides === 'function' ? overrides(config) : overrides),
      };
    }),
  );
  // The entry point's logger only when it has one: without it, each core keeps its own default.
  const withLogger = deps.logger ? { logger: deps.logger } : {};
  const session = createSessionController({
    createCore,
    secrets: deps.secrets,
    ...withLogger,
    ...(deps.demoSimulator ? { demoSimulator: deps.demoSimulator } : {}),
  });
  const service = createAppService({
    host: deps.host,
    session,
    settings,
    ...withLogger,
    ...(deps.shortcuts ? { shortcuts: deps.shortcuts } : {}),
    ...(deps.loginItem ? { loginItem: deps.loginItem } : {}),
    ...(deps.platform ? { platform: deps.platform } : {}),
  });
  return { settings, session, service };
}
