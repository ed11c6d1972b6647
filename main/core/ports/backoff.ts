/**
 * One exponential back-off on the injected clock, for every retry loop of the
 * program (state re-reads, Bayeux recovery, SIEM shipping): `baseMs × 2ⁿ`
 * capped at `maxMs`, and a sleep that an urgent caller can cut short. Tests
 * drive it with a manual clock instead of waiting.
 */

import type { Clock, TimerHandle } from './clock.ts';

/** The delay before retry number `failures` (1 = the first retry): `baseMs × 2^(failures-1)`, capped. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  if (failures <= 0) return 0;
  return Math.min(baseMs * 2 ** Math.min(failures - 1, 30), maxMs);
}

/** A sleep on a {@link Clock} that can be woken early. */
export interface WakeableSleep {
  /** Resolves after `ms` of the clock's time, or at once when {@link WakeableSleep.wake} is called. */
  sleep(ms: number): Promise<void>;
  /** Ends the current sleep now (no-op when none). */
  wake(): void;
  /** True while a sleep is pending. */
  readonly sleeping: boolean;
}

/** Creates a {@link WakeableSleep} on `clock`. */
export function createWakeableSleep(clock: Clock): WakeableSleep {
  let pending: { timer: TimerHandle; done: () => void } | undefined;
  const finish = (): void => {
    const current = pending;
    if (!current) return;
    pending = undefined;
    clock.clearTimeout(current.timer);
    current.done();
  };
  return {
    sleep(ms: number): Promise<void> {
      finish();
      return new Promise<void>((resolve) => {
        const timer = clock.setTimeout(finish, ms);
        pending = { timer, done: resolve };
      });
    },
    wake: finish,
    get sleeping(): boolean {
      return pending !== undefined;
    },
  };
}
