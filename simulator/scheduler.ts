/**
 * The simulator's own timers (event delays, fault delays, a Dial's far end),
 * kept in one place so `close()` cancels every one of them and nothing fires
 * into a closed server.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  /** Runs `fn` after `ms`, unless the scheduler has been stopped by then. */
  later(ms: number, fn: () => void): void {
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Cancels every pending timer; later calls to {@link later} do nothing. */
  stop(): void {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
