import { beforeEach, describe, expect, it } from 'vitest';
import type { DesktopNotification } from '../../../main/app/policies/notification-rules.ts';
import { createNotifierAdapter } from '../../../main/electron/notifier-adapter.ts';
import { app, FakeNotification, notifications, resetElectronFake } from '../../fakes/electron-fake.ts';
import { collectingLogger } from '../app/helpers.ts';

beforeEach(() => resetElectronFake());

const paused: DesktopNotification = {
  code: 'recording-paused',
  severity: 'info',
  title: 'Recording paused',
  body: 'Press Ctrl+Alt+P to resume.',
  callId: 'c1',
  sound: false,
  attention: 'none',
};

describe('notifier adapter (Notification)', () => {
  it('sets the AppUserModelId on Windows only (without it Windows shows nothing)', () => {
    createNotifierAdapter({
      appId: 'com.example.gws',
      platform: 'win32',
      onClick: () => undefined,
      logger: collectingLogger(),
    });
    expect(app.appUserModelIds).toEqual(['com.example.gws']);
    resetElectronFake();
    createNotifierAdapter({
      appId: 'com.example.gws',
      platform: 'linux',
      onClick: () => undefined,
      logger: collectingLogger(),
    });
    expect(app.appUserModelIds).toEqual([]);
  });

  it('shows the model’s title and body; silent unless the model asks for sound; errors are critical', () => {
    const notifier = createNotifierAdapter({
      appId: 'x',
      platform: 'linux',
      onClick: () => undefined,
      logger: collectingLogger(),
    });
    notifier.show(paused);
    notifier.show({
      ...paused,
      code: 'reminder',
      severity: 'error',
      sound: true,
      title: 'Recording still paused',
    });
    expect(notifications.map((n) => [n.title, n.body, n.options.silent, n.options.urgency])).toEqual([
      ['Recording paused', 'Press Ctrl+Alt+P to resume.', true, 'normal'],
      ['Recording still paused', 'Press Ctrl+Alt+P to resume.', false, 'critical'],
    ]);
  });

  it('clicking a notification reports which one (the composition root shows the window)', () => {
    const clicked: string[] = [];
    const notifier = createNotifierAdapter({
      appId: 'x',
      platform: 'darwin',
      onClick: (n) => clicked.push(n.code),
      logger: collectingLogger(),
    });
    notifier.show(paused);
    notifications[0]?.click();
    expect(clicked).toEqual(['recording-paused']);
  });

  it('where notifications are unsupported it logs instead of throwing', () => {
    FakeNotification.supported = false;
    const logger = collectingLogger();
    const notifier = createNotifierAdapter({
      appId: 'x',
      platform: 'linux',
      onClick: () => undefined,
      logger,
    });
    notifier.show(paused);
    expect(notifications).toHaveLength(0);
    expect(logger.lines.join('\n')).toMatch(/not supported.*recording-paused/);
  });
});

describe('the AppUserModelId', () => {
  it('is electron-builder’s appId (Windows matches toasts to the installed shortcut by it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { APP_ID } = await import('../../../main/index.ts');
    const yml = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
    expect(/^appId:\s*(\S+)\s*$/m.exec(yml)?.[1]).toBe(APP_ID);
  });
});
