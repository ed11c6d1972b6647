/**
 * Schedules the core's REST re-reads of the agent's calls (and devices):
 * coalesced (one read in flight; requests that arrive meanwhile cause exactly
 * one more), retried with back-off after a failure until one succeeds — so an
 * `unknown` or `stale` state is never a dead end — and a steady reconcile
 * cadence while the owner says there is something to reconcile.
 */

import type { Clock, TimerHandle } from '../ports/clock.ts';

/** Construction options of {@link StateReader}. */
export interface StateReaderOptions {
  clock: Clock;
  /** One read; `full` adds devices to the calls. Resolves true on success. Must not throw. */
  read(full: boolean): Promise<boolean>;
  /** Reconcile cadence: a calls read this long after the last one, while {@link StateReaderOptions.wanted}. */
  intervalMs: number;
  /** True while a reconcile cadence is needed (live, with calls). */
  wanted(): boolean;
  /**
   * False when no read may be sent at all (e.g. the server refused the
   * credentials: retrying would repeat refused sign-ins and could lock the
   * account). Pending requests then resolve `false` and retries stop.
   */
  allowed?(): boolean;
  /** First retry delay after a failed read (doubles up to `maxBackoffMs`). */
  backoffMs?: number;
  /** Ceiling of the retry delay. */
  maxBackoffMs: number;
}

/** See the module comment. */
export class StateReader {
  readonly #options: StateReaderOptions;
  #running = false;
  #dirty = false;
  #full = false;
  #stopped = false;
  /** Waiters of the next read that begins, with the result of that read. */
  #waiters: ((ok: boolean) => void)[] = [];
  #backoff: { timer: TimerHandle; wake: () => void } | undefined;
  #cadence: TimerHandle | undefined;

  constructor(options: StateReaderOptions) {
    this.#options = options;
  }

  /**
   * Asks for a read (a full one when `full`); resolves with the outcome of the
   * first read that begins after this call. `urgent` cuts a back-off wait short
   * (a command is waiting for the answer).
   */
  request(full: boolean, urgent = false): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    this.#dirty = true;
    this.#full ||= full;
    const result = new Promise<boolean>((resolve) => this.#waiters.push(resolve));
    if (urgent) this.#backoff?.wake();
    if (!this.#running) {
      this.#running = true;
      queueMicrotask(() => void this.#loop());
    }
    return result;
  }

  /** Re-arms (or clears) the reconcile cadence after a change of what is wanted. */
  schedule(): void {
    if (this.#stopped || !this.#options.wanted()) {
      this.#clearCadence();
      return;
    }
    if (this.#cadence !== undefined || this.#running) return;
    this.#cadence = this.#options.clock.setTimeout(() => {
      this.#cadence = undefined;
      if (this.#options.wanted()) void this.request(false);
    }, this.#options.intervalMs);
  }

  /** Stops reading for good; pending waiters get `false`. */
  stop(): void {
    this.#stopped = true;
    this.#clearCadence();
    this.#backoff?.wake();
    for (const waiter of this.#waiters.splice(0)) waiter(false);
  }

  async #loop(): Promise<void> {
    let failures = 0;
    try {
      while (this.#dirty && !this.#stopped) {
        if (this.#options.allowed?.() === false) {
          this.#dirty = false;
          for (const waiter of this.#waiters.splice(0)) waiter(false);
          break;
        }
        this.#dirty = false;
        const full = this.#full;
        this.#full = false;
        this.#clearCadence();
        const waiters = this.#waiters.splice(0);
        const ok = await this.#options.read(full);
        for (const waiter of waiters) waiter(ok);
        if (ok) {
          failures = 0;
          continue;
        }
        // Until one read succeeds the state stays unverified: retry, backing off.
        this.#dirty = true;
        this.#full ||= full;
        const base = this.#options.backoffMs ?? 250;
        await this.#pause(Math.min(base * 2 ** failures, this.#options.maxBackoffMs));
        failures += 1;
      }
    } finally {
      this.#running = false;
      if (this.#stopped) for (const waiter of this.#waiters.splice(0)) waiter(false);
    }
    this.schedule();
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        if (this.#backoff?.timer === timer) this.#backoff = undefined;
        this.#options.clock.clearTimeout(timer);
        resolve();
      };
      const timer = this.#options.clock.setTimeout(wake, ms);
      this.#backoff = { timer, wake };
    });
  }

  #clearCadence(): void {
    if (this.#cadence !== undefined) this.#options.clock.clearTimeout(this.#cadence);
    this.#cadence = undefined;
  }
}
