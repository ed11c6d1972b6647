/**
 * The updater service against a scripted port, on a manual clock: one check
 * at a time, back-off after failures, a tampered version never fetched again,
 * the install gate followed at every state change.
 */

import { describe, expect, it } from 'vitest';
import type { AppView } from '../../../../contract/ipc-contract.ts';
import { silentLogger } from '../../../../main/core/ports/logging.ts';
import {
  createUpdaterService,
  UpdateFailure,
  type UpdateOffer,
  type UpdaterPort,
} from '../../../../main/app/services/updater-service.ts';
import { FIRST_RETRY_MS } from '../../../../main/app/policies/update-policy.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

type Gate = Pick<AppView, 'status' | 'calls' | 'otherPausedCallIds'>;
const idle: Gate = { status: 'no-call', calls: [], otherPausedCallIds: [] };
const paused: Gate = {
  status: 'paused',
  calls: [
    {
      id: 'c1',
      state: 'Established',
      participants: [],
      capabilities: [],
      stale: false,
      recording: 'paused',
      pausedSince: 1,
    },
  ],
  otherPausedCallIds: [],
};

/** A port whose answers the test scripts. */
function scriptedPort() {
  const log: string[] = [];
  const state = {
    offer: { version: '0.2.0' } as UpdateOffer | undefined,
    checkError: undefined as Error | undefined,
    downloadError: undefined as Error | undefined,
    pendingCheck: undefined as (() => void) | undefined,
    installOnQuit: false,
  };
  const port: UpdaterPort = {
    check() {
      log.push('check');
      if (state.checkError) return Promise.reject(state.checkError);
      return Promise.resolve(state.offer);
    },
    download() {
      log.push('download');
      return state.downloadError ? Promise.reject(state.downloadError) : Promise.resolve();
    },
    setInstallOnQuit(allowed) {
      state.installOnQuit = allowed;
    },
    installNow() {
      log.push('install');
    },
    dispose() {
      log.push('dispose');
    },
  };
  return { port, log, state };
}

function service(port: UpdaterPort, clock: ManualClock) {
  return createUpdaterService({
    port,
    clock,
    logger: silentLogger,
    currentVersion: '0.1.0',
    checkEveryMs: 4 * 3_600_000,
    firstCheckMs: 60_000,
  });
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('updater service', () => {
  it('checks once after start-up, then at the interval; a ready update stops the checks', async () => {
    const clock = new ManualClock();
    const { port, log, state } = scriptedPort();
    state.offer = undefined;
    const updates = service(port, clock);
    updates.start();
    clock.advance(59_999);
    expect(log).toEqual([]);
    clock.advance(1);
    await flush();
    expect(log).toEqual(['check']);
    expect(clock.dueTimes()).toEqual([60_000 + 4 * 3_600_000]);
    state.offer = { version: '0.2.0' };
    clock.advance(4 * 3_600_000);
    await flush();
    expect(log).toEqual(['check', 'check', 'download']);
    expect(updates.view()).toMatchObject({ state: 'ready', available: '0.2.0' });
    expect(clock.pending).toBe(0);
  });

  it('backs off after failures and never runs two checks at once', async () => {
    const clock = new ManualClock();
    const { port, log, state } = scriptedPort();
    state.checkError = new UpdateFailure('unreachable', 'connect ECONNREFUSED');
    const updates = service(port, clock);
    await Promise.all([updates.checkNow(), updates.checkNow()]);
    expect(log).toEqual(['check']);
    expect(updates.view()).toMatchObject({ state: 'failed', problem: { code: 'unreachable' } });
    expect(clock.dueTimes()).toEqual([FIRST_RETRY_MS]);
    clock.advance(FIRST_RETRY_MS);
    await flush();
    expect(clock.dueTimes()).toEqual([FIRST_RETRY_MS + 2 * FIRST_RETRY_MS]);
  });

  it('a tampered version is refused and not downloaded again in this run', async () => {
    const clock = new ManualClock();
    const { port, log, state } = scriptedPort();
    state.downloadError = new UpdateFailure('tampered', 'sha512 checksum mismatch');
    const updates = service(port, clock);
    await updates.checkNow();
    await updates.checkNow();
    expect(log).toEqual(['check', 'download', 'check']);
    expect(updates.view()).toMatchObject({ state: 'idle' });
    state.offer = { version: '0.2.1' };
    state.downloadError = undefined;
    await updates.checkNow();
    expect(updates.view()).toMatchObject({ state: 'ready', available: '0.2.1' });
  });

  it('follows the gate: deferred and no install at quit while paused, ready once idle', async () => {
    const clock = new ManualClock();
    const { port, log, state } = scriptedPort();
    const updates = service(port, clock);
    updates.gateChanged(paused);
    await updates.checkNow();
    expect(updates.view()).toMatchObject({ state: 'deferred', deferredBy: 'paused' });
    expect(state.installOnQuit).toBe(false);
    expect(updates.installNow()).toEqual({ allowed: false, reason: 'paused' });
    expect(log).not.toContain('install');
    updates.gateChanged(idle);
    expect(updates.view()).toMatchObject({ state: 'ready' });
    expect(state.installOnQuit).toBe(true);
    updates.gateChanged(paused);
    expect(state.installOnQuit).toBe(false);
    updates.gateChanged(idle);
    expect(updates.installNow()).toEqual({ allowed: true });
    expect(log.at(-1)).toBe('install');
  });

  it('says nothing is ready before a download, and stop disposes the port and the timer', () => {
    const clock = new ManualClock();
    const { port, log } = scriptedPort();
    const updates = service(port, clock);
    updates.start();
    expect(updates.installNow()).toEqual({ allowed: false, reason: 'nothing-ready' });
    updates.stop();
    expect(clock.pending).toBe(0);
    expect(log).toEqual(['dispose']);
  });
});
