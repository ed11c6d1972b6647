/**
 * GWS load of one agent: `GET /api/v2/me/calls` per agent per minute over a
 * compressed simulated shift, for our reconcile policy (5 s while a pause is
 * at stake, 60 s while every call plainly records or not) beside the old
 * policy (5 s whenever a call is known; run by setting both cadences to 5 s).
 * Why: 2,000 agents on calls at the old 11/min are ~370 full call reads a
 * second on the GWS cluster, load Genesys's own workspace does not add; the
 * goal is ≤ 1.5/min without giving up the 10 s bound while paused.
 *
 * A real simulator and a real core, counted through a TCP relay; the core's
 * timers run on a manual clock stepped 1 s at a time (each read that falls
 * due is answered before time moves on), so an hour of shift takes seconds.
 * The shift: 5-minute cycles of a 4-minute recording call (80 % on calls)
 * with one 15 s pause in it (5 % paused), then a minute without a call.
 * Run alone: `node --import tsx bench/gws-load.ts [minutes]`.
 */

import { fileURLToPath } from 'node:url';
import { createAgentCore, type AgentCore } from '../main/core/agent-core.ts';
import { startSimulator } from '../simulator/index.ts';
import { ManualClock } from '../test/main/helpers/manual-clock.ts';
import { simControl, type SimControl } from '../test/main/helpers/sim-control.ts';
import { startRelay } from '../test/main/helpers/tcp-relay.ts';
import { waitFor } from '../test/main/helpers/wait-for.ts';

/** One policy's result. */
export interface GwsLoadPolicy {
  fastMs: number;
  slowMs: number;
  /** `GET /me/calls` sent over the shift. */
  reads: number;
  /** Reads per agent per simulated minute. */
  perMinute: number;
}

/** The row `npm run bench` prints. */
export interface GwsLoadResult {
  shiftMinutes: number;
  ours: GwsLoadPolicy;
  old: GwsLoadPolicy;
}

const CYCLE_S = 300;
const CALL_S = 240;
const PAUSE_AT_S = 90;
const PAUSE_S = 15;

/** Reads the core has begun (it logs each as it sends it). */
function readCounter(): { logger: Parameters<typeof createAgentCore>[0]['logger']; begun: () => number } {
  let begun = 0;
  const debug = (message: string): void => {
    if (/^(reconciling calls|reading calls and devices)/.test(message)) begun += 1;
  };
  const none = (): void => undefined;
  return { logger: { debug, info: none, warn: none, error: none }, begun: () => begun };
}

/** Steps the clock 1 s; when that began a read, waits until its answer is in (the next cadence is armed). */
async function step(clock: ManualClock, begun: () => number, cadences: number[]): Promise<void> {
  const before = begun();
  clock.advance(1_000);
  await new Promise((resolve) => setImmediate(resolve));
  if (begun() === before) return;
  await waitFor(
    () => clock.dueTimes().some((t) => cadences.some((c) => t === clock.now() + c)) || noCallArmed(clock),
    5_000,
    'the read answered',
  );
}

/** Without calls no cadence is armed; the Bayeux watchdog alone remains. */
function noCallArmed(clock: ManualClock): boolean {
  return clock.dueTimes().every((t) => t - clock.now() > 60_000);
}

/** What the agent and the caller do at second `s` of a cycle. */
async function actAt(s: number, core: AgentCore, ctl: SimControl, call: { id?: string }): Promise<void> {
  const status = (want: string) => () => core.getSnapshot().status === want;
  if (s === 0) {
    call.id = await ctl.createCall({ state: 'Established', recording: true });
    await waitFor(status('recording'), 5_000, 'the call recording');
  } else if (s === PAUSE_AT_S) {
    await core.pauseRecording();
    await waitFor(status('paused'), 5_000, 'paused');
  } else if (s === PAUSE_AT_S + PAUSE_S) {
    await core.resumeRecording();
    await waitFor(status('recording'), 5_000, 'resumed');
  } else if (s === CALL_S && call.id !== undefined) {
    await ctl.release(call.id);
    await waitFor(status('no-call'), 5_000, 'the call released');
  }
}

/** One shift under one policy. */
async function runShift(minutes: number, fastMs: number, slowMs: number): Promise<GwsLoadPolicy> {
  const sim = await startSimulator({ bayeuxTimeoutSec: 30 });
  const relay = await startRelay(sim.port);
  const clock = new ManualClock();
  const counter = readCounter();
  const core = createAgentCore({
    serverUrl: relay.url,
    username: 'agent1',
    password: 'agent1',
    clock,
    logger: counter.logger,
    reconcileIntervalMs: fastMs,
    slowReconcileIntervalMs: slowMs,
    // Simulated minutes pass in real milliseconds: the stream's watchdog must not take that for a dead poll.
    bayeuxTimings: { holdMarginMs: 24 * 3_600_000 },
  });
  try {
    const started = await core.start();
    if (!started.ok) throw new Error(`core did not start: ${started.message}`);
    await waitFor(() => core.getSnapshot().live, 5_000, 'core live');
    const ctl = simControl(sim.url);
    relay.resetLog();
    const call: { id?: string } = {};
    for (let s = 0; s < minutes * 60; s++) {
      await actAt(s % CYCLE_S, core, ctl, call);
      await step(clock, counter.begun, [fastMs, slowMs]);
    }
    const reads = relay.count(/GET \/api\/v2\/me\/calls/g);
    return { fastMs, slowMs, reads, perMinute: Math.round((reads / minutes) * 100) / 100 };
  } finally {
    await core.stop();
    await relay.close();
    await sim.close();
  }
}

/** Runs the shift under our policy and under the old one. */
export async function runGwsLoad(shiftMinutes = 60): Promise<GwsLoadResult> {
  const ours = await runShift(shiftMinutes, 5_000, 60_000);
  const old = await runShift(shiftMinutes, 5_000, 5_000);
  return { shiftMinutes, ours, old };
}

/** The printed line. */
export function formatGwsLoad(result: GwsLoadResult): string {
  return (
    `GWS load: GET /me/calls per agent per minute: ours ${result.ours.perMinute} (was ${result.old.perMinute}) ` +
    `over a ${result.shiftMinutes}-minute simulated shift (80 % on calls, 5 % paused)`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const minutes = Number(process.argv[2] ?? 60);
  const started = Date.now();
  const result = await runGwsLoad(minutes);
  process.stdout.write(`${formatGwsLoad(result)}\n(${Math.round((Date.now() - started) / 1000)} s)\n`);
}
