/**
 * The simulator's time, injectable so tests drive its timers (a Dial's far
 * end, event and fault delays, the demo caller, session idle expiry) by hand
 * instead of waiting. Structurally the same as the app's `Clock`, so one
 * manual test clock serves both, but defined here: the simulator never imports
 * the app.
 */

/** Opaque handle returned by {@link SimClock.setTimeout}. */
export type SimTimer = object;

/**
 * Contract: `setTimeout` runs `callback` once, no earlier than `ms` of this
 * clock's time from now, unless `clearTimeout` is called first; `now()` is
 * epoch milliseconds (call durations, session idle times and recording file
 * names read it as a date).
 */
export interface SimClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): SimTimer;
  clearTimeout(handle: SimTimer): void;
}

/**
 * Real time: wall-clock epoch milliseconds, as a server stamps its data, and
 * Node timers that do not hold the process open by themselves (the listening
 * socket does, while the simulator runs).
 */
export const systemClock: SimClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
