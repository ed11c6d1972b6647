/**
 * The composed compliance layer over a scripted core (snapshots pushed by the
 * test, commands answered by it) on a manual clock: the cases where what the
 * agent sees depends on the order of snapshots and answers, which a real
 * server cannot be made to produce on cue.
 */

import { describe, expect, it } from 'vitest';
import type { AgentCore } from '../../../../main/core/agent-core.ts';
import type {
  CompliantCoreEvent,
  CoreEvent,
  CoreSnapshot,
} from '../../../../main/core/compliance/compliance-events.ts';
import { withCompliance, type ComplianceOptions } from '../../../../main/core/compliance/with-compliance.ts';
import type { CommandResult } from '../../../../main/core/state/commands.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { callView, snapshotOf } from './snapshots.ts';

/** A core whose snapshots the test pushes; it accepts every resume. */
function scriptedCore(first: CoreSnapshot) {
  let snapshot = first;
  const listeners = new Set<(event: CoreEvent) => void>();
  const resumes: (string | undefined)[] = [];
  const unused = async (): Promise<CommandResult> => ({ ok: false, code: 'closed', reason: 'not scripted' });
  const core: AgentCore = {
    start: async () => ({ ok: true }),
    stop: async () => undefined,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnectNow: () => undefined,
    toggleRecording: unused,
    pauseRecording: unused,
    async resumeRecording(callId) {
      resumes.push(callId);
      // As the real core: the call shows `resuming` until the server confirms.
      push(snapshotOf(snapshot.calls.map((c) => (c.id === callId ? { ...c, recording: 'resuming' } : c))));
      return { ok: true, operation: 'ResumeCallRecording', callId };
    },
    startRecording: unused,
    stopRecording: unused,
    answer: unused,
    hold: unused,
    retrieve: unused,
    hangup: unused,
    ready: unused,
    notReady: unused,
    loginCount: 1,
  };
  const push = (next: CoreSnapshot): void => {
    snapshot = next;
    for (const listener of [...listeners]) listener({ type: 'state', state: next, transitions: [] });
  };
  return { core, push, resumes };
}

function layer(first: CoreSnapshot, options: ComplianceOptions) {
  const clock = new ManualClock();
  const scripted = scriptedCore(first);
  const cc = withCompliance(scripted.core, { clock, ...options });
  const events: CompliantCoreEvent[] = [];
  cc.subscribe((event) => events.push(event));
  const of = (type: CompliantCoreEvent['type']) => events.filter((e) => e.type === type);
  return { clock, cc, events, of, ...scripted };
}

describe('auto-resume over a scripted core', () => {
  it('keeps the full warning lead announced after a retrieve, whatever snapshots arrive meanwhile', () => {
    const held = snapshotOf([callView('c1', 'paused', { state: 'Held' })]);
    const h = layer(held, { autoResumeSeconds: 20 });
    h.clock.advance(60_000);
    expect(h.of('auto-resume-warning'), 'nothing while held').toEqual([]);
    h.push(snapshotOf([callView('c1', 'paused')]));
    expect(h.of('auto-resume-warning')).toEqual([expect.objectContaining({ resumeAt: 70_000, at: 60_000 })]);
    h.clock.advance(5_000);
    // Any other change (here the agent state) re-plans on the way.
    h.push(snapshotOf([callView('c1', 'paused')], { agentState: 'NotReady' }));
    h.clock.advance(4_999);
    expect(h.resumes, 'not before the announced moment').toEqual([]);
    h.clock.advance(1);
    expect(h.resumes).toEqual(['c1']);
  });

  it('a listener keeping the call paused on the warning prevents the auto-resume due with it', () => {
    const h = layer(snapshotOf([callView('c1', 'paused')]), {
      autoResumeSeconds: 60,
      autoResumeWarningSeconds: 0,
    });
    h.cc.subscribe((event) => {
      if (event.type === 'auto-resume-warning') h.cc.keepPaused(event.callId);
    });
    h.clock.advance(60_000);
    expect(h.of('auto-resume-warning')).toHaveLength(1);
    expect(h.resumes, 'postponed by the listener before it was sent').toEqual([]);
    expect(h.cc.complianceState()[0]).toMatchObject({ autoResumeAt: 120_000, postponesLeft: 0 });
    h.clock.advance(60_000);
    expect(h.resumes).toEqual(['c1']);
  });

  it('stops reminding, resuming and reporting after stop()', async () => {
    const h = layer(snapshotOf([callView('c1', 'paused')]), { autoResumeSeconds: 60 });
    await h.cc.stop();
    expect(h.clock.pending).toBe(0);
    // The core going down as it signs out is no "stream lost while paused".
    h.push(snapshotOf([callView('c1', 'paused')], { live: false, connection: 'signed-out' }));
    h.push(snapshotOf([callView('c1', 'paused')], { agentState: 'Ready' }));
    h.clock.advance(3_600_000);
    expect(h.of('stream-lost-while-paused')).toEqual([]);
    expect(h.of('reminder')).toEqual([]);
    expect(h.resumes).toEqual([]);
  });
});
