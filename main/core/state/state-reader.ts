/**
 * Schedules the core's REST re-reads of the agent's calls (and devices):
 * coalesced (one read in flight; requests that arrive meanwhile cause exactly
 * one more), retried with back-off after a failure until one succeeds — so an
 * `unknown` or `stale` state is never a dead end — and a reconcile cadence
 * whose length the owner chooses from moment to moment (fast while a pause is
 * at stake, slow while every call plainly records or not). This is the core's
 * one retry loop for reads; it backs off on the injected clock through
 * `ports/backoff.ts`, so tests drive it by hand.
 */

import { backoffDelay, createWakeableSleep } from '../ports/backoff.ts';
import type { Clock, TimerHandle } from '../ports/clock.ts';

/** Construction options of {@link StateReader}. */
export interface StateReaderOptions {
  clock: Clock;
  /** One read; `full` adds devices to the calls. Resolves true on success. Must not throw. */
  read(full: boolean): Promise<boolean>;
  /**
   * The reconcile cadence wanted now: a calls read this long after the last
   * one; `undefined` while none is needed (not live, no calls). Asked again at
   * every {@link StateReader.schedule}, so a shorter cadence takes over at once.
   */
  cadenceMs(): number | undefined;
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
  readonly #backoff: ReturnType<typeof createWakeableSleep>;
  /** Clock ms the last read ended (whatever its outcome). */
  #lastReadAt = -Infinity;
  /** The armed cadence read and when it is due (clock ms). */
  #cadence: { timer: TimerHandle; dueAt: number } | undefined;

  constructor(options: StateReaderOptions) {
    this.#options = options;
    this.#backoff = createWakeableSleep(options.clock);
  }

  /** False while no read may be sent (see {@link StateReaderOptions.allowed}). */
  get allowed(): boolean {
    return this.#options.allowed?.() !== false;
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
    if (urgent) this.#backoff.wake();
    if (!this.#running) {
      this.#running = true;
      queueMicrotask(() => void this.#loop());
    }
    return result;
  }

  /**
   * Re-arms (or clears) the reconcile cadence after a change of what is
   * wanted. The next read is due `cadenceMs()` after the last read, but never
   * later than `cadenceMs()` from now when the cadence just got shorter (a
   * pause was confirmed: the short bound starts now, not in the past — and no
   * read is spent at once) and never earlier than that when it got longer (the
   * last pause ended: a fast read armed earlier is pushed back).
   */
  schedule(): void {
    const ms = this.#stopped ? undefined : this.#options.cadenceMs();
    if (ms === undefined) {
      this.#clearCadence();
      return;
    }
    if (this.#running) return;
    const now = this.#options.clock.now();
    const soonest = Math.min(this.#cadence?.dueAt ?? Infinity, now + ms);
    const dueAt = Math.max(this.#lastReadAt + ms, soonest);
    if (this.#cadence?.dueAt === dueAt) return;
    this.#clearCadence();
    const timer = this.#options.clock.setTimeout(
      () => {
        this.#cadence = undefined;
        if (this.#options.cadenceMs() !== undefined) void this.request(false);
      },
      Math.max(0, dueAt - now),
    );
    this.#cadence = { timer, dueAt };
  }

  /** Stops reading for good; pending waiters get `false`. */
  stop(): void {
    this.#stopped = true;
    this.#clearCadence();
    this.#backoff.wake();
    for (const waiter of this.#waiters.splice(0)) waiter(false);
  }

  async #loop(): Promise<void> {
    let failures = 0;
    try {
      while (this.#dirty && !this.#stopped) {
        if (!this.allowed) {
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
        this.#lastReadAt = this.#options.clock.now();
        for (const waiter of waiters) waiter(ok);
        if (ok) {
          failures = 0;
          continue;
        }
        // Until one read succeeds the state stays unverified: retry, backing off.
        this.#dirty = true;
        this.#full ||= full;
        failures += 1;
        await this.#backoff.sleep(
          backoffDelay(failures, this.#options.backoffMs ?? 250, this.#options.maxBackoffMs),
        );
      }
    } finally {
      this.#running = false;
      if (this.#stopped) for (const waiter of this.#waiters.splice(0)) waiter(false);
    }
    this.schedule();
  }

  #clearCadence(): void {
    if (this.#cadence !== undefined) this.#options.clock.clearTimeout(this.#cadence.timer);
    this.#cadence = undefined;
  }
}
