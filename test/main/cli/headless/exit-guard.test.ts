/**
 * The headless CLI's one way out: the clean-up that ends the contact-center
 * session runs once, whatever asks first, and nothing exits under it — the
 * gap a probe found (a second fatal error exited while the first one's
 * sign-out was still on the wire).
 */

import { describe, expect, it } from 'vitest';
import { createExitGuard } from '../../../../main/cli/headless/exit-guard.ts';

/** A clean-up the test finishes by hand, and the exits the guard asked for. */
function rig(graceMs = 60_000) {
  const exits: number[] = [];
  const errors: string[] = [];
  let cleanups = 0;
  let finished = false;
  let resolveCleanup: (() => void) | undefined;
  const guard = createExitGuard({ exit: (code) => exits.push(code), stderr: (l) => errors.push(l), graceMs });
  guard.setCleanup(() => {
    cleanups += 1;
    return finished ? Promise.resolve() : new Promise<void>((resolve) => (resolveCleanup = resolve));
  });
  const finish = (): void => {
    finished = true;
    resolveCleanup?.();
  };
  return { guard, exits, errors, cleanups: () => cleanups, finish };
}

describe('createExitGuard', () => {
  it('fatal errors in a row: one clean-up, and no exit until it finished; then exit 1', async () => {
    const r = rig();
    r.guard.fatal('exception')(new RangeError('Invalid string length'));
    r.guard.fatal('exception')(new RangeError('Invalid string length'));
    const second = r.guard.exit(0);
    await Promise.resolve();
    expect(r.cleanups()).toBe(1);
    expect(r.exits).toEqual([]);
    r.finish();
    await second;
    expect(r.exits).toEqual([1]);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^headless: fatal exception: .*Invalid string length\n$/);
  });

  it('the first non-zero code wins over a later 0 and a later other code', async () => {
    const r = rig();
    const done = r.guard.exit(3);
    void r.guard.exit(0);
    void r.guard.exit(1);
    r.finish();
    await done;
    expect(r.exits).toEqual([3]);
  });

  it('a clean-up that hangs is given up after the grace; one that throws is not waited for', async () => {
    const hung = rig(20);
    await hung.guard.exit(0); // the clean-up never finishes: the 20 ms bound lets the CLI exit
    expect(hung.exits).toEqual([0]);

    const exits: number[] = [];
    const throwing = createExitGuard({ exit: (code) => exits.push(code), graceMs: 60_000 });
    throwing.setCleanup(() => Promise.reject(new Error('network down')));
    await throwing.exit(1);
    expect(exits).toEqual([1]);
  });

  it('without a session yet, it exits at once', async () => {
    const exits: number[] = [];
    await createExitGuard({ exit: (code) => exits.push(code) }).exit(2);
    expect(exits).toEqual([2]);
  });
});
