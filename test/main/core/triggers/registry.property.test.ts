/**
 * Property: whatever the order of trigger events, command results (accepted, refused) and lost confirmation
 * events, a pause the registry started never outlives the last trigger's end + grace (plus the bounded time to
 * learn the truth and retry), and never outlives the cap (plus the same bound).
 *
 * The simulation drives the registry's pure functions on a discrete-event timeline: a fake server applies
 * accepted commands after a delay, its confirmation event may be lost (the core's re-read then publishes the
 * truth within 10 s, as the core guarantees), and the registry is woken at the times `nextWakeAt` names.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistryInput, RegistryState } from '../../../../main/core/triggers/registry.ts';
import { initialRegistryState, stepRegistry } from '../../../../main/core/triggers/registry.ts';
import { nextWakeAt } from '../../../../main/core/triggers/registry-view.ts';
import type { ConfirmedRecording, TriggerPolicy } from '../../../../main/core/triggers/trigger-types.ts';
import { DEFAULT_TRIGGER_POLICY } from '../../../../main/core/triggers/trigger-types.ts';

const policy: TriggerPolicy = { ...DEFAULT_TRIGGER_POLICY, capMs: 40_000, capWarningMs: 5_000 };
/** The core's re-read corrects a lost event within this (its guarantee while a call is pausing/paused). */
const RECONCILE_MS = 10_000;
/** Time to learn the truth and act once the server answers again: confirmation wait + re-read + back-off. */
const SETTLE_MS = policy.confirmWaitMs + RECONCILE_MS + policy.retryMaxMs + 2_000;

type Op =
  | { kind: 'start'; key: string }
  | { kind: 'end'; key: string }
  | { kind: 'refuse-next' }
  | { kind: 'lose-next' }
  | { kind: 'lose-end'; key: string };

const opArb: fc.Arbitrary<{ dt: number; op: Op }> = fc.record({
  dt: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 30_000 })),
  op: fc.oneof(
    {
      arbitrary: fc.record({ kind: fc.constant('start' as const), key: fc.constantFrom('t1', 't2', 'w1') }),
      weight: 3,
    },
    {
      arbitrary: fc.record({ kind: fc.constant('end' as const), key: fc.constantFrom('t1', 't2', 'w1') }),
      weight: 2,
    },
    { arbitrary: fc.constant({ kind: 'refuse-next' as const }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'lose-next' as const }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constant('lose-end' as const),
        key: fc.constantFrom('t1', 't2', 'w1'),
      }),
      weight: 1,
    },
  ),
});

interface Sim {
  now: number;
  state: RegistryState;
  server: ConfirmedRecording;
  pausedSince: number | undefined;
  longestPause: number;
  refuseNext: number;
  loseNext: number;
  queue: { at: number; run: () => void }[];
}

function schedule(sim: Sim, at: number, run: () => void): void {
  sim.queue.push({ at, run });
  sim.queue.sort((a, b) => a.at - b.at);
}

function setServer(sim: Sim, recording: ConfirmedRecording): void {
  if (recording === 'paused' && sim.server !== 'paused') sim.pausedSince = sim.now;
  if (recording !== 'paused' && sim.pausedSince !== undefined) {
    sim.longestPause = Math.max(sim.longestPause, sim.now - sim.pausedSince);
    sim.pausedSince = undefined;
  }
  sim.server = recording;
}

function publish(sim: Sim): void {
  feed(sim, { type: 'snapshot', snapshot: { calls: [{ callId: 'c1', recording: sim.server }] } });
}

function carryOut(sim: Sim, kind: 'pause' | 'resume', delay: number): void {
  const refused = sim.refuseNext > 0;
  if (refused) sim.refuseNext--;
  const lost = !refused && sim.loseNext > 0;
  if (lost) sim.loseNext--;
  schedule(sim, sim.now + delay, () => {
    if (!refused) setServer(sim, kind === 'pause' ? 'paused' : 'recording');
    feed(sim, { type: 'command-done', ok: !refused });
    if (refused) return;
    schedule(sim, sim.now + (lost ? RECONCILE_MS : 50), () => publish(sim));
  });
}

function feed(sim: Sim, input: RegistryInput): void {
  const step = stepRegistry(sim.state, input, sim.now, policy);
  sim.state = step.state;
  for (const command of step.commands) carryOut(sim, command.kind, 20 + (sim.queue.length % 7) * 40);
  const wake = nextWakeAt(sim.state, sim.now, policy);
  if (wake !== undefined) schedule(sim, wake, () => feed(sim, { type: 'tick' }));
}

function runUntil(sim: Sim, until: number): void {
  for (;;) {
    const next = sim.queue[0];
    if (!next || next.at > until) break;
    sim.queue.shift();
    sim.now = Math.max(sim.now, next.at);
    next.run();
  }
  sim.now = until;
}

describe('trigger registry property', () => {
  it('no sequence leaves the call paused after the last trigger ended + grace, or past the cap', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
        const sim: Sim = {
          now: 0,
          state: initialRegistryState({ calls: [{ callId: 'c1', recording: 'recording' }] }),
          server: 'recording',
          pausedSince: undefined,
          longestPause: 0,
          refuseNext: 0,
          loseNext: 0,
          queue: [],
        };
        let t = 0;
        const lostEnds = new Set<string>();
        for (const { dt, op } of ops) {
          t += dt;
          runUntil(sim, t);
          if (op.kind === 'start')
            feed(sim, { type: 'source-start', key: op.key, trigger: 'extension', ruleId: 'pay' });
          else if (op.kind === 'end') feed(sim, { type: 'source-end', key: op.key });
          else if (op.kind === 'refuse-next') sim.refuseNext++;
          else if (op.kind === 'lose-end') lostEnds.add(op.key);
          else sim.loseNext++;
        }
        // Every trigger ends, but the end of a "lost" one never arrives; the server answers again from here on.
        sim.refuseNext = 0;
        for (const key of ['t1', 't2', 'w1']) if (!lostEnds.has(key)) feed(sim, { type: 'source-end', key });
        const lastEnd = sim.now;
        runUntil(sim, lastEnd + policy.graceMs + SETTLE_MS);
        if (sim.state.sources.size === 0) expect(sim.server).toBe('recording');
        // A source whose end was lost holds the pause at most until the cap.
        runUntil(sim, lastEnd + policy.capMs + SETTLE_MS);
        expect(sim.server).toBe('recording');
        setServer(sim, 'recording');
        expect(sim.longestPause).toBeLessThanOrEqual(policy.capMs + SETTLE_MS);
      }),
      { numRuns: 400 },
    );
  });
});
