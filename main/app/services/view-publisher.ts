/**
 * Builds the {@link AppView} from the session and the core's snapshot and
 * pushes it to subscribers on the same change that caused it, with the
 * notifications that change implies; and pushes every alert twice, as a
 * notice for the window and as a desktop notification for the notifier.
 * One listener set per kind (createEmitter): a subscriber that throws is
 * logged and never keeps the others (the tray) from learning the new state.
 */

import type { AppView, HotkeyView, Notice } from '../../../contract/ipc-contract.ts';
import { createEmitter } from '../../core/ports/emitter.ts';
import { buildAppView, viewChanged } from '../policies/app-view.ts';
import { complianceView } from '../policies/command-dispatch.ts';
import { notificationsForViewChange, type DesktopNotification } from '../policies/notification-rules.ts';
import type { LoggerPort } from '../ports/app-ports.ts';
import type { SessionController } from './session-controller.ts';

/** Everything the app service pushes. */
export type AppServiceEvent = { type: 'state'; view: AppView } | { type: 'notice'; notice: Notice };

/** Dependencies of {@link createViewPublisher}. */
export interface ViewPublisherDeps {
  host: AppView['host'];
  session: SessionController;
  /** The hotkey's state for the view (desktop only). */
  hotkey(): HotkeyView | undefined;
  /** The hotkey as the agent reads it (`Ctrl+Alt+P`), when one is registered. */
  hotkeyWords(): string | undefined;
  /** Epoch ms. */
  now(): number;
  logger: LoggerPort;
}

/** The publisher of {@link createViewPublisher}. */
export interface ViewPublisher {
  /** The last view pushed (built now when none was). */
  view(): AppView;
  /** Rebuilds the view; pushes it (and the notifications its change implies) when it changed. */
  refresh(): void;
  /** Tells the agent: a notice for the window, a notification for the desktop. */
  alert(notification: DesktopNotification): void;
  /** The caller of a call seen recently (compliance reports a call's end after the view dropped it). */
  callerOf(callId: string): string | undefined;
  subscribe(listener: (event: AppServiceEvent) => void): () => void;
  subscribeAlerts(listener: (alert: DesktopNotification) => void): () => void;
  /** Pushes nothing more, and drops every subscriber (on quit). */
  close(): void;
}

/** How many recent calls' callers are kept. */
const CALLERS_KEPT = 50;

/** Builds the publisher; nothing is pushed until the first {@link ViewPublisher.refresh}. */
export function createViewPublisher(deps: ViewPublisherDeps): ViewPublisher {
  const { logger } = deps;
  const events = createEmitter<AppServiceEvent>((error) => logger.error('app subscriber failed', { error }));
  const alerts = createEmitter<DesktopNotification>((error) =>
    logger.error('alert subscriber failed', { error }),
  );
  const callers = new Map<string, string>();
  let last: AppView | undefined;
  let noticeSeq = 0;
  let closed = false;

  const build = (): AppView => {
    const session = deps.session.state();
    const core = session.phase === 'signed-in' ? deps.session.core() : undefined;
    const snapshot = core?.getSnapshot();
    const compliance = snapshot ? complianceView(core, snapshot.statusCallId) : undefined;
    const hotkey = deps.hotkey();
    return buildAppView({
      host: deps.host,
      session,
      snapshot,
      ...(hotkey ? { hotkey } : {}),
      ...(compliance ? { compliance } : {}),
      now: deps.now(),
    });
  };

  const alert = (notification: DesktopNotification): void => {
    logger.info('notify', { code: notification.code, callId: notification.callId });
    events.emit({ type: 'notice', notice: noticeOf(notification, `n${++noticeSeq}`, deps.now()) });
    alerts.emit(notification);
  };

  return {
    view: () => last ?? (last = build()),
    refresh() {
      if (closed) return;
      const next = build();
      if (!viewChanged(last, next)) return;
      const prev = last;
      last = next;
      rememberCallers(callers, next);
      events.emit({ type: 'state', view: next });
      if (!prev) return;
      const words = deps.hotkeyWords();
      const complianceReports = deps.session.core()?.complianceState !== undefined;
      const ctx = { ...(words ? { hotkey: words } : {}), complianceReports };
      for (const n of notificationsForViewChange(prev, next, ctx)) alert(n);
    },
    alert,
    callerOf: (callId) => callers.get(callId),
    subscribe: (listener) => events.on(listener),
    subscribeAlerts: (listener) => alerts.on(listener),
    close() {
      closed = true;
      events.clear();
      alerts.clear();
    },
  };
}

/** The window's notice for a notification. */
function noticeOf(notification: DesktopNotification, id: string, at: number): Notice {
  return {
    id,
    severity: notification.severity,
    code: notification.code,
    message: `${notification.title}: ${notification.body}`,
    ...(notification.callId === undefined ? {} : { callId: notification.callId }),
    at,
  };
}

/** Keeps the caller of each call in `view`, the most recent {@link CALLERS_KEPT} calls only. */
function rememberCallers(callers: Map<string, string>, view: AppView): void {
  for (const call of view.calls) {
    const number = call.participants[0];
    if (number === undefined || callers.get(call.id) === number) continue;
    callers.delete(call.id);
    callers.set(call.id, number);
    const oldest = callers.keys().next();
    if (callers.size > CALLERS_KEPT && !oldest.done) callers.delete(oldest.value);
  }
}
