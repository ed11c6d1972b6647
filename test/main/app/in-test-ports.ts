/**
 * Tiny plain-object implementations of the app's ports for tests: not
 * Electron fakes (the app layer never sees Electron), just recorders with the
 * behaviour the ports promise.
 */

import type { DesktopNotification } from '../../../main/app/policies/notification-rules.ts';
import type { NotifierPort, ShortcutPort, TrayPort, WindowPort } from '../../../main/app/ports/app-ports.ts';
import type { TrayMenuAction, TrayModel } from '../../../main/app/policies/tray-model.ts';

/** A shortcut registry where some accelerators are "taken by another app". */
export function testShortcuts(taken: Iterable<string> = []) {
  const takenSet = new Set(taken);
  const registered = new Map<string, () => void>();
  const calls: string[] = [];
  const port: ShortcutPort & {
    registered: Map<string, () => void>;
    taken: Set<string>;
    calls: string[];
    press(accelerator: string): boolean;
  } = {
    registered,
    taken: takenSet,
    calls,
    register(accelerator, callback) {
      calls.push(`register ${accelerator}`);
      if (takenSet.has(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister(accelerator) {
      calls.push(`unregister ${accelerator}`);
      registered.delete(accelerator);
    },
    isRegistered: (accelerator) => registered.has(accelerator),
    /** Presses the key combination; true when one of ours fired. */
    press(accelerator) {
      const callback = registered.get(accelerator);
      callback?.();
      return callback !== undefined;
    },
  };
  return port;
}

/** Records every tray model, flash and lets a test click a menu item. */
export function testTray() {
  const models: TrayModel[] = [];
  let handler: ((action: TrayMenuAction) => void) | undefined;
  const tray: TrayPort & { models: TrayModel[]; flashes: number; click(action: TrayMenuAction): void } = {
    models,
    flashes: 0,
    render: (model) => void models.push(model),
    onAction: (h) => {
      handler = h;
    },
    flash() {
      tray.flashes += 1;
    },
    click: (action) => handler?.(action),
  };
  return tray;
}

/** Records notifications. */
export function testNotifier(): NotifierPort & { shown: DesktopNotification[] } {
  const shown: DesktopNotification[] = [];
  return { shown, show: (n) => void shown.push(n) };
}

/** Records window actions. */
export function testWindow(): WindowPort & { actions: string[] } {
  const actions: string[] = [];
  return {
    actions,
    show: () => void actions.push('show'),
    focus: () => void actions.push('focus'),
    hide: () => void actions.push('hide'),
  };
}
