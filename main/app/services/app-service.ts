/**
 * The one implementation of {@link AppServicePort}: what the Electron IPC
 * adapter and the browser-mode bridge both call (after validating payloads).
 * It builds the {@link AppView}, runs commands on the core, signs in and out
 * through the session controller, reads and writes settings through the
 * settings layer (refusing locked keys, registering a new hotkey before
 * saving it), and pushes state and notices to subscribers on the same core
 * change that caused them.
 */

import {
  commandRequestSchema,
  signInRequestSchema,
  type AppServicePort,
  type AppView,
  type CommandRequest,
  type CommandResultView,
  type Notice,
  type SettingsKey,
  type SettingsUpdateResult,
  type SignInResult,
} from '../../../contract/ipc-contract.ts';
import { buildAppView, trackPausedSince, viewChanged } from '../policies/app-view.ts';
import { complianceView, isComplianceEvent, runCoreCommand } from '../policies/command-dispatch.ts';
import type { CoreEventLike } from '../ports/core-port.ts';
import {
  createHotkeyManager,
  formatAccelerator,
  type HotkeyManager,
  type Platform,
} from '../policies/hotkey-policy.ts';
import {
  notificationForCommandResult,
  notificationForComplianceEvent,
  notificationForCoreError,
  notificationForHotkeyProblem,
  notificationsForViewChange,
  type CommandSource,
  type DesktopNotification,
} from '../policies/notification-rules.ts';
import { silentLogger, type LoggerPort, type LoginItemPort, type ShortcutPort } from '../ports/app-ports.ts';
import type { SessionController } from './session-controller.ts';
import type { SettingsLayer } from '../policies/settings.ts';

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

/** Everything the app service pushes. */
export type AppServiceEvent = { type: 'state'; view: AppView } | { type: 'notice'; notice: Notice };

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

const CONNECTION_KEYS: readonly SettingsKey[] = ['transport', 'extraCaFile', 'proxyUrl'];

/** Builds the app service. Nothing runs until {@link AppService.start} or a sign-in. */
export function createAppService(deps: AppServiceDeps): AppService {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? silentLogger;
  const platform: Platform = deps.platform ?? (process.platform as Platform);
  const listeners = new Set<(event: AppServiceEvent) => void>();
  const alertListeners = new Set<(alert: DesktopNotification) => void>();
  const pausedSince = new Map<string, number>();
  let lastView: AppView | undefined;
  let noticeSeq = 0;
  /** Callers of recently seen calls: compliance reports a call's end after the view has dropped it. */
  const callers = new Map<string, string>();
  const rememberCallers = (view: AppView): void => {
    for (const call of view.calls) {
      const number = call.participants[0];
      if (number === undefined || callers.get(call.id) === number) continue;
      callers.delete(call.id);
      callers.set(call.id, number);
      const oldest = callers.keys().next();
      if (callers.size > 50 && !oldest.done) callers.delete(oldest.value);
    }
  };
  let disposed = false;

  const hotkey: HotkeyManager | undefined = deps.shortcuts
    ? createHotkeyManager(deps.shortcuts, () => void runCommand({ name: 'toggle' }, 'hotkey'))
    : undefined;

  function push(event: AppServiceEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        logger.error('app subscriber failed', { error });
      }
    }
  }

  function alert(notification: DesktopNotification): void {
    logger.info('notify', { code: notification.code, callId: notification.callId });
    const notice: Notice = {
      id: `n${++noticeSeq}`,
      severity: notification.severity,
      code: notification.code,
      message: `${notification.title}: ${notification.body}`,
      ...(notification.callId === undefined ? {} : { callId: notification.callId }),
      at: now(),
    };
    push({ type: 'notice', notice });
    for (const listener of [...alertListeners]) {
      try {
        listener(notification);
      } catch (error) {
        logger.error('alert subscriber failed', { error });
      }
    }
  }

  function hotkeyWords(): string | undefined {
    const state = hotkey?.state();
    return state?.registered ? formatAccelerator(state.accelerator, platform) : undefined;
  }

  function currentView(): AppView {
    const session = deps.session.state();
    const snapshot = session.phase === 'signed-in' ? deps.session.core()?.getSnapshot() : undefined;
    trackPausedSince(pausedSince, snapshot, now());
    const compliance = snapshot ? complianceView(deps.session.core(), snapshot.statusCallId) : undefined;
    return buildAppView({
      host: deps.host,
      session,
      snapshot,
      ...(hotkey ? { hotkey: hotkey.state() } : {}),
      ...(compliance ? { compliance } : {}),
      pausedSince,
      now: now(),
    });
  }

  /** Rebuilds the view; pushes it (and the notifications its change implies) if it changed. */
  function refresh(): void {
    if (disposed) return;
    const next = currentView();
    if (!viewChanged(lastView, next)) return;
    const prev = lastView;
    lastView = next;
    rememberCallers(next);
    push({ type: 'state', view: next });
    const words = hotkeyWords();
    const complianceReports = deps.session.core()?.complianceState !== undefined;
    const ctx = { ...(words ? { hotkey: words } : {}), complianceReports };
    if (prev) for (const n of notificationsForViewChange(prev, next, ctx)) alert(n);
  }

  function onCoreEvent(event: CoreEventLike): void {
    if (event.type === 'state') return refresh();
    if (event.type === 'error') {
      const loud = event.severity === 'error';
      logger[loud ? 'error' : event.severity === 'warning' ? 'warn' : 'debug'](event.message, {
        code: event.code,
        callId: event.callId,
      });
      // Only `error` severity is for the agent (e.g. an audit log that cannot be written); a failed
      // auto-resume's loud echo is already said by its own event. Diagnostics and warnings: log only.
      if (loud && event.code !== 'recording-failed')
        alert(notificationForCoreError(event.message, event.callId));
      return;
    }
    if (!isComplianceEvent(event)) return;
    const words = hotkeyWords();
    alert(
      notificationForComplianceEvent(event, {
        ...(words ? { hotkey: words } : {}),
        callerOf: (id) => callers.get(id),
        now: now(),
      }),
    );
    refresh();
  }

  deps.session.subscribe((event) => {
    if (event.type === 'core') onCoreEvent(event.event);
    else refresh();
  });

  async function runCommand(raw: CommandRequest, source: CommandSource): Promise<CommandResultView> {
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
    if (notification) alert(notification);
    refresh();
    return result;
  }

  function applyHotkey(
    accelerator: string,
  ): { ok: true } | { ok: false; code: 'taken' | 'invalid'; message: string } {
    if (!hotkey) return { ok: true };
    const before = hotkey.state();
    const previous = before.registered ? formatAccelerator(before.accelerator, platform) : undefined;
    const result = hotkey.apply(accelerator);
    if (!result.ok) alert(notificationForHotkeyProblem(accelerator, result.code, previous));
    refresh();
    return result;
  }

  async function updateSettings(patch: unknown): Promise<SettingsUpdateResult> {
    const checked = deps.settings.check(patch);
    if (!checked.ok)
      return { ok: false, code: checked.code, message: checked.message, settings: deps.settings.view() };
    const wanted = checked.patch.hotkey;
    if (wanted !== undefined && wanted !== deps.settings.values().hotkey) {
      const applied = applyHotkey(wanted);
      if (!applied.ok) {
        const code = applied.code === 'taken' ? 'hotkey-taken' : 'hotkey-invalid';
        return { ok: false, code, message: applied.message, settings: deps.settings.view() };
      }
    }
    const updated = deps.settings.update(checked.patch);
    if (!updated.ok)
      return { ok: false, code: updated.code, message: updated.message, settings: deps.settings.view() };
    const values = deps.settings.values();
    if (
      deps.loginItem &&
      (updated.changed.includes('startAtLogin') || updated.changed.includes('startHidden'))
    ) {
      deps.loginItem.set(values.startAtLogin, values.startHidden);
    }
    // "Remember password" switched off: the stored password goes now, not at the next sign-in.
    if (updated.changed.includes('rememberPassword') && !values.rememberPassword && values.serverUrl) {
      await deps.session.forgetPassword(values.serverUrl, values.username);
    }
    const session = deps.session.state();
    if (
      session.phase === 'signed-in' &&
      !session.demo &&
      updated.changed.some((k) => CONNECTION_KEYS.includes(k))
    ) {
      void deps.session.reconfigure({
        serverUrl: session.serverUrl ?? values.serverUrl,
        username: session.username ?? values.username,
        transport: values.transport,
        extraCaFile: values.extraCaFile,
        proxyUrl: values.proxyUrl,
      });
    }
    return { ok: true, settings: deps.settings.view() };
  }

  async function signIn(raw: unknown): Promise<SignInResult> {
    const parsed = signInRequestSchema.safeParse(raw);
    if (!parsed.success)
      return { ok: false, code: 'invalid-input', message: 'The sign-in form is incomplete.' };
    const request = parsed.data;
    const values = deps.settings.values();
    const locked = deps.settings.view().locked;
    if (locked.includes('serverUrl') && request.serverUrl.trim() !== values.serverUrl) {
      return {
        ok: false,
        code: 'config',
        message: `Your IT department set the server to ${values.serverUrl}.`,
      };
    }
    if (locked.includes('username') && values.username && request.username.trim() !== values.username) {
      return { ok: false, code: 'config', message: `Your IT department set the user to ${values.username}.` };
    }
    // Locked connection settings are IT's, whatever the request says (the form shows them read-only).
    const transport = locked.includes('transport')
      ? values.transport
      : (request.transport ?? values.transport);
    const extraCaFile = locked.includes('extraCaFile')
      ? values.extraCaFile
      : (request.extraCaFile ?? values.extraCaFile);
    const rememberPassword = locked.includes('rememberPassword')
      ? values.rememberPassword
      : request.rememberPassword;
    const result = await deps.session.signIn({
      serverUrl: request.serverUrl,
      username: request.username,
      password: request.password,
      rememberPassword,
      transport,
      ...(extraCaFile ? { extraCaFile } : {}),
      ...(values.proxyUrl ? { proxyUrl: values.proxyUrl } : {}),
    });
    if (result.ok) {
      const save = {
        serverUrl: request.serverUrl.trim(),
        username: request.username.trim(),
        rememberPassword,
        transport,
        extraCaFile,
      };
      const unlocked = Object.fromEntries(
        Object.entries(save).filter(([k]) => !locked.includes(k as SettingsKey)),
      );
      deps.settings.update(unlocked);
    }
    return result;
  }

  return {
    getState: () => lastView ?? (lastView = currentView()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeAlerts(listener) {
      alertListeners.add(listener);
      return () => alertListeners.delete(listener);
    },
    command: (request) => runCommand(request, 'window'),
    runCommand,
    signIn,
    startDemo: () => deps.session.startDemo(deps.settings.values().transport),
    signOut: () => deps.session.signOut(),
    getSettings: () => deps.settings.view(),
    updateSettings,
    async start() {
      const values = deps.settings.values();
      if (hotkey) applyHotkey(values.hotkey);
      refresh();
      if (values.serverUrl === '') return deps.session.startDemo(values.transport);
      if (!values.rememberPassword || values.username === '') return undefined;
      if (!(await deps.session.hasRememberedPassword(values.serverUrl, values.username))) return undefined;
      return deps.session.signIn({
        serverUrl: values.serverUrl,
        username: values.username,
        rememberPassword: true,
        transport: values.transport,
        ...(values.extraCaFile ? { extraCaFile: values.extraCaFile } : {}),
        ...(values.proxyUrl ? { proxyUrl: values.proxyUrl } : {}),
      });
    },
    reconnectNow: () => deps.session.reconnectNow(),
    async dispose() {
      hotkey?.unregisterAll();
      await deps.session.signOut();
      disposed = true;
      listeners.clear();
      alertListeners.clear();
    },
  };
}
