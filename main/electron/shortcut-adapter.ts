import { app, globalShortcut } from 'electron';
import type { LoggerPort, ShortcutPort } from '../app/ports/app-ports.ts';

/**
 * {@link ShortcutPort} over Electron's `globalShortcut`. Translation only —
 * which accelerator, and what to do when one is taken, is decided by
 * `main/app/policies/hotkey-policy.ts`. It adds the Electron rules:
 * - registration only after `app` is ready (before that Electron cannot
 *   register, so `register` refuses and logs instead of throwing);
 * - `register` never throws: an accelerator Electron cannot parse is a plain
 *   `false`, like one taken by another application;
 * - only accelerators this adapter registered successfully are ever
 *   unregistered (never one we failed to register: it may be another app's);
 * - every shortcut is unregistered on `will-quit`.
 */
export interface ShortcutAdapter extends ShortcutPort {
  /** Unregisters everything and stops listening to `will-quit` (tests, restart). */
  dispose(): void;
}

/** Creates the adapter and hooks `will-quit`. */
export function createShortcutAdapter(logger: LoggerPort): ShortcutAdapter {
  const ours = new Set<string>();
  const onWillQuit = (): void => {
    globalShortcut.unregisterAll();
    ours.clear();
  };
  app.on('will-quit', onWillQuit);
  return {
    register(accelerator, callback) {
      if (!app.isReady()) {
        logger.error('global shortcut registered before the app was ready; refused', { accelerator });
        return false;
      }
      let ok: boolean;
      try {
        ok = globalShortcut.register(accelerator, callback);
      } catch (error) {
        logger.warn('global shortcut not accepted by Electron', {
          accelerator,
          error: error instanceof Error ? error.message : String(error),
        });
        return false;
      }
      if (ok) ours.add(accelerator);
      else logger.warn('global shortcut is taken by another application', { accelerator });
      return ok;
    },
    unregister(accelerator) {
      if (!ours.has(accelerator)) return;
      globalShortcut.unregister(accelerator);
      ours.delete(accelerator);
    },
    isRegistered(accelerator) {
      return ours.has(accelerator) && globalShortcut.isRegistered(accelerator);
    },
    dispose() {
      app.removeListener('will-quit', onWillQuit);
      onWillQuit();
    },
  };
}
