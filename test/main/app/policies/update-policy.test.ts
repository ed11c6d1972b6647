/** When an update may install, whether the updater exists, the staged rollout, the check cadence. */

import { describe, expect, it } from 'vitest';
import type { AppView } from '../../../../contract/ipc-contract.ts';
import {
  FIRST_RETRY_MS,
  installDecision,
  nextCheckDelay,
  rolloutBucket,
  updaterMode,
  withinRollout,
} from '../../../../main/app/policies/update-policy.ts';
import {
  DEFAULT_UPDATE_SETTINGS,
  updateSettingsSchema,
} from '../../../../main/app/policies/update-settings.ts';

type Gate = Pick<AppView, 'status' | 'calls' | 'otherPausedCallIds'>;
const call = { id: 'c1', state: 'Established', participants: [], capabilities: [], stale: false };
const gate = (over: Partial<Gate>): Gate => ({
  status: 'no-call',
  calls: [],
  otherPausedCallIds: [],
  ...over,
});

describe('installDecision', () => {
  it('allows only when no call is known and nothing is paused', () => {
    expect(installDecision(gate({}))).toEqual({ allowed: true });
    expect(installDecision(gate({ status: 'signed-out' }))).toEqual({ allowed: true });
  });

  it.each<[string, Partial<Gate>, string]>([
    ['recording call', { status: 'recording', calls: [{ ...call, recording: 'recording' }] }, 'call-live'],
    [
      'not-recording call',
      { status: 'not-recording', calls: [{ ...call, recording: 'stopped' }] },
      'call-live',
    ],
    [
      'paused call',
      { status: 'paused', calls: [{ ...call, recording: 'paused', pausedSince: 1 }] },
      'paused',
    ],
    ['pausing', { status: 'pausing', calls: [{ ...call, recording: 'pausing' }] }, 'paused'],
    ['resuming', { status: 'resuming' }, 'paused'],
    [
      'paused call on hold behind a recording one',
      { status: 'recording', otherPausedCallIds: ['c2'] },
      'paused',
    ],
    [
      'a stale paused call shown as unknown',
      { status: 'unknown', calls: [{ ...call, recording: 'unknown', pausedSince: 5, stale: true }] },
      'paused',
    ],
    [
      'a call with no status yet',
      { status: 'no-call', calls: [{ ...call, recording: 'unknown' }] },
      'call-live',
    ],
    ['disconnected', { status: 'disconnected' }, 'state-unknown'],
    ['unknown with no call listed', { status: 'unknown' }, 'call-live'],
  ])('refuses with a %s', (_what, over, reason) => {
    expect(installDecision(gate(over))).toEqual({ allowed: false, reason });
  });
});

describe('updaterMode', () => {
  it('off by policy, without a server, with an unusable URL', () => {
    const on = { ...DEFAULT_UPDATE_SETTINGS, updateUrl: 'https://updates.example/gws/' };
    expect(updaterMode({ ...on, autoUpdate: false })).toEqual({ kind: 'off', reason: 'policy' });
    expect(updaterMode(DEFAULT_UPDATE_SETTINGS)).toEqual({ kind: 'off', reason: 'no-server' });
    expect(updaterMode({ ...on, updateUrl: 'http://updates.example/' })).toEqual({
      kind: 'off',
      reason: 'bad-url',
    });
    expect(updaterMode(on)).toEqual({
      kind: 'on',
      url: 'https://updates.example/gws/',
      channel: 'latest',
      checkEveryMs: 4 * 3_600_000,
    });
  });

  it('the schema refuses credentials in the URL and a channel that is a path', () => {
    const base = { ...DEFAULT_UPDATE_SETTINGS };
    expect(updateSettingsSchema.safeParse({ ...base, updateUrl: 'https://a:b@x.example/' }).success).toBe(
      false,
    );
    expect(updateSettingsSchema.safeParse({ ...base, updateChannel: '../latest' }).success).toBe(false);
    expect(updateSettingsSchema.safeParse({ ...base, updateUrl: 'https://x.example/' }).success).toBe(true);
  });
});

describe('staged rollout', () => {
  const ids = Array.from(
    { length: 2000 },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );

  it('0 % nobody, 100 % everyone, absent or garbage everyone', () => {
    expect(ids.some((id) => withinRollout(0, id))).toBe(false);
    expect(ids.every((id) => withinRollout(100, id))).toBe(true);
    expect(ids.every((id) => withinRollout(undefined, id) && withinRollout('soon', id))).toBe(true);
  });

  it('about the given share of machines, the same ones every time, growing monotonically', () => {
    const share = ids.filter((id) => withinRollout(25, id)).length / ids.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
    for (const id of ids.slice(0, 200)) {
      if (withinRollout(10, id)) expect(withinRollout(50, id)).toBe(true);
      expect(rolloutBucket(id)).toBe(rolloutBucket(id));
    }
  });
});

describe('nextCheckDelay', () => {
  it('the interval when healthy; after failures 15 min doubling, capped at the interval', () => {
    const hours4 = 4 * 3_600_000;
    expect(nextCheckDelay(hours4, 0)).toBe(hours4);
    expect(nextCheckDelay(hours4, 1)).toBe(FIRST_RETRY_MS);
    expect(nextCheckDelay(hours4, 2)).toBe(2 * FIRST_RETRY_MS);
    expect(nextCheckDelay(hours4, 10)).toBe(hours4);
  });
});
