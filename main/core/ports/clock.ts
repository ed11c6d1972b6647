/**
 * Time as an injectable dependency. Every timer in the core (recording-op
 * timeouts, the Bayeux watchdog, reconnect back-off) goes through a {@link Clock}
 * so unit tests can drive time by hand instead of sleeping.
 */

/** Opaque handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/**
 * The scheduler the core uses. Contract: `setTimeout` runs `callback` once,
 * no earlier than `ms` milliseconds of this clock's time from now, unless
 * `clearTimeout` is called first; `now()` is monotonic milliseconds (the
 * system clock's are epoch-based, see {@link systemClock}).
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock: epoch milliseconds that never jump (`performance.timeOrigin`
 * plus the monotonic `performance.now()`, immune to wall-clock changes), so
 * snapshot times (`at`, `pausedSince`) read as dates and differences stay
 * exact; and Node timers that do not keep the process alive on their own, so a
 * stopped core never holds the event loop open.
 */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
