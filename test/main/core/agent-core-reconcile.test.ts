/**
 * The core must never keep showing a recording state the server does not
 * have, and must not read GWS more often than that needs. The core's timers
 * run on a manual clock, so "within one reconcile cadence" is exact; the
 * server, HTTP and Bayeux are real. The long-poll hold is 30 s so advancing
 * the clock by seconds never trips the Bayeux watchdog (tests that move it by minutes
 * lengthen its margin; the watchdog is the liveness tests' subject, not
 * this file's). Cadences: every 5 s while a pause is at stake (paused,
 * pausing, resuming, unknown), once a minute (the default) while every call
 * plainly records or not.
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/core/core-events.ts';
import {
  otherClientOperation,
  serverRecordingState,
  startHarness,
  type Harness,
} from '../helpers/core-harness.ts';
import { ManualClock } from '../helpers/manual-clock.ts';
import { startRelay, type TcpRelay } from '../helpers/tcp-relay.ts';
import { waitFor } from '../helpers/wait-for.ts';

const CADENCE_MS = 5_000;
const SLOW_MS = 60_000;
const PASSWORD = 'Rec0ncile-s3cret';
const SIM = {
  bayeuxTimeoutSec: 30,
  agents: [{ userName: 'agent1', password: PASSWORD, dn: '7001' }],
};
const AGENT = { username: 'agent1', password: PASSWORD };
/**
 * For tests that move the clock by minutes: the stream's watchdog (poll hold
 * + margin, on the same clock) must not trip while real time barely moves.
 */
const MINUTES = { ...AGENT, bayeuxTimings: { holdMarginMs: 30 * 60_000 } };

let h: Harness | undefined;
const relays: TcpRelay[] = [];
afterEach(async () => {
  // Every fault test: nothing the core said or logged carries a secret.
  const leaks = h?.secretLeaks(PASSWORD) ?? [];
  const logged = h?.logLines.length ?? 0;
  await h?.close();
  h = undefined;
  for (const relay of relays.splice(0)) await relay.close();
  expect(leaks).toEqual([]);
  expect(logged).toBeGreaterThan(0); // the check above looked at something
});

async function pausedCall(clock: ManualClock): Promise<{ h: Harness; callId: string }> {
  const harness = await startHarness(SIM, { ...AGENT, clock, reconcileIntervalMs: CADENCE_MS });
  h = harness;
  const callId = await harness.establishedCall();
  await harness.waitStatus('recording');
  expect(await harness.core.toggleRecording()).toMatchObject({ ok: true });
  await harness.waitStatus('paused');
  return { h: harness, callId };
}

describe('reconciling with the server', () => {
  it('corrects a false "paused" within one cadence after a lost event and an external resume', async () => {
    const clock = new ManualClock();
    const { h, callId } = await pausedCall(clock);
    await h.ctl.fault({ dropEvents: 1 });
    await otherClientOperation(h.sim.url, callId, 'ResumeCallRecording', AGENT);
    expect(await serverRecordingState(h.ctl, callId)).toBe('Recording');
    // The event was lost: nothing has told the core yet.
    expect(h.core.getSnapshot().status).toBe('paused');

    clock.advance(CADENCE_MS);
    await h.waitStatus('recording');

    expect(h.transitions.at(-1)).toEqual({
      callId,
      from: 'paused',
      to: 'recording',
      at: CADENCE_MS,
      source: 'reconcile',
    });
    expect(h.errorEvents).toContainEqual(
      expect.objectContaining({ code: 'state-mismatch', severity: 'warning', callId }),
    );
    expect(h.core.getSnapshot().pausedSince).toBeUndefined();
  });

  it('corrects a false "recording" within the slow cadence (the mirror case: someone else paused)', async () => {
    const clock = new ManualClock();
    h = await startHarness(SIM, { ...MINUTES, clock, reconcileIntervalMs: CADENCE_MS });
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ dropEvents: 1 });
    await otherClientOperation(h.sim.url, callId, 'PauseCallRecording', AGENT);
    expect(h.core.getSnapshot().status).toBe('recording');

    // A plainly recording call is re-read once a minute, not every 5 s.
    clock.advance(SLOW_MS - 1);
    expect(h.core.getSnapshot().status).toBe('recording');
    clock.advance(1);
    await h.waitStatus('paused');
    expect(h.core.getSnapshot().pausedSince).toBe(SLOW_MS);
    expect(h.transitions.at(-1)).toMatchObject({ from: 'recording', to: 'paused', source: 'reconcile' });
  });

  it('re-reads at once after a refusal (statusCode 2) instead of rolling back to the same wrong state', async () => {
    const clock = new ManualClock();
    const { h, callId } = await pausedCall(clock);
    await h.ctl.fault({ dropEvents: 1 });
    await otherClientOperation(h.sim.url, callId, 'ResumeCallRecording', AGENT);
    expect(h.core.getSnapshot().status).toBe('paused');

    // The hotkey tries to resume what the server already records: refused.
    const result = await h.core.toggleRecording();
    expect(result).toMatchObject({ ok: false, code: 'rejected', callId });
    // No clock advance: the refusal itself triggers the re-read.
    await h.waitStatus('recording');
    expect(h.transitions.at(-1)).toMatchObject({ from: 'paused', to: 'recording', source: 'reconcile' });
  });

  it('retries a failed re-read with back-off until "unknown" clears', async () => {
    const clock = new ManualClock();
    h = await startHarness(SIM, {
      ...AGENT,
      clock,
      reconcileIntervalMs: CADENCE_MS,
      recordingTimeoutMs: 1_000,
    });
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ dropEvents: 1 });
    expect(await h.core.toggleRecording()).toMatchObject({ ok: true, callId });
    expect(h.core.getSnapshot().status).toBe('pausing');
    // The re-read after the timeout meets a broken answer.
    await h.ctl.fault({ badBody: 'html', scope: 'rest', count: 1 });
    clock.advance(1_000);
    expect(h.core.getSnapshot().status).toBe('unknown');
    await waitFor(() => h?.errorEvents.some((e) => e.code === 'resync-failed'), 3_000, 'the failed re-read');
    expect(h.core.getSnapshot().status).toBe('unknown');
    // Nothing else happens but time: the retry (250 ms back-off) reads the truth.
    await waitFor(
      () => {
        clock.advance(250);
        return h?.core.getSnapshot().status === 'paused';
      },
      3_000,
      'unknown cleared by a retried read',
      () => h?.core.getSnapshot(),
    );
    expect(await serverRecordingState(h.ctl, callId)).toBe('Paused');
  });

  it('turns a toggle on an unknown call into a re-read and then acts on what the server says', async () => {
    const clock = new ManualClock();
    h = await startHarness(SIM, {
      ...AGENT,
      clock,
      reconcileIntervalMs: CADENCE_MS,
      recordingTimeoutMs: 1_000,
    });
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ dropEvents: 1 });
    await h.core.toggleRecording();
    await h.ctl.fault({ badBody: 'html', scope: 'rest', count: 1 });
    clock.advance(1_000);
    await waitFor(() => h?.errorEvents.some((e) => e.code === 'resync-failed'), 3_000, 'failed re-read');
    expect(h.core.getSnapshot().status).toBe('unknown');

    // The server did pause; the toggle reads that, then resumes.
    const result = await h.core.toggleRecording();
    expect(result).toMatchObject({ ok: true, operation: 'ResumeCallRecording', callId });
    await h.waitStatus('recording');
    expect(await serverRecordingState(h.ctl, callId)).toBe('Recording');
  });

  it('marks the call stale (status unknown) while it cannot be verified, and clears it once a read succeeds', async () => {
    const clock = new ManualClock();
    const { h, callId } = await pausedCall(clock);
    await h.ctl.fault({ badBody: 'html', scope: 'rest', count: 1_000 });
    clock.advance(CADENCE_MS); // the reconcile read fails
    await waitFor(() => h.errorEvents.some((e) => e.code === 'resync-failed'), 3_000, 'failed read');
    expect(h.core.getSnapshot().status).toBe('paused'); // still within the window
    clock.advance(CADENCE_MS + 1); // past two cadences without a confirmation
    expect(h.core.getSnapshot()).toMatchObject({
      status: 'unknown',
      calls: [expect.objectContaining({ id: callId, recording: 'paused', stale: true })],
    });
    await h.ctl.clearFaults();
    await waitFor(
      () => {
        clock.advance(1_000);
        return h.core.getSnapshot().status === 'paused';
      },
      5_000,
      'verified again',
      () => h.core.getSnapshot(),
    );
    expect(h.core.getSnapshot().calls[0]?.stale).toBe(false);
  });

  it('reconciles with one GET of the calls per cadence, and emits nothing when the read agrees', async () => {
    const clock = new ManualClock();
    let relay: TcpRelay | undefined;
    h = await startHarness(SIM, { ...AGENT, clock, reconcileIntervalMs: CADENCE_MS }, async (sim) => {
      relay = await startRelay(sim.port);
      return relay.url;
    });
    const r = relay as TcpRelay;
    relays.push(r);
    await h.establishedCall();
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    const events: CoreEvent[] = [];
    h.core.subscribe((event) => events.push(event));
    r.resetLog();
    const reads = () => r.count(/GET \/api\/v2\/me\/calls/g);
    for (let i = 1; i <= 3; i++) {
      clock.advance(CADENCE_MS);
      await waitFor(() => reads() >= i, 3_000, `read ${i}`);
      // The next cadence starts when this read's answer is in.
      await waitFor(
        () => clock.dueTimes().includes(clock.now() + CADENCE_MS),
        3_000,
        `read ${i} answered and the next one scheduled`,
      );
    }
    expect(reads()).toBe(3);
    expect(r.count(/GET \/api\/v2\/me\/devices/g)).toBe(0);
    expect(events).toEqual([]); // the state did not change, so no state event
    expect(h.core.getSnapshot().status).toBe('paused');
  });
  it('stops re-reading once the server refuses the credentials (no lock-out by retries)', async () => {
    const clock = new ManualClock();
    let relay: TcpRelay | undefined;
    h = await startHarness(SIM, { ...MINUTES, clock, reconcileIntervalMs: CADENCE_MS }, async (sim) => {
      relay = await startRelay(sim.port);
      return relay.url;
    });
    const r = relay as TcpRelay;
    relays.push(r);
    await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ badBody: 'json', httpStatus: 401, scope: 'rest', count: 1_000_000 });
    r.resetLog();
    clock.advance(SLOW_MS); // a plainly recording call: the slow cadence's read
    await waitFor(() => h?.errorEvents.some((e) => e.code === 'resync-failed'), 3_000, 'refused read');
    // Twenty seconds of back-off time later, still only the one re-login the failed read made.
    for (let elapsed = 0; elapsed < 20_000; elapsed += 250) {
      clock.advance(250);
      // Real time for any request the core would send to reach the relay: this window counts an absence.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(r.count(/authorization: Basic/gi)).toBe(1);
    // The call cannot be verified any more: it is not shown as confirmed.
    expect(h.core.getSnapshot().status).toBe('unknown');
  });
});

/** A harness behind a counting relay, on `clock`, with the default cadences. */
async function countedHarness(clock: ManualClock): Promise<{ h: Harness; reads: () => number }> {
  let relay: TcpRelay | undefined;
  const harness = await startHarness(SIM, { ...MINUTES, clock }, async (sim) => {
    relay = await startRelay(sim.port);
    return relay.url;
  });
  h = harness;
  const r = relay as TcpRelay;
  relays.push(r);
  return { h: harness, reads: () => r.count(/GET \/api\/v2\/me\/calls/g) };
}

/** Reads the core has begun (it logs each one as it sends it). */
const readsBegun = (harness: Harness): number =>
  harness.logLines.filter((line) => /^debug (reconciling calls|reading calls and devices)/.test(line)).length;

/**
 * Advances `clock` by `ms` in 1 s steps; whenever a step makes the core begin
 * a read, waits until its answer is in (the next cadence is then armed from
 * the clock's now), so no read is skipped by time racing ahead of the network.
 */
async function advanceSettled(clock: ManualClock, ms: number, harness: Harness): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 1_000) {
    const before = readsBegun(harness);
    clock.advance(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    if (readsBegun(harness) === before) continue;
    await waitFor(
      () => [CADENCE_MS, SLOW_MS].some((c) => clock.dueTimes().includes(clock.now() + c)),
      3_000,
      'the read answered and the next one scheduled',
    );
  }
}

describe('reading GWS only as often as trust needs', () => {
  it('re-reads a plainly recording call at most once a minute, and keeps showing it recording', async () => {
    const clock = new ManualClock();
    const { h, reads } = await countedHarness(clock);
    await h.establishedCall();
    await h.waitStatus('recording');
    const start = reads();
    const statuses = new Set<string>();
    h.core.subscribe((event) => {
      if (event.type === 'state') statuses.add(event.state.status);
    });
    await advanceSettled(clock, 5 * SLOW_MS, h);
    const perMinute = (reads() - start) / 5;
    expect(perMinute).toBeLessThanOrEqual(1);
    expect(perMinute).toBeGreaterThan(0); // it does still reconcile
    // Never stale between the slow reads: the confirmation of a plain call holds two slow cadences.
    expect([...statuses]).toEqual([]);
    expect(h.core.getSnapshot()).toMatchObject({
      status: 'recording',
      calls: [expect.objectContaining({ stale: false })],
    });
  });

  it('keeps the 10 s bound once the call is paused mid-minute: a lost resume is corrected within 10 s', async () => {
    const clock = new ManualClock();
    const { h } = await countedHarness(clock);
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await advanceSettled(clock, 20_000, h); // well inside the slow minute
    expect(await h.core.toggleRecording()).toMatchObject({ ok: true });
    await h.waitStatus('paused');
    const pausedAt = clock.now();
    await h.ctl.fault({ dropEvents: 1 });
    await otherClientOperation(h.sim.url, callId, 'ResumeCallRecording', AGENT);
    expect(h.core.getSnapshot().status).toBe('paused');

    await waitFor(
      async () => {
        if (h.core.getSnapshot().status === 'recording') return true;
        await advanceSettled(clock, 1_000, h);
        return false;
      },
      5_000,
      'the lost resume corrected',
      () => h.core.getSnapshot(),
    );
    expect(clock.now() - pausedAt).toBeLessThanOrEqual(2 * CADENCE_MS);
    expect(h.transitions.at(-1)).toMatchObject({ from: 'paused', to: 'recording', source: 'reconcile' });
  });

  it('goes back to the slow pace as soon as the pause ends (no fast read left armed)', async () => {
    const clock = new ManualClock();
    const { h, reads } = await countedHarness(clock);
    await h.establishedCall();
    await h.waitStatus('recording');
    expect(await h.core.toggleRecording()).toMatchObject({ ok: true });
    await h.waitStatus('paused');
    await advanceSettled(clock, 12_000, h); // reads at the fast pace while paused
    expect(await h.core.toggleRecording()).toMatchObject({ ok: true });
    await h.waitStatus('recording');
    const atResume = reads();
    await advanceSettled(clock, 30_000, h);
    expect(reads()).toBe(atResume);
    expect(h.core.getSnapshot().status).toBe('recording');
  });
});
