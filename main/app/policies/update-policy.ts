/**
 * When the app may update itself, as plain decisions on plain data:
 * - whether an updater exists at all (`autoUpdate` off by policy, or no
 *   server named: nothing is built and nothing is fetched);
 * - whether this machine is inside a staged rollout (`stagingPercentage` of
 *   the feed, bucketed by a per-user random id, so a floor upgrades in waves);
 * - whether a downloaded update may be installed NOW: never while a call is
 *   live or anything is paused (installing restarts the app, and a paused
 *   recording must stay in the agent's sight until it is resumed), and not
 *   while the state is unknown (disconnected: a call may be live).
 * - how long until the next check (the configured interval; after a failure a
 *   back-off from 15 minutes up to that interval, so a broken server is never
 *   hammered and a failing check never loops).
 */

import { createHash } from 'node:crypto';
import type { AppView } from '../../../contract/ipc-contract.ts';
import { backoffDelay } from '../../core/ports/backoff.ts';
import { isUsableUpdateUrl, type UpdateSettings } from './update-settings.ts';

/** Whether to build an updater, and with what feed. */
export type UpdaterMode =
  | { kind: 'off'; reason: 'policy' | 'no-server' | 'bad-url' }
  | { kind: 'on'; url: string; channel: string; checkEveryMs: number };

/** The updater this install should run, from its effective settings. */
export function updaterMode(settings: UpdateSettings): UpdaterMode {
  if (!settings.autoUpdate) return { kind: 'off', reason: 'policy' };
  if (settings.updateUrl === '') return { kind: 'off', reason: 'no-server' };
  if (!isUsableUpdateUrl(settings.updateUrl)) return { kind: 'off', reason: 'bad-url' };
  return {
    kind: 'on',
    url: settings.updateUrl,
    channel: settings.updateChannel,
    checkEveryMs: settings.updateCheckHours * 3_600_000,
  };
}

/** The part of the window's view that decides whether an install may happen. */
export type InstallGate = Pick<AppView, 'status' | 'calls' | 'otherPausedCallIds'>;

/** May an install restart the app now? */
export type InstallDecision =
  { allowed: true } | { allowed: false; reason: 'paused' | 'call-live' | 'state-unknown' };

const PAUSE_STATUSES: ReadonlySet<string> = new Set(['paused', 'pausing', 'resuming']);
const IDLE_STATUSES: ReadonlySet<string> = new Set(['no-call', 'signed-out']);

/** Never while anything is paused, never while a call is live, never while the state is unknown. */
export function installDecision(gate: InstallGate): InstallDecision {
  const anyPaused =
    PAUSE_STATUSES.has(gate.status) ||
    gate.otherPausedCallIds.length > 0 ||
    gate.calls.some((call) => call.pausedSince !== undefined || PAUSE_STATUSES.has(call.recording));
  if (anyPaused) return { allowed: false, reason: 'paused' };
  if (gate.calls.length > 0) return { allowed: false, reason: 'call-live' };
  if (!IDLE_STATUSES.has(gate.status)) {
    return { allowed: false, reason: gate.status === 'disconnected' ? 'state-unknown' : 'call-live' };
  }
  return { allowed: true };
}

/** This id's place in the rollout, in [0, 1): the first 32 bits of its SHA-256. */
export function rolloutBucket(stagingId: string): number {
  return createHash('sha256').update(stagingId).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Inside a staged rollout of `stagingPercentage` (as the feed's
 * `latest*.yml` carries it)? Absent or not a number: everyone (as
 * electron-updater); 0: nobody; 100: everyone.
 */
export function withinRollout(stagingPercentage: unknown, stagingId: string): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null) return true;
  const percentage = Number.parseInt(String(stagingPercentage), 10);
  if (Number.isNaN(percentage)) return true;
  return rolloutBucket(stagingId) * 100 < percentage;
}

/** The shortest wait after a failed check. */
export const FIRST_RETRY_MS = 15 * 60_000;

/** Wait before the next check: the interval, or a back-off after `failures` failed checks in a row. */
export function nextCheckDelay(checkEveryMs: number, failures: number): number {
  if (failures <= 0) return checkEveryMs;
  return backoffDelay(failures, FIRST_RETRY_MS, Math.max(checkEveryMs, FIRST_RETRY_MS));
}
