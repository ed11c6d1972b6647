import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TrayMenuAction, TrayModel } from '../../../main/app/policies/tray-model.ts';
import { createTrayAdapter } from '../../../main/electron/tray-adapter.ts';
import { resetElectronFake, trays } from '../../fakes/electron-fake.ts';
import { collectingLogger } from '../app/helpers.ts';

const appPath = fileURLToPath(new URL('../../..', import.meta.url));

beforeEach(() => resetElectronFake());

function model(iconId: TrayModel['iconId'], tooltip: string, toggleEnabled = true): TrayModel {
  return {
    iconId,
    tooltip,
    menu: [
      { kind: 'item', action: 'toggle', label: 'Pause recording (Ctrl+Alt+P)', enabled: toggleEnabled },
      { kind: 'item', action: 'show-window', label: 'Show window', enabled: true },
      { kind: 'separator' },
      { kind: 'item', action: 'sign-out', label: 'Sign out', enabled: true },
      { kind: 'item', action: 'quit', label: 'Quit', enabled: true },
    ],
  };
}

function manualTimers() {
  let tick: (() => void) | undefined;
  return {
    timers: {
      setInterval: ((fn: () => void) => {
        tick = fn;
        return { unref() {} } as unknown as NodeJS.Timeout;
      }) as unknown as typeof setInterval,
      clearInterval: (() => {
        tick = undefined;
      }) as typeof clearInterval,
    },
    tick: () => tick?.(),
    running: () => tick !== undefined,
  };
}

describe('tray adapter (Tray, Menu, nativeImage)', () => {
  it('creates one Tray with the shipped PNG for the status, resolved from the app path (Linux 32 px)', () => {
    const logger = collectingLogger();
    createTrayAdapter(
      { appPath, platform: 'linux', logger },
      model('recording', 'GWS Secure Pause: Recording'),
    );
    expect(trays).toHaveLength(1);
    const tray = trays[0]!;
    expect(tray.fakeImage.path).toBe(join(appPath, 'assets/tray/recording-32.png'));
    expect(tray.fakeImage.isEmpty()).toBe(false);
    expect(tray.toolTip).toBe('GWS Secure Pause: Recording');
    expect(tray.menu?.labels()).toEqual([
      'Pause recording (Ctrl+Alt+P)',
      'Show window',
      '---',
      'Sign out',
      'Quit',
    ]);
    expect(logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('macOS gets the template image, marked as template; Windows the 16 px PNG', () => {
    createTrayAdapter({ appPath, platform: 'darwin', logger: collectingLogger() }, model('paused', 'p'));
    expect(trays[0]!.fakeImage.path).toBe(join(appPath, 'assets/tray/pausedTemplate.png'));
    expect(trays[0]!.fakeImage.isTemplateImage()).toBe(true);
    expect(trays[0]!.fakeImage.isEmpty()).toBe(false);
    createTrayAdapter({ appPath, platform: 'win32', logger: collectingLogger() }, model('paused', 'p'));
    expect(trays[1]!.fakeImage.path).toBe(join(appPath, 'assets/tray/paused-16.png'));
  });

  it('a missing icon file is logged as an error (never a silent blank tray)', () => {
    const logger = collectingLogger();
    createTrayAdapter({ appPath: '/nonexistent', platform: 'linux', logger }, model('recording', 'r'));
    expect(logger.lines.join('\n')).toMatch(/tray icon file missing/);
  });

  it('render swaps icon and tooltip with the status, and rebuilds the menu only when it changed', () => {
    const adapter = createTrayAdapter(
      { appPath, platform: 'linux', logger: collectingLogger() },
      model('recording', 'Recording'),
    );
    const tray = trays[0]!;
    const firstMenu = tray.menu;
    adapter.render(model('pending', 'Pausing…'));
    expect(tray.fakeImage.path).toMatch(/pending-32\.png$/);
    expect(tray.menu).toBe(firstMenu);
    adapter.render(model('paused', 'Paused for 0:01', true));
    expect(tray.fakeImage.path).toMatch(/paused-32\.png$/);
    expect(tray.toolTip).toBe('Paused for 0:01');
    adapter.render(model('paused', 'Paused for 0:02', false));
    expect(tray.menu).not.toBe(firstMenu);
    expect(tray.menu?.item('Pause recording')?.enabled).toBe(false);
  });

  it('menu items and a click on the icon reach the action handler', () => {
    const adapter = createTrayAdapter(
      { appPath, platform: 'win32', logger: collectingLogger() },
      model('recording', 'r'),
    );
    const actions: TrayMenuAction[] = [];
    adapter.onAction((a) => actions.push(a));
    const tray = trays[0]!;
    tray.menu?.click('Pause recording');
    tray.menu?.click('Sign out');
    tray.menu?.click('Quit');
    tray.emit('click');
    expect(actions).toEqual(['toggle', 'sign-out', 'quit', 'show-window']);
  });

  it('flash alternates the icon with a blank and ends on the current status icon', () => {
    const clock = manualTimers();
    const adapter = createTrayAdapter(
      { appPath, platform: 'linux', logger: collectingLogger(), timers: clock.timers },
      model('paused', 'p'),
    );
    const tray = trays[0]!;
    adapter.flash();
    clock.tick();
    expect(tray.fakeImage.isEmpty()).toBe(true);
    adapter.render(model('recording', 'r'));
    for (let i = 0; i < 10 && clock.running(); i++) clock.tick();
    expect(clock.running()).toBe(false);
    expect(tray.fakeImage.path).toMatch(/recording-32\.png$/);
  });

  it('destroy removes the icon', () => {
    const adapter = createTrayAdapter(
      { appPath, platform: 'linux', logger: collectingLogger() },
      model('recording', 'r'),
    );
    adapter.destroy();
    expect(trays[0]!.isDestroyed()).toBe(true);
  });
});
