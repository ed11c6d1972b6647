/**
 * The pause tracker fed plain snapshots: which calls it holds as paused and
 * since when, what it reports as confirmed, how a pause ends (released,
 * transferred, replaced with the pause carried over) and the stream-lost
 * report, once per outage.
 */

import { describe, expect, it } from 'vitest';
import { PauseTracker, type PauseTrackerOptions } from '../../../../main/core/compliance/pause-tracker.ts';
import type { RecordingTransition } from '../../../../main/core/state/workspace-types.ts';
import { callView, snapshotOf } from './snapshots.ts';

function tracker(options: Partial<PauseTrackerOptions> = {}): PauseTracker {
  return new PauseTracker({
    pausedSinceOf: (_callId, now) => now,
    autoResumeMs: undefined,
    maxPostpones: 1,
    ...options,
  });
}

const transition = (callId: string, source: RecordingTransition['source']): RecordingTransition => ({
  callId,
  from: 'recording',
  to: 'paused',
  at: 0,
  source,
});

describe('which calls are paused, since when', () => {
  it('starts a pause on the first snapshot showing it paused, dated by pausedSinceOf', () => {
    const t = tracker({
      pausedSinceOf: (callId, now) => (callId === 'restored' ? now - 25_000 : now),
      autoResumeMs: 60_000,
      maxPostpones: 2,
    });
    t.observe(snapshotOf([callView('c1', 'recording'), callView('restored', 'paused')]), [], 1_000);
    expect(t.size).toBe(1);
    expect(t.get('restored')).toEqual({
      callId: 'restored',
      pausedSince: -24_000,
      reminderLevel: 0,
      resumeAt: 36_000,
      warned: false,
      postponesLeft: 2,
      autoResuming: false,
      streamLostReported: false,
    });
    t.observe(snapshotOf([callView('c1', 'paused'), callView('restored', 'paused')]), [], 5_000);
    expect(t.get('c1')?.pausedSince).toBe(5_000);
    expect(t.get('restored')?.pausedSince, 'a repeat does not restart the pause').toBe(-24_000);
  });

  it('ends a pause only on a confirmed recording/stopped word, never on a stale or pending one', () => {
    const t = tracker();
    t.observe(snapshotOf([callView('c1', 'paused'), callView('c2', 'paused')]), [], 0);
    t.observe(
      snapshotOf([callView('c1', 'recording', { stale: true }), callView('c2', 'resuming')]),
      [],
      1_000,
    );
    expect(t.all().map((p) => [p.callId, p.pausedSince])).toEqual([
      ['c1', 0],
      ['c2', 0],
    ]);
    t.observe(snapshotOf([callView('c1', 'recording'), callView('c2', 'stopped')]), [], 2_000);
    expect(t.size).toBe(0);
  });
});

describe('confirmed changes', () => {
  it('are reported once per change, only for a server word, with the source and prior tracking', () => {
    const t = tracker();
    const first = t.observe(snapshotOf([callView('c1', 'recording'), callView('c2', 'pausing')]), [], 0);
    expect(first.confirmed.map((c) => [c.call.id, c.previous, c.wasTracked])).toEqual([
      ['c1', undefined, false],
    ]);
    expect(t.observe(snapshotOf([callView('c1', 'recording')]), [], 1).confirmed).toEqual([]);
    const paused = t.observe(
      snapshotOf([callView('c1', 'paused')]),
      [transition('c1', 'event'), transition('c1', 'reconcile'), transition('c9', 'read')],
      2,
    );
    expect(paused.confirmed).toEqual([
      expect.objectContaining({ previous: 'recording', source: 'reconcile', wasTracked: false }),
    ]);
    const resumed = t.observe(snapshotOf([callView('c1', 'recording')]), [], 3);
    expect(resumed.confirmed).toEqual([
      expect.objectContaining({ previous: 'paused', source: undefined, wasTracked: true }),
    ]);
  });
});

describe('a paused call that leaves the workspace', () => {
  it('was released, unless a transfer was announced', () => {
    const t = tracker();
    t.observe(snapshotOf([callView('c1', 'paused'), callView('c2', 'paused')]), [], 0);
    t.markTransfer('c2');
    const seen = t.observe(snapshotOf([]), [], 45_000);
    expect(seen.ended).toEqual([
      { type: 'call-ended-while-paused', callId: 'c1', reason: 'released', pausedForMs: 45_000, at: 45_000 },
      {
        type: 'call-ended-while-paused',
        callId: 'c2',
        reason: 'transferred',
        pausedForMs: 45_000,
        at: 45_000,
      },
    ]);
    expect(t.size).toBe(0);
    // A transfer mark is forgotten with its call: the same id coming back and going is a release.
    t.observe(snapshotOf([callView('c2', 'paused')]), [], 50_000);
    expect(t.observe(snapshotOf([]), [], 60_000).ended[0]).toMatchObject({ reason: 'released' });
  });

  it('was replaced when a new call names it: the pause and its progress carry over', () => {
    const t = tracker({ autoResumeMs: 120_000 });
    t.observe(snapshotOf([callView('old', 'paused')]), [], 0);
    Object.assign(t.get('old') ?? {}, { reminderLevel: 1, postponesLeft: 0 });
    const seen = t.observe(snapshotOf([callView('new', 'paused', { previousCallId: 'old' })]), [], 40_000);
    expect(seen.ended).toEqual([
      expect.objectContaining({ callId: 'old', reason: 'replaced', newCallId: 'new' }),
    ]);
    expect(seen.confirmed, 'the new id is the same pause, not a new confirmation').toEqual([]);
    expect(t.get('new')).toMatchObject({
      pausedSince: 0,
      reminderLevel: 1,
      postponesLeft: 0,
      resumeAt: 120_000,
    });
    expect(t.get('old')).toBeUndefined();
  });

  it('replaced by a call already recording again: nothing carries over', () => {
    const t = tracker();
    t.observe(snapshotOf([callView('old', 'paused')]), [], 0);
    const seen = t.observe(snapshotOf([callView('new', 'recording', { previousCallId: 'old' })]), [], 1);
    expect(seen.ended).toEqual([expect.objectContaining({ reason: 'replaced' })]);
    expect(t.size).toBe(0);
  });
});

describe('stream lost while paused', () => {
  it('is reported on the live → not live edge, once per outage and pause', () => {
    const t = tracker();
    t.observe(snapshotOf([callView('c1', 'paused')]), [], 0);
    const lost = t.observe(snapshotOf([callView('c1', 'paused')], { live: false }), [], 20_000);
    expect(lost.streamLost).toEqual([
      { type: 'stream-lost-while-paused', callId: 'c1', pausedForMs: 20_000, at: 20_000 },
    ]);
    expect(t.observe(snapshotOf([callView('c1', 'paused')], { live: false }), [], 21_000).streamLost).toEqual(
      [],
    );
    t.observe(snapshotOf([callView('c1', 'paused')]), [], 30_000);
    const again = t.observe(snapshotOf([callView('c1', 'paused')], { live: false }), [], 40_000);
    expect(again.streamLost, 'a new outage is reported again').toHaveLength(1);
  });

  it('is not reported when the stream was never up, nor without a pause', () => {
    const t = tracker();
    expect(t.observe(snapshotOf([callView('c1', 'paused')], { live: false }), [], 0).streamLost).toEqual([]);
    const other = tracker();
    other.observe(snapshotOf([callView('c1', 'recording')]), [], 0);
    expect(
      other.observe(snapshotOf([callView('c1', 'recording')], { live: false }), [], 1).streamLost,
    ).toEqual([]);
  });
});

describe('the pause the agent means, and the app view', () => {
  it('is the named call, else the status call, else the only one', () => {
    const t = tracker();
    t.observe(snapshotOf([callView('c1', 'paused')]), [], 0);
    expect(t.target(undefined, undefined)?.callId).toBe('c1');
    expect(t.target('c9', undefined)).toBeUndefined();
    t.observe(snapshotOf([callView('c1', 'paused'), callView('c2', 'paused')]), [], 10);
    expect(t.target(undefined, undefined), 'two pauses and no status call: ambiguous').toBeUndefined();
    expect(t.target(undefined, 'c2')?.callId).toBe('c2');
    expect(t.target('c1', 'c2')?.callId).toBe('c1');
  });

  it('lists the pauses most recent first, with the auto-resume only when planned', () => {
    const t = tracker({ autoResumeMs: 60_000 });
    t.observe(snapshotOf([callView('c1', 'paused')]), [], 0);
    t.observe(snapshotOf([callView('c1', 'paused'), callView('c2', 'paused')]), [], 10);
    expect(t.view()).toEqual([
      { callId: 'c2', pausedSince: 10, reminderLevel: 0, autoResumeAt: 60_010, postponesLeft: 1 },
      { callId: 'c1', pausedSince: 0, reminderLevel: 0, autoResumeAt: 60_000, postponesLeft: 1 },
    ]);
    expect(tracker().view()).toEqual([]);
    const off = tracker();
    off.observe(snapshotOf([callView('c1', 'paused')]), [], 0);
    expect(off.view()[0]).not.toHaveProperty('autoResumeAt');
  });
});
