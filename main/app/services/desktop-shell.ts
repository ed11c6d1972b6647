/**
 * Binds the desktop's tray, notifications and window to the app service:
 * the tray is re-rendered from the very state push that changed the status
 * (and once a second while paused, for the time in the tooltip); each alert
 * becomes a notification (level-3 reminders also flash the tray and bring the
 * window to the front); tray menu actions run as commands or window actions.
 * Plain wiring over ports, so it is tested without Electron; the tooltip's
 * tick runs on the injected clock, so a test drives it by hand.
 */

import type { AppView } from '../../../contract/ipc-contract.ts';
import { systemClock, type Clock, type TimerHandle } from '../../core/ports/clock.ts';
import type { AppService } from './app-service.ts';
import type { Platform } from '../policies/hotkey-policy.ts';
import type { NotifierPort, TrayPort, WindowPort } from '../ports/app-ports.ts';
import { trayModel, type TrayMenuAction, type TrayModel } from '../policies/tray-model.ts';

/** What {@link bindDesktopShell} drives. */
export interface DesktopShellPorts {
  tray: TrayPort;
  notifier: NotifierPort;
  window: WindowPort;
  /** Quits the app (the composition root disposes the service first). */
  quit(): void;
  platform: Platform;
  /** Epoch ms; default the clock's `now`, else `Date.now`. */
  now?: () => number;
  /** Timers of the tooltip's tick; default the system clock. */
  clock?: Clock;
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
  const clock = ports.clock ?? systemClock;
  const now = ports.now ?? (ports.clock ? () => clock.now() : Date.now);
  let last: TrayModel | undefined;
  let view: AppView = service.getState();

  const render = (): void => {
    const model = trayModel({ view, now: now(), platform: ports.platform });
    if (last && JSON.stringify(last) === JSON.stringify(model)) return;
    last = model;
    ports.tray.render(model);
  };
  const ticker = createTicker(clock, ports.tickMs ?? 1_000, render);
  const updateTicker = (): void => ticker.run(view.status === 'paused' && view.pausedSince !== undefined);

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
  ports.tray.onAction((action) => onTrayAction(service, ports, action));
  render();
  updateTicker();

  return {
    lastTrayModel: () => last,
    dispose() {
      unsubscribe();
      unsubscribeAlerts();
      ticker.run(false);
    },
  };
}

/** A tray menu action: a tray command, a window action, sign-out or quit. */
function onTrayAction(service: AppService, ports: DesktopShellPorts, action: TrayMenuAction): void {
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
}

/** A repeating tick on `clock` every `periodMs`, switched on and off by `run`. */
function createTicker(clock: Clock, periodMs: number, tick: () => void): { run(on: boolean): void } {
  let timer: TimerHandle | undefined;
  const arm = (): void => {
    timer = clock.setTimeout(() => {
      tick();
      arm();
    }, periodMs);
  };
  return {
    run(on) {
      if (on && timer === undefined) arm();
      else if (!on && timer !== undefined) {
        clock.clearTimeout(timer);
        timer = undefined;
      }
    },
  };
}
