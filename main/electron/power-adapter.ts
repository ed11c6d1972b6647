import { net, powerMonitor } from 'electron';

/**
 * Wake-ups that should rebuild the notification stream at once instead of
 * waiting for the core's watchdog (a laptop that slept would otherwise take
 * ≥ 45 s to notice): `powerMonitor` `resume` and `unlock-screen`, and the
 * network coming back. The main process has no "online" event, so
 * `net.isOnline()` is sampled every `pollMs` and an offline → online edge
 * counts. The callback is the session controller's `reconnectNow()`.
 */
export interface PowerWatchOptions {
  /** Called with what woke us: `resume`, `unlock-screen` or `online`. */
  onWake: (reason: 'resume' | 'unlock-screen' | 'online') => void;
  /** Network sampling period (default 5 s). */
  pollMs?: number;
  timers?: { setInterval: typeof setInterval; clearInterval: typeof clearInterval };
}

/** Starts watching; returns the function that stops it. Call after `app` is ready. */
export function watchPowerAndNetwork(options: PowerWatchOptions): () => void {
  const timers = options.timers ?? { setInterval, clearInterval };
  const onResume = (): void => options.onWake('resume');
  const onUnlock = (): void => options.onWake('unlock-screen');
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onUnlock);
  let online = net.isOnline();
  const poll = timers.setInterval(() => {
    const now = net.isOnline();
    if (now && !online) options.onWake('online');
    online = now;
  }, options.pollMs ?? 5_000);
  poll.unref?.();
  return () => {
    powerMonitor.removeListener('resume', onResume);
    powerMonitor.removeListener('unlock-screen', onUnlock);
    timers.clearInterval(poll);
  };
}
