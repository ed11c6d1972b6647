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
 * `clearTimeout` is called first; `now()` is monotonic milliseconds.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock: `performance.now()` for time (monotonic, immune to wall-clock
 * jumps) and Node timers that do not keep the process alive on their own, so a
 * stopped core never holds the event loop open.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
