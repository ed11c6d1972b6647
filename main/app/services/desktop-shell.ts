/**
 * Binds the desktop's tray, notifications and window to the app service:
 * the tray is re-rendered from the very state push that changed the status
 * (and once a second while paused, for the time in the tooltip); each alert
 * becomes a notification (level-3 reminders also flash the tray and bring the
 * window to the front); tray menu actions run as commands or window actions.
 * Plain wiring over ports, so it is tested without Electron.
 */

import type { AppView } from '../../../contract/ipc-contract.ts';
import type { AppService } from './app-service.ts';
import type { Platform } from '../policies/hotkey-policy.ts';
import type { NotifierPort, TrayPort, WindowPort } from '../ports/app-ports.ts';
import { trayModel, type TrayModel } from '../policies/tray-model.ts';

/** What {@link bindDesktopShell} drives. */
export interface DesktopShellPorts {
  tray: TrayPort;
  notifier: NotifierPort;
  window: WindowPort;
  /** Quits the app (the composition root disposes the service first). */
  quit(): void;
  platform: Platform;
  /** Epoch ms; default `Date.now`. */
  now?: () => number;
  /** Tooltip refresh period while paused, ms (default 1000). */
  tickMs?: number;
}

/** Stops the bindings (on quit). */
export interface DesktopShell {
  /** The last model given to the tray (diagnostics, tests). */
  lastTrayModel(): TrayModel | undefined;
  dispose(): void;
}

/** Wires `service` to the desktop ports; renders the tray at once. */
export function bindDesktopShell(service: AppService, ports: DesktopShellPorts): DesktopShell {
  const now = ports.now ?? Date.now;
  let last: TrayModel | undefined;
  let view: AppView = service.getState();
  let ticker: ReturnType<typeof setInterval> | undefined;

  const render = (): void => {
    const model = trayModel({ view, now: now(), platform: ports.platform });
    if (last && JSON.stringify(last) === JSON.stringify(model)) return;
    last = model;
    ports.tray.render(model);
  };
  const updateTicker = (): void => {
    const paused = view.status === 'paused' && view.pausedSince !== undefined;
    if (paused && !ticker) {
      ticker = setInterval(render, ports.tickMs ?? 1_000);
      ticker.unref();
    } else if (!paused && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };

  const unsubscribe = service.subscribe((event) => {
    if (event.type !== 'state') return;
    view = event.view;
    render();
    updateTicker();
  });
  const unsubscribeAlerts = service.subscribeAlerts((alert) => {
    ports.notifier.show(alert);
    if (alert.attention === 'flash') {
      ports.tray.flash();
      ports.window.focus();
    }
  });
  ports.tray.onAction((action) => {
    switch (action) {
      case 'toggle':
        void service.runCommand({ name: 'toggle' }, 'tray');
        return;
      case 'show-window':
        ports.window.focus();
        return;
      case 'sign-out':
        void service.signOut();
        return;
      case 'quit':
        ports.quit();
        return;
    }
  });
  render();
  updateTicker();

  return {
    lastTrayModel: () => last,
    dispose() {
      unsubscribe();
      unsubscribeAlerts();
      if (ticker) clearInterval(ticker);
      ticker = undefined;
    },
  };
}
