/**
 * The app layer assembled once, the same way for the desktop and browser
 * mode: settings (user + managed), the session controller over cores wrapped
 * with compliance (reminder and auto-resume settings read at each sign-in),
 * and the app service. The desktop passes its shortcut and login-item ports
 * and then binds the tray/notifier/window with `bindDesktopShell`; browser
 * mode passes neither.
 */

import type { AgentCoreOptions } from '../../core/agent-core.ts';
import type { ComplianceOptions } from '../../core/compliance/with-compliance.ts';
import type { AppView } from '../../../contract/ipc-contract.ts';
import type { SimulatorOptionsInput } from '../../../simulator/index.ts';
import { createAppService, type AppService } from './app-service.ts';
import { agentCoreFactory, complianceDecorator } from './core-factory.ts';
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

/** Dependencies of {@link createAppStack}. */
export interface AppStackDeps {
  host: AppView['host'];
  store: SettingsStorePort;
  secrets: SecretStorePort;
  /** Managed settings file; default the per-OS path (or `GWS_SECURE_PAUSE_MANAGED_CONFIG`). */
  managedPath?: string;
  logger?: LoggerPort;
  shortcuts?: ShortcutPort;
  loginItem?: LoginItemPort;
  platform?: Platform;
  /** Compliance extras: the audit log, and (tests) shorter timings; wins over the settings. */
  compliance?: Partial<ComplianceOptions>;
  /** Core extras (tests shorten timeouts). */
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

/** Builds the stack; nothing runs until `service.start()` or a sign-in. */
export function createAppStack(deps: AppStackDeps): AppStack {
  const logger = deps.logger ?? silentLogger;
  const settings = loadSettings({
    store: deps.store,
    ...(deps.managedPath === undefined ? {} : { managedPath: deps.managedPath }),
    passwordStorage: () => deps.secrets.availability(),
  });
  for (const problem of settings.view().problems) logger.warn(problem);
  const createCore = agentCoreFactory(
    { ...deps.coreOptions },
    complianceDecorator(() => {
      const values = settings.values();
      return {
        reminderSeconds: values.reminderSeconds,
        autoResumeSeconds: values.autoResumeSeconds,
        ...deps.compliance,
      };
    }),
  );
  const session = createSessionController({
    createCore,
    secrets: deps.secrets,
    logger,
    ...(deps.demoSimulator ? { demoSimulator: deps.demoSimulator } : {}),
  });
  const service = createAppService({
    host: deps.host,
    session,
    settings,
    logger,
    ...(deps.shortcuts ? { shortcuts: deps.shortcuts } : {}),
    ...(deps.loginItem ? { loginItem: deps.loginItem } : {}),
    ...(deps.platform ? { platform: deps.platform } : {}),
  });
  return { settings, session, service };
}
