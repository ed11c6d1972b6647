import { beforeEach, describe, expect, it } from 'vitest';
import { watchPowerAndNetwork } from '../../../main/electron/power-adapter.ts';
import { net, powerMonitor, resetElectronFake } from '../../fakes/electron-fake.ts';

beforeEach(() => resetElectronFake());

function manualInterval() {
  let tick: (() => void) | undefined;
  return {
    timers: {
      setInterval: ((fn: () => void) => {
        tick = fn;
        return {} as NodeJS.Timeout;
      }) as unknown as typeof setInterval,
      clearInterval: (() => (tick = undefined)) as typeof clearInterval,
    },
    tick: () => tick?.(),
    running: () => tick !== undefined,
  };
}

describe('power adapter (powerMonitor, net)', () => {
  it('resume and unlock-screen reconnect at once', () => {
    const wakes: string[] = [];
    const clock = manualInterval();
    watchPowerAndNetwork({ onWake: (r) => wakes.push(r), timers: clock.timers });
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    powerMonitor.emit('suspend');
    expect(wakes).toEqual(['resume', 'unlock-screen']);
  });

  it('the network coming back (offline → online) reconnects once; staying online does not', () => {
    const wakes: string[] = [];
    const clock = manualInterval();
    watchPowerAndNetwork({ onWake: (r) => wakes.push(r), timers: clock.timers });
    clock.tick();
    net.online = false;
    clock.tick();
    expect(wakes).toEqual([]);
    net.online = true;
    clock.tick();
    clock.tick();
    expect(wakes).toEqual(['online']);
  });

  it('stop removes the listeners and the poll', () => {
    const wakes: string[] = [];
    const clock = manualInterval();
    const stop = watchPowerAndNetwork({ onWake: (r) => wakes.push(r), timers: clock.timers });
    stop();
    powerMonitor.emit('resume');
    expect(wakes).toEqual([]);
    expect(clock.running()).toBe(false);
    expect(powerMonitor.listenerCount('resume')).toBe(0);
  });
});
