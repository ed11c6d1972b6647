import { describe, expect, it } from 'vitest';
import type { AppService, AppServiceEvent } from '../../../../main/app/services/app-service.ts';
import { bindDesktopShell } from '../../../../main/app/services/desktop-shell.ts';
import type { DesktopNotification } from '../../../../main/app/policies/notification-rules.ts';
import type { AppView, CommandRequest } from '../../../../contract/ipc-contract.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { testNotifier, testTray, testWindow } from '../in-test-ports.ts';
import { call, view, withCall } from '../views.ts';

/**
 * The shell only needs the service's pushes and a few calls; this in-test
 * service is a plain object that records them (the real service is covered
 * end to end in app-service.test.ts).
 */
function serviceOf(initial: AppView) {
  let state = initial;
  const listeners = new Set<(event: AppServiceEvent) => void>();
  const alertListeners = new Set<(alert: DesktopNotification) => void>();
  const commands: [CommandRequest, string][] = [];
  let signOuts = 0;
  const service = {
    getState: () => state,
    subscribe: (l: (event: AppServiceEvent) => void) => (listeners.add(l), () => listeners.delete(l)),
    subscribeAlerts: (l: (alert: DesktopNotification) => void) => (
      alertListeners.add(l),
      () => alertListeners.delete(l)
    ),
    runCommand: async (request: CommandRequest, source: string) => {
      commands.push([request, source]);
      return { ok: true as const, operation: 'PauseCallRecording' };
    },
    signOut: async () => {
      signOuts += 1;
    },
  } as unknown as AppService;
  return {
    service,
    commands,
    signOuts: () => signOuts,
    push(next: AppView) {
      state = next;
      for (const l of listeners) l({ type: 'state', view: next });
    },
    alert(a: DesktopNotification) {
      for (const l of alertListeners) l(a);
    },
  };
}

const T0 = 1_700_000_000_000;

describe('desktop shell', () => {
  it('renders the tray at once and again on the very push that changes the status', () => {
    const s = serviceOf(withCall(call()));
    const tray = testTray();
    const shell = bindDesktopShell(s.service, {
      tray,
      notifier: testNotifier(),
      window: testWindow(),
      platform: 'linux',
      quit: () => undefined,
      now: () => T0,
    });
    expect(tray.models.map((m) => m.iconId)).toEqual(['recording']);
    s.push(withCall(call({ recording: 'pausing' })));
    expect(tray.models.map((m) => m.iconId)).toEqual(['recording', 'pending']); // synchronously
    s.push(withCall(call({ recording: 'pausing' }), { at: T0 + 5 })); // same model: not re-rendered
    expect(tray.models).toHaveLength(2);
    shell.dispose();
  });

  it('ticks the paused time in the tooltip while paused, and stops after', () => {
    const clock = new ManualClock();
    clock.advance(T0);
    const s = serviceOf(view());
    const tray = testTray();
    const shell = bindDesktopShell(s.service, {
      tray,
      notifier: testNotifier(),
      window: testWindow(),
      platform: 'linux',
      quit: () => undefined,
      clock,
      tickMs: 1_000,
    });
    expect(clock.pending).toBe(0); // not paused: no tick
    s.push(withCall(call({ recording: 'paused', pausedSince: T0 })));
    expect(tray.models.at(-1)?.tooltip).toMatch(/Paused for 0:00/);
    clock.advance(65_000);
    expect(tray.models.at(-1)?.tooltip).toMatch(/Paused for 1:05/);
    s.push(withCall(call()));
    const count = tray.models.length;
    expect(clock.pending).toBe(0); // recording again: the tick is off
    clock.advance(65_000);
    expect(tray.models).toHaveLength(count);
    shell.dispose();
  });

  it('stops ticking when disposed while paused', () => {
    const clock = new ManualClock();
    clock.advance(T0);
    const s = serviceOf(withCall(call({ recording: 'paused', pausedSince: T0 })));
    const tray = testTray();
    const shell = bindDesktopShell(s.service, {
      tray,
      notifier: testNotifier(),
      window: testWindow(),
      platform: 'linux',
      quit: () => undefined,
      clock,
    });
    expect(clock.pending).toBe(1);
    shell.dispose();
    expect(clock.pending).toBe(0);
    const count = tray.models.length;
    clock.advance(10_000);
    expect(tray.models).toHaveLength(count);
  });

  it('alerts become notifications; a flash alert also flashes the tray and brings the window forward', () => {
    const s = serviceOf(view());
    const tray = testTray();
    const notifier = testNotifier();
    const window = testWindow();
    bindDesktopShell(s.service, { tray, notifier, window, platform: 'linux', quit: () => undefined });
    const base = { severity: 'warning' as const, title: 't', body: 'b', sound: false };
    s.alert({ ...base, code: 'reminder', attention: 'none' });
    expect(tray.flashes).toBe(0);
    s.alert({ ...base, code: 'reminder', attention: 'flash', sound: true });
    expect(notifier.shown.map((n) => n.attention)).toEqual(['none', 'flash']);
    expect(tray.flashes).toBe(1);
    expect(window.actions).toEqual(['focus']);
  });

  it('tray menu actions: toggle as a tray command, show window, sign out, quit', () => {
    const s = serviceOf(withCall(call()));
    const tray = testTray();
    const window = testWindow();
    let quits = 0;
    bindDesktopShell(s.service, {
      tray,
      notifier: testNotifier(),
      window,
      platform: 'linux',
      quit: () => void quits++,
    });
    tray.click('toggle');
    tray.click('show-window');
    tray.click('sign-out');
    tray.click('quit');
    expect(s.commands).toEqual([[{ name: 'toggle' }, 'tray']]);
    expect(window.actions).toEqual(['focus']);
    expect(s.signOuts()).toBe(1);
    expect(quits).toBe(1);
  });
});
