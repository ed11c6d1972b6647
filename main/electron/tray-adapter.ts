import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { LoggerPort, TrayPort } from '../app/ports/app-ports.ts';
import { trayIconPath, type TrayIconId } from '../app/policies/tray-icon-paths.ts';
import type { TrayMenuAction, TrayModel } from '../app/policies/tray-model.ts';

/**
 * {@link TrayPort} over Electron's `Tray`: copies the tray model of
 * `main/app/policies/tray-model.ts` (icon id, tooltip, menu) onto the one `Tray`.
 * What to show is decided there; this only resolves files and calls Electron.
 *
 * - The `Tray` is held by this adapter (and the composition root holds the
 *   adapter for the app's life): an unreferenced `Tray` is garbage-collected
 *   and vanishes from the taskbar.
 * - Icons are resolved against `app.getAppPath()` (they ship inside the asar),
 *   via `trayIconPath`: PNG on Windows and Linux (Linux needs PNG), the
 *   `…Template.png` template image on macOS, marked as a template.
 * - Unchanged parts are not re-sent: the same icon is not set twice, the menu
 *   is rebuilt only when its items change.
 * - Clicking the icon (Windows, macOS) is the `show-window` action.
 */
export interface TrayAdapterOptions {
  /** `app.getAppPath()`. */
  appPath: string;
  platform: NodeJS.Platform;
  logger: LoggerPort;
  /** Timers for {@link TrayPort.flash} (tests inject theirs). */
  timers?: { setInterval: typeof setInterval; clearInterval: typeof clearInterval };
}

/** The tray adapter; `destroy()` removes the icon (on quit). */
export interface TrayAdapter extends TrayPort {
  destroy(): void;
}

/** Pixel size of the 1x tray PNG: 16 on Windows, 32 on Linux (indicators scale it down, never up). */
function iconSize(platform: NodeJS.Platform): 16 | 32 {
  return platform === 'linux' ? 32 : 16;
}

/** Creates the `Tray` (call after `app` is ready) showing `initial`. */
export function createTrayAdapter(options: TrayAdapterOptions, initial: TrayModel): TrayAdapter {
  const { platform, logger } = options;
  const timers = options.timers ?? { setInterval, clearInterval };
  const images = new Map<TrayIconId, NativeImage>();
  const image = (id: TrayIconId): NativeImage => {
    let loaded = images.get(id);
    if (!loaded) {
      const file = join(options.appPath, trayIconPath(id, platform, 1, iconSize(platform)));
      loaded = nativeImage.createFromPath(file);
      if (loaded.isEmpty()) logger.error('tray icon file missing or unreadable', { file });
      if (platform === 'darwin') loaded.setTemplateImage(true);
      images.set(id, loaded);
    }
    return loaded;
  };

  let handler: (action: TrayMenuAction) => void = () => undefined;
  let shownIcon: TrayIconId = initial.iconId;
  let menuKey = '';
  let flashing: ReturnType<typeof setInterval> | undefined;
  const tray = new Tray(image(initial.iconId));
  tray.on('click', () => handler('show-window'));

  const setMenu = (model: TrayModel): void => {
    const key = JSON.stringify(model.menu);
    if (key === menuKey) return;
    menuKey = key;
    const template: MenuItemConstructorOptions[] = model.menu.map((item) =>
      item.kind === 'separator'
        ? { type: 'separator' }
        : { label: item.label, enabled: item.enabled, click: () => handler(item.action) },
    );
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };

  const render = (model: TrayModel): void => {
    if (model.iconId !== shownIcon) {
      shownIcon = model.iconId;
      if (!flashing) tray.setImage(image(model.iconId));
    }
    tray.setToolTip(model.tooltip);
    setMenu(model);
  };
  render(initial);

  return {
    render,
    onAction(next) {
      handler = next;
    },
    flash() {
      if (flashing || tray.isDestroyed()) return;
      let ticks = 0;
      flashing = timers.setInterval(() => {
        ticks += 1;
        const done = ticks >= 8;
        tray.setImage(done || ticks % 2 === 0 ? image(shownIcon) : nativeImage.createEmpty());
        if (done) {
          timers.clearInterval(flashing);
          flashing = undefined;
        }
      }, 400);
    },
    destroy() {
      if (flashing) timers.clearInterval(flashing);
      flashing = undefined;
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
