import { app, Notification } from 'electron';
import type { DesktopNotification } from '../app/policies/notification-rules.ts';
import type { LoggerPort, NotifierPort } from '../app/ports/app-ports.ts';

/**
 * {@link NotifierPort} over Electron's `Notification`: copies the model of
 * `main/app/policies/notification-rules.ts` (title, body, sound, severity) onto a
 * native notification; whether to notify at all is decided there.
 *
 * Windows shows nothing unless the app has an AppUserModelId, so it is set
 * here on `win32` (the same id as electron-builder's `appId`). Clicking a
 * notification calls `onClick` (the composition root shows the window).
 * Shown notifications are kept referenced until closed or clicked: a
 * garbage-collected `Notification` loses its click handler.
 */
export interface NotifierAdapterOptions {
  /** The app id (`appId` of electron-builder.yml), used as AppUserModelId on Windows. */
  appId: string;
  platform: NodeJS.Platform;
  /** The user clicked a notification. */
  onClick: (notification: DesktopNotification) => void;
  logger: LoggerPort;
}

/** How many shown notifications stay referenced at most (older ones are let go). */
const KEEP = 20;

/** Creates the notifier; sets the AppUserModelId on Windows at once. */
export function createNotifierAdapter(options: NotifierAdapterOptions): NotifierPort {
  if (options.platform === 'win32') app.setAppUserModelId(options.appId);
  const live = new Set<Notification>();
  return {
    show(model) {
      if (!Notification.isSupported()) {
        options.logger.warn('desktop notifications are not supported here', { code: model.code });
        return;
      }
      const notification = new Notification({
        title: model.title,
        body: model.body,
        silent: !model.sound,
        urgency: model.severity === 'error' ? 'critical' : 'normal',
      });
      const release = (): void => {
        live.delete(notification);
      };
      notification.on('click', () => {
        release();
        options.onClick(model);
      });
      notification.on('close', release);
      live.add(notification);
      if (live.size > KEEP) live.delete(live.values().next().value as Notification);
      notification.show();
    },
  };
}
