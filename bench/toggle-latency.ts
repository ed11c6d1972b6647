import { performance } from 'node:perf_hooks';
import { got } from 'got';
import { startSimulator } from '../simulator/index.ts';
import { createAgentCore, type AgentCore } from '../main/core/agent-core.ts';
import type { BayeuxTransport } from '../main/core/bayeux-connection.ts';
import type { DerivedStatus } from '../main/core/workspace.ts';

/**
 * Hotkey latency as the agent experiences it: from `toggleRecording()` until
 * the derived status is `paused` (or `recording`) as confirmed by the
 * server's Bayeux event — HTTP round trip, simulator, event delivery on the
 * long poll, parsing and state derivation included. Runs against the
 * embedded simulator over loopback, so it measures the client stack, not a
 * network.
 */

/** Latency summary of one direction, in milliseconds. */
export interface LatencyStats {
  samples: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Result for one transport. */
export interface ToggleLatencyResult {
  transport: BayeuxTransport;
  cycles: number;
  toggleToPaused: LatencyStats;
  toggleToRecording: LatencyStats;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Summarises samples (ms, rounded to 0.01). */
export function stats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    samples: sorted.length,
    median: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}

/** Resolves when the core's derived status becomes `status` (or rejects after `timeoutMs`). */
function statusReached(core: AgentCore, status: DerivedStatus, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`status ${status} not reached within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = core.subscribe((event) => {
      if (event.type === 'state' && event.state.status === status) {
        const at = performance.now();
        clearTimeout(timer);
        unsubscribe();
        resolve(at);
      }
    });
  });
}

async function waitForStatus(core: AgentCore, status: DerivedStatus, timeoutMs: number): Promise<void> {
  if (core.getSnapshot().status === status) return;
  await statusReached(core, status, timeoutMs);
}

/** One timed toggle: returns ms from the call to the confirmed `expect` status. */
async function timedToggle(core: AgentCore, expect: DerivedStatus): Promise<number> {
  const reached = statusReached(core, expect, 5_000);
  const start = performance.now();
  const result = await core.toggleRecording();
  if (!result.ok) throw new Error(`toggle refused: ${result.reason}`);
  return (await reached) - start;
}

/**
 * Runs `cycles` pause+resume cycles on one established, recording call of a
 * fresh embedded simulator. Throws if any toggle is refused or unconfirmed.
 */
export async function runToggleLatency(
  cycles: number,
  transport: BayeuxTransport,
): Promise<ToggleLatencyResult> {
  const sim = await startSimulator({ demo: false });
  const core = createAgentCore({ serverUrl: sim.url, username: 'agent1', password: 'agent1', transport });
  try {
    const started = await core.start();
    if (!started.ok) throw new Error(started.message);
    await waitForStatus(core, 'no-call', 10_000);
    const created = await got
      .post(`${sim.url}/sim/calls`, {
        json: { agent: 'agent1', from: '15551230042', state: 'Established', recording: true },
      })
      .json<{ statusCode: number }>();
    if (created.statusCode !== 0) throw new Error(`cannot create the call: ${JSON.stringify(created)}`);
    await waitForStatus(core, 'recording', 5_000);
    // Warm-up (JIT, sockets), not measured.
    for (let i = 0; i < 10; i++) {
      await timedToggle(core, 'paused');
      await timedToggle(core, 'recording');
    }
    const paused: number[] = [];
    const recording: number[] = [];
    for (let i = 0; i < cycles; i++) {
      paused.push(await timedToggle(core, 'paused'));
      recording.push(await timedToggle(core, 'recording'));
    }
    return { transport, cycles, toggleToPaused: stats(paused), toggleToRecording: stats(recording) };
  } finally {
    await core.stop();
    await sim.close();
  }
}
