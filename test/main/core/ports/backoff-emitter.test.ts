import { describe, expect, it } from 'vitest';
import { backoffDelay, createWakeableSleep } from '../../../../main/core/ports/backoff.ts';
import { createEmitter } from '../../../../main/core/ports/emitter.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, 250, 1_500))).toEqual([
      0, 250, 500, 1_000, 1_500, 1_500,
    ]);
  });
});

describe('createWakeableSleep', () => {
  it('resolves only when the clock reaches the delay, or at once when woken', async () => {
    const clock = new ManualClock();
    const sleeper = createWakeableSleep(clock);
    let done = false;
    const slept = sleeper.sleep(1_000).then(() => (done = true));
    clock.advance(999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await slept;
    expect(done).toBe(true);

    const woken = sleeper.sleep(60_000);
    expect(sleeper.sleeping).toBe(true);
    sleeper.wake();
    await woken;
    expect(sleeper.sleeping).toBe(false);
  });
});

describe('createEmitter', () => {
  it('reaches every listener even when one throws, and unsubscribes', () => {
    const errors: unknown[] = [];
    const emitter = createEmitter<number>((e) => errors.push(e));
    const seen: number[] = [];
    emitter.on(() => {
      throw new Error('broken consumer');
    });
    const off = emitter.on((n) => seen.push(n));
    emitter.emit(1);
    off();
    emitter.emit(2);
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(2);
    expect(emitter.size).toBe(1);
  });
});
