/**
 * One writer per audit file: `<file>.lock` holds the owner's pid, created
 * exclusively. A second writer — another process, or a second instance in
 * this one — is refused with a message naming the owner; a lock whose pid is
 * dead (a crash, a kill) is taken over. Two writers would interleave their
 * chains and produce duplicate sequence numbers.
 */

import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Files whose lock this process holds (a second instance here is refused too). */
const heldLocks = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<file>.lock` for this process, or throws naming the live owner. */
export function acquireLock(file: string): string {
  const lock = `${file}.lock`;
  if (heldLocks.has(lock)) {
    throw new Error(`audit log ${file} is already open in this process: one writer per file`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      heldLocks.add(lock);
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && pidAlive(owner)) {
      throw new Error(
        `audit log ${file} is in use by process ${owner}: a second writer would interleave the chain ` +
          `(close the other instance; the lock is ${lock})`,
      );
    }
    rmSync(lock, { force: true }); // stale: its owner is dead
  }
  throw new Error(`audit log ${file}: could not take the lock ${lock}`);
}

/** Releases a lock taken by {@link acquireLock}. */
export function releaseLock(lock: string): void {
  heldLocks.delete(lock);
  rmSync(lock, { force: true });
}
