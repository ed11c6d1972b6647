/**
 * The one implementation of {@link AppServicePort}: what the Electron IPC
 * adapter and the browser-mode bridge both call (after validating payloads).
 *
 * This file composes units with one job each: the {@link ViewPublisher}
 * (builds the AppView and pushes it, with its notifications, on the same core
 * change that caused it), the {@link HotkeyBinder} (the global hotkey,
 * registered on every way into a session: start, the demo, a sign-in), the
 * settings service (locked keys refused, a new hotkey registered before it is
 * saved) and the session controller (sign-in, sign-out, the demo). What is
 * left here is routing: commands to the core, core events to the log and the
 * agent, sign-in requests through IT's locks.
 */

import {
  commandRequestSchema,
  signInRequestSchema,
  type AppServicePort,
  type AppView,
  type CommandRequest,
  type CommandResultView,
  type SignInResult,
} from '../../../contract/ipc-contract.ts';
import { isComplianceEvent, runCoreCommand } from '../policies/command-dispatch.ts';
import type { Platform } from '../policies/hotkey-policy.ts';
import {
  notificationForCommandResult,
  notificationForComplianceEvent,
  notificationForCoreError,
  type CommandSource,
  type DesktopNotification,
} from '../policies/notification-rules.ts';
import type { SettingsLayer } from '../policies/settings.ts';
import { resolveSignIn, startupSignIn } from '../policies/sign-in-request.ts';
import type { CompliantCoreEvent } from '../ports/core-port.ts';
import { silentLogger, type LoggerPort, type LoginItemPort, type ShortcutPort } from '../ports/app-ports.ts';
import { createHotkeyBinder, type HotkeyBinder } from './hotkey-binder.ts';
import type { SessionController } from './session-controller.ts';
import { updateSettings } from './settings-service.ts';
import { createViewPublisher, type ViewPublisher } from './view-publisher.ts';

export type { AppServiceEvent } from './view-publisher.ts';

/** Dependencies of {@link createAppService}. */
export interface AppServiceDeps {
  host: AppView['host'];
  session: SessionController;
  settings: SettingsLayer;
  /** Desktop only: the OS-wide shortcuts; absent in browser mode (no hotkey there). */
  shortcuts?: ShortcutPort;
  /** Desktop only: start at login. */
  loginItem?: LoginItemPort;
  /** How to spell the hotkey in words; default `process.platform`. */
  platform?: Platform;
  /** Epoch ms; default `Date.now`. */
  now?: () => number;
  logger?: LoggerPort;
}

/** {@link AppServicePort} plus what the desktop shell and the composition root need. */
export interface AppService extends AppServicePort {
  /** Runs a command from the hotkey or the tray: refusals become notifications, never silence. */
  runCommand(request: CommandRequest, source: CommandSource): Promise<CommandResultView>;
  /** Desktop notifications with their sound/attention flags (the notifier adapter's input). */
  subscribeAlerts(listener: (alert: DesktopNotification) => void): () => void;
  /**
   * First start: registers the hotkey, then signs in from the settings: the
   * demo when no server is configured, the saved account when its password is
   * remembered, else stays signed out (the window asks).
   */
  start(): Promise<SignInResult | undefined>;
  /** Rebuilds the notification stream now (power resume, network back). */
  reconnectNow(): void;
  /** On quit: unregisters the hotkey and signs out (EndContactCenterSession). */
  dispose(): Promise<void>;
}

/** The units of one app service. */
interface Units {
  deps: AppServiceDeps;
  logger: LoggerPort;
  publisher: ViewPublisher;
  hotkey: HotkeyBinder;
}

/** Builds the app service. Nothing runs until {@link AppService.start} or a sign-in. */
export function createAppService(deps: AppServiceDeps): AppService {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  const hotkey: HotkeyBinder = createHotkeyBinder({
    shortcuts: deps.shortcuts,
    platform: deps.platform ?? (process.platform as Platform),
    onPress: () => void runCommand(units, { name: 'toggle' }, 'hotkey'),
    alert: (notification) => publisher.alert(notification),
    changed: () => publisher.refresh(),
  });
  const publisher = createViewPublisher({
    host: deps.host,
    session: deps.session,
    hotkey: () => hotkey.view(),
    hotkeyWords: () => hotkey.words(),
    now,
    logger,
  });
  const units: Units = { deps, logger, publisher, hotkey };
  deps.session.subscribe((event) => {
    if (event.type === 'core') onCoreEvent(units, event.event);
    else publisher.refresh();
  });
  /** Every way into a session registers the hotkey first (the demo is what `npm start` launches). */
  const bindHotkey = (): void => hotkey.bind(deps.settings.values().hotkey);
  return {
    getState: () => publisher.view(),
    subscribe: (listener) => publisher.subscribe(listener),
    subscribeAlerts: (listener) => publisher.subscribeAlerts(listener),
    command: (request) => runCommand(units, request, 'window'),
    runCommand: (request, source) => runCommand(units, request, source),
    signIn(raw) {
      bindHotkey();
      return signIn(units, raw);
    },
    startDemo() {
      bindHotkey();
      return deps.session.startDemo(deps.settings.values().transport);
    },
    signOut: () => deps.session.signOut(),
    getSettings: () => deps.settings.view(),
    updateSettings: (patch) => updateSettings({ ...deps, hotkey }, patch),
    start() {
      bindHotkey();
      return start(units);
    },
    reconnectNow: () => deps.session.reconnectNow(),
    async dispose() {
      hotkey.release();
      await deps.session.signOut();
      publisher.close();
    },
  };
}

/** A core event: state rebuilds the view; errors go to the log (and the agent when loud); compliance tells the agent. */
function onCoreEvent(units: Units, event: CompliantCoreEvent): void {
  const { logger, publisher } = units;
  if (event.type === 'state') return publisher.refresh();
  if (event.type === 'error') {
    const loud = event.severity === 'error';
    logger[loud ? 'error' : event.severity === 'warning' ? 'warn' : 'debug'](event.message, {
      code: event.code,
      callId: event.callId,
    });
    // Only `error` severity is for the agent (e.g. an audit log that cannot be written); a failed
    // auto-resume's loud echo is already said by its own event. Diagnostics and warnings: log only.
    if (loud && event.code !== 'recording-failed')
      publisher.alert(notificationForCoreError(event.message, event.callId));
    return;
  }
  if (!isComplianceEvent(event)) return;
  const words = units.hotkey.words();
  publisher.alert(
    notificationForComplianceEvent(event, {
      ...(words ? { hotkey: words } : {}),
      callerOf: (id) => publisher.callerOf(id),
    }),
  );
  publisher.refresh();
}

/** Runs a command on the core (signed out: nothing is sent); a refusal from the hotkey or tray is told. */
async function runCommand(
  units: Units,
  raw: CommandRequest,
  source: CommandSource,
): Promise<CommandResultView> {
  const { deps, logger, publisher } = units;
  const parsed = commandRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'invalid-input', reason: 'unknown command' };
  const request = parsed.data;
  const core = deps.session.state().phase === 'signed-in' ? deps.session.core() : undefined;
  let result: CommandResultView;
  if (!core) {
    result = { ok: false, code: 'signed-out', reason: 'signed out: nothing was sent' };
  } else {
    try {
      result = await runCoreCommand(core, request);
    } catch (error) {
      logger.error('command threw', { command: request.name, error });
      result = { ok: false, code: 'closed', reason: 'the command could not be run' };
    }
  }
  logger.info('command', {
    command: request.name,
    source,
    ok: result.ok,
    code: result.ok ? undefined : result.code,
  });
  const notification = notificationForCommandResult(request.name, result, source);
  if (notification) publisher.alert(notification);
  publisher.refresh();
  return result;
}

/** A sign-in from the window, through IT's locks; a success saves the account (unlocked keys only). */
async function signIn(units: Units, raw: unknown): Promise<SignInResult> {
  const { settings, session } = units.deps;
  const parsed = signInRequestSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: 'invalid-input', message: 'The sign-in form is incomplete.' };
  const resolved = resolveSignIn(parsed.data, settings.values(), settings.view().locked);
  if (!resolved.ok) return { ok: false, code: resolved.code, message: resolved.message };
  const result = await session.signIn(resolved.config);
  if (result.ok) settings.update(resolved.save);
  return result;
}

/** The sign-in the app runs by itself at start: the demo, the saved account, or none. */
async function start(units: Units): Promise<SignInResult | undefined> {
  const { settings, session } = units.deps;
  units.publisher.refresh();
  const values = settings.values();
  const plan = startupSignIn(values);
  if (plan === 'demo') return session.startDemo(values.transport);
  if (plan === 'none') return undefined;
  if (!(await session.hasRememberedPassword(plan.serverUrl, plan.username))) return undefined;
  return session.signIn(plan);
}
