/**
 * The global hotkey's life in the app: registered from the saved settings on
 * every way into a session (first start, the demo, a sign-in from the
 * window), changed from the settings, and unregistered at quit, never
 * unregistering what it did not register. It stays registered while signed
 * out, so a press then says "Signed out: nothing was sent" instead of going
 * silently to another application. A problem (taken by another app, not
 * valid) is reported once per accelerator when it is only being re-bound, and
 * every time the agent asks for a change. Browser mode has no shortcuts: every
 * call is a no-op there.
 */

import type { HotkeyView } from '../../../contract/ipc-contract.ts';
import {
  createHotkeyManager,
  formatAccelerator,
  type HotkeyApplyResult,
  type HotkeyManager,
  type Platform,
} from '../policies/hotkey-policy.ts';
import { notificationForHotkeyProblem, type DesktopNotification } from '../policies/notification-rules.ts';
import type { ShortcutPort } from '../ports/app-ports.ts';

/** Dependencies of {@link createHotkeyBinder}. */
export interface HotkeyBinderDeps {
  /** The OS-wide shortcuts; absent in browser mode. */
  shortcuts: ShortcutPort | undefined;
  platform: Platform;
  /** What a press does (the toggle command). */
  onPress(): void;
  /** Tells the agent about a problem. */
  alert(notification: DesktopNotification): void;
  /** The view changed (registered, problem). */
  changed(): void;
}

/** The binder of {@link createHotkeyBinder}. */
export interface HotkeyBinder {
  /** Makes sure `accelerator` is registered (start, demo, sign-in); quiet when it already is. */
  bind(accelerator: string): void;
  /** The agent changes the hotkey: the new one is registered before the old one goes; a problem is always told. */
  change(accelerator: string): HotkeyApplyResult;
  /** The hotkey's state for the view; `undefined` without shortcuts. */
  view(): HotkeyView | undefined;
  /** The registered hotkey as the agent reads it (`Ctrl+Alt+P`). */
  words(): string | undefined;
  /** Unregisters what was registered (quit). */
  release(): void;
}

/** Builds the binder; nothing is registered until {@link HotkeyBinder.bind}. */
export function createHotkeyBinder(deps: HotkeyBinderDeps): HotkeyBinder {
  const manager: HotkeyManager | undefined = deps.shortcuts
    ? createHotkeyManager(deps.shortcuts, deps.onPress)
    : undefined;
  /** The accelerator whose problem was last told, so a re-bind does not repeat it. */
  let told: string | undefined;

  const words = (): string | undefined => {
    const state = manager?.state();
    return state?.registered ? formatAccelerator(state.accelerator, deps.platform) : undefined;
  };
  const apply = (hotkeys: HotkeyManager, accelerator: string, always: boolean): HotkeyApplyResult => {
    const previous = words();
    const result = hotkeys.apply(accelerator);
    if (result.ok) told = undefined;
    else if (always || told !== accelerator) {
      told = accelerator;
      deps.alert(notificationForHotkeyProblem(accelerator, result.code, previous));
    }
    deps.changed();
    return result;
  };

  return {
    bind(accelerator) {
      if (manager) apply(manager, accelerator, false);
    },
    change(accelerator) {
      return manager ? apply(manager, accelerator, true) : { ok: true, accelerator };
    },
    view: () => manager?.state(),
    words,
    release: () => manager?.unregisterAll(),
  };
}
