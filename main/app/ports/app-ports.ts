/**
 * The small interfaces the desktop shell implements for the app layer.
 *
 * Each port is one Electron API (or one file) seen from the app: the Electron
 * adapters in `main/electron/` implement them by translating to Electron
 * calls and deciding nothing; browser mode and tests implement them with
 * plain objects. Nothing here imports electron.
 */

import type { Settings } from '../../../contract/ipc-contract.ts';
import type { Logger } from '../../core/ports/logging.ts';
import type { DesktopNotification } from '../policies/notification-rules.ts';
import type { TrayMenuAction, TrayModel } from '../policies/tray-model.ts';

/** Result of reading the raw settings file. `data: undefined` = no file yet (first run). */
export type RawSettingsRead = { ok: true; data: unknown } | { ok: false; error: string };

/**
 * Where the user's settings live (electron-store on the desktop, a JSON file
 * in browser mode). The settings layer (`settings.ts`) validates; the store
 * only reads and writes.
 */
export interface SettingsStorePort {
  /**
   * Reads the stored object as it is on disk, unvalidated. A file that is not
   * JSON (or unreadable) is `{ ok: false, error }`, never a throw: the settings
   * layer backs it up and falls back to defaults.
   */
  read(): RawSettingsRead;
  /** Replaces the stored settings with `values` (already validated). */
  write(values: Settings): void;
  /** Absolute path of the settings file (shown in problems, for support). */
  readonly path: string;
  /**
   * Copies the current file aside (e.g. `settings.json.corrupt-<time>.bak`)
   * before it is replaced; returns the backup's path, or `undefined` when
   * there was nothing to back up.
   */
  backup(): string | undefined;
}

/** Where a remembered password is kept: OS-encrypted (`safeStorage`), or memory for this run only. */
export type PasswordStorage = 'safe-storage' | 'memory';

/**
 * The password store. On the desktop: `safeStorage`-encrypted when it is
 * available and not Linux `basic_text`; otherwise memory for the run
 * (`availability()` says which, so the UI can tell the agent). Keyed by
 * account (`<serverUrl>|<username>`). Never logs, never writes settings JSON.
 */
export interface SecretStorePort {
  /** Which storage {@link set} uses now. */
  availability(): PasswordStorage;
  /** The password stored for `account`, if any. */
  get(account: string): Promise<string | undefined>;
  /** Stores `password` for `account`, replacing any previous one. */
  set(account: string, password: string): Promise<void>;
  /** Forgets the password of `account` (no-op when none). */
  delete(account: string): Promise<void>;
}

/**
 * Shows desktop notifications. The adapter translates the model from
 * `notification-rules.ts` (title, body, sound, attention) to an Electron
 * `Notification`; clicking one shows the window (the adapter wires that).
 */
export interface NotifierPort {
  show(notification: DesktopNotification): void;
}

/**
 * The system tray icon. The composition root must keep the adapter (and so
 * the Electron `Tray`) referenced for the app's life, or it is garbage-collected.
 */
export interface TrayPort {
  /** Sets icon, tooltip and menu from the model; called on every status change. */
  render(model: TrayModel): void;
  /** Registers the handler of the menu's actions (one handler; a later call replaces it). */
  onAction(handler: (action: TrayMenuAction) => void): void;
  /** Draws attention (reminder level 3): e.g. alternate the icon for a few seconds. */
  flash(): void;
}

/** OS-wide keyboard shortcuts (Electron `globalShortcut`). */
export interface ShortcutPort {
  /** Registers `accelerator`; false when the OS refused it (taken by another app). Never throws. */
  register(accelerator: string, callback: () => void): boolean;
  /** Unregisters `accelerator` (no-op when not ours). */
  unregister(accelerator: string): void;
  /** True when this app holds `accelerator` now. */
  isRegistered(accelerator: string): boolean;
}

/** The agent window. */
export interface WindowPort {
  /** Shows the window (creating it if needed), without necessarily focusing it. */
  show(): void;
  /** Shows and focuses it, bringing it to the front (second instance, reminder level 3). */
  focus(): void;
  /** Hides it to the tray (closing the window does this). */
  hide(): void;
}

/** Start at login (Electron `app.setLoginItemSettings`). */
export interface LoginItemPort {
  /** Whether the app is registered to start at login. */
  get(): boolean;
  /** Registers or removes the login item; `hidden` starts it without a window. */
  set(openAtLogin: boolean, hidden: boolean): void;
}

/** Log levels, quietest first. */
export type LogLevel = keyof Logger;

/**
 * Where the app writes its diagnostics (the rotating log file on the desktop,
 * stderr in browser mode): the core's own {@link Logger}, so one sink serves
 * both. Implementations redact secrets; callers still never pass a password,
 * cookie, CSRF token or Authorization value.
 */
export type LoggerPort = Logger;

export { silentLogger } from '../../core/ports/logging.ts';
