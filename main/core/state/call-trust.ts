/**
 * How long the server's word on a call holds, and how often to ask again.
 * Contract: a call is `stale` (shown `unknown`, never as confirmed) while the
 * stream is not live, when it was never readable, or when the server has not
 * confirmed it for longer than its limit — `staleAfterMs` while a pause is at
 * stake, the longer `plainStaleAfterMs` while it plainly records or not (and
 * the last read succeeded). A pending operation is no claim: its own timeout
 * guards it. One timer on the injected clock fires when the next call turns
 * stale, so the snapshot says so on time. The cadence the owner reads at
 * follows the same split, which is what keeps GWS load low without giving up
 * the short bound where a pause is at stake.
 */

import type { Clock, TimerHandle } from '../ports/clock.ts';
import type { CallEntry } from './call-entry.ts';
import type { ReconcileCadence } from './workspace-types.ts';

/** Construction options of {@link CallTrust}. */
export interface CallTrustOptions {
  clock: Clock;
  /** Limit of a call with a pause at stake (or any call after a failed read); undefined: never by age. */
  staleAfterMs?: number;
  /** Limit of a plainly recording / not recording call; default `staleAfterMs`. */
  plainStaleAfterMs?: number;
  /** A call just turned stale (the owner announces the change). */
  onExpire(): void;
}

/** See the module comment. */
export class CallTrust {
  readonly #options: CallTrustOptions;
  #timer: TimerHandle | undefined;
  #timerAt = Infinity;
  #disposed = false;
  /** The last REST read failed: no call counts as plain until one succeeds. */
  #readFailing = false;

  constructor(options: CallTrustOptions) {
    this.#options = options;
  }

  /** Records whether the last REST read failed; true when that changed. */
  setReadFailing(failing: boolean): boolean {
    const changed = this.#readFailing !== failing;
    this.#readFailing = failing;
    return changed;
  }

  /** Confirmed recording or not recording, verified, nothing pending, reads working: no pause at stake. */
  plain(entry: CallEntry): boolean {
    if (this.#readFailing || entry.verifiedAt === undefined) return false;
    const state = entry.machine.state;
    return state === 'recording' || state === 'stopped';
  }

  /** True when `entry`'s recording state is not confirmed as current (see `CallView.stale`). */
  stale(entry: CallEntry, live: boolean): boolean {
    if (!live) return true;
    if (entry.machine.isPending) return false; // a pending op is not a claim; its own timeout guards it
    if (entry.verifiedAt === undefined) return true;
    const limit = this.#limit(entry);
    return limit !== undefined && this.#options.clock.now() - entry.verifiedAt > limit;
  }

  /** `fast` when any call has a pause at stake or is stale (or `pending` events wait), `slow` when all are plain. */
  cadence(entries: Iterable<CallEntry>, live: boolean, pending: number): ReconcileCadence {
    if (pending > 0) return 'fast';
    let none = true;
    for (const entry of entries) {
      none = false;
      if (!this.plain(entry) || this.stale(entry, live)) return 'fast';
    }
    return none ? 'none' : 'slow';
  }

  /** Arms one timer for the moment the next call turns stale. */
  arm(entries: Iterable<CallEntry>, live: boolean): void {
    if (this.#disposed) return;
    let next = Infinity;
    if (live) {
      for (const entry of entries) {
        const limit = this.#limit(entry);
        if (limit === undefined || entry.verifiedAt === undefined) continue;
        if (entry.machine.isPending || this.stale(entry, live)) continue;
        next = Math.min(next, entry.verifiedAt + limit + 1);
      }
    }
    if (next === this.#timerAt) return;
    this.#clear();
    this.#timerAt = next;
    if (next === Infinity) return;
    const delay = Math.max(0, next - this.#options.clock.now());
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Infinity;
      this.#options.onExpire();
    }, delay);
  }

  /** Stops the timer for good. */
  dispose(): void {
    this.#disposed = true;
    this.#clear();
  }

  #limit(entry: CallEntry): number | undefined {
    const { staleAfterMs, plainStaleAfterMs } = this.#options;
    return this.plain(entry) ? (plainStaleAfterMs ?? staleAfterMs) : staleAfterMs;
  }

  #clear(): void {
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
