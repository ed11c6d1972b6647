import type { Clock, TimerHandle } from '../../../main/core/ports/clock.ts';

/**
 * A {@link Clock} whose time only moves when the test calls `advance`, so
 * timeout behaviour is tested exactly and instantly.
 */
export class ManualClock implements Clock {
  #now = 0;
  #timers = new Map<object, { at: number; callback: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = {};
    this.#timers.set(handle, { at: this.#now + ms, callback });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle);
  }

  /** Number of timers still armed. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Due times of the armed timers (this clock's ms), soonest first. */
  dueTimes(): number[] {
    return [...this.#timers.values()].map((t) => t.at).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
    }
    this.#now = until;
  }
}
