/**
 * The simulator's own timers (event delays, fault delays, a Dial's far end,
 * the demo caller), kept in one place on the injected clock so `close()`
 * cancels every one of them, nothing fires into a closed server, and a test
 * can drive them all by hand.
 */

import type { SimClock, SimTimer } from './clock.ts';

export class Scheduler {
  private readonly timers = new Set<SimTimer>();
  private stopping = false;

  constructor(readonly clock: SimClock) {}

  /** Runs `fn` after `ms` of the clock's time, unless the scheduler has been stopped by then. */
  later(ms: number, fn: () => void): void {
    if (this.stopping) return;
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Resolves after `ms` of the clock's time; never, once stopped (the server is closing). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  /** Cancels every pending timer; later calls to {@link later} do nothing. */
  stop(): void {
    this.stopping = true;
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
  }
}
