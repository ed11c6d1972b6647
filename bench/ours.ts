/**
 * (a) Our client as the agent experiences it: from `toggleRecording()` until
 * the derived status is `paused` (or `recording`) as confirmed by the server's
 * event — REST round trip, server, event delivery, parsing, state derivation.
 */

import { performance } from 'node:perf_hooks';
import { createAgentCore, type AgentCore } from '../main/core/agent-core.ts';
import type { BayeuxTransport } from '../main/core/bayeux/connection.ts';
import type { DerivedStatus } from '../main/core/state/workspace.ts';
import { stats, type LatencyStats } from './stats.ts';
import type { BenchTarget } from './targets.ts';

/** Result of one server × transport run. */
export interface OursResult {
  server: string;
  transport: BayeuxTransport;
  /** Every toggle (pause and resume alike). */
  toggle: LatencyStats;
  toPaused: LatencyStats;
  toRecording: LatencyStats;
}

/** Hooks the (d) overhead probe uses around each toggle. */
export interface ToggleProbe {
  /** Right before `toggleRecording()` is called. */
  beforeToggle(at: number): void;
  /** When the confirmed status was emitted. */
  statusEmitted(at: number): void;
}

/** Resolves with the time the core's derived status becomes `status`. */
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

/** One timed toggle: ms from the call to the confirmed `expect` status. */
async function timedToggle(core: AgentCore, expect: DerivedStatus, probe?: ToggleProbe): Promise<number> {
  const reached = statusReached(core, expect, 10_000);
  const start = performance.now();
  probe?.beforeToggle(start);
  const result = await core.toggleRecording();
  if (!result.ok) throw new Error(`toggle refused: ${JSON.stringify(result)}`);
  const at = await reached;
  probe?.statusEmitted(at);
  return at - start;
}

/** A signed-in core with one established, recording call, ready to toggle. */
export async function startCoreWithCall(
  target: BenchTarget,
  transport: BayeuxTransport,
  serverUrl = target.url,
): Promise<{ core: AgentCore; callId: string }> {
  const core = createAgentCore({ serverUrl, username: 'agent1', password: 'agent1', transport });
  const started = await core.start();
  if (!started.ok) throw new Error(JSON.stringify(started));
  await waitForStatus(core, 'no-call', 10_000);
  const callId = await target.addEstablishedCall();
  await waitForStatus(core, 'recording', 10_000);
  return { core, callId };
}

/** A signed-in core with its call, ready to toggle. */
export interface OursSession {
  /** One timed toggle: pause when `i` is even, resume when odd; ms until the confirmed status. */
  toggle(i: number, probe?: ToggleProbe): Promise<number>;
  close(): Promise<void>;
}

/** Signs agent1 in over `transport` (optionally through `serverUrl`, e.g. a relay) with a recording call. */
export async function startOurs(
  target: BenchTarget,
  transport: BayeuxTransport,
  serverUrl = target.url,
): Promise<OursSession> {
  const { core, callId } = await startCoreWithCall(target, transport, serverUrl);
  return {
    toggle: (i, probe) => timedToggle(core, i % 2 === 0 ? 'paused' : 'recording', probe),
    async close() {
      await target.releaseCall(callId);
      await core.stop();
    },
  };
}

/** Summaries of alternating toggle samples (even = pause, odd = resume). */
export function oursResult(server: string, transport: BayeuxTransport, samples: number[]): OursResult {
  return {
    server,
    transport,
    toggle: stats(samples),
    toPaused: stats(samples.filter((_, i) => i % 2 === 0)),
    toRecording: stats(samples.filter((_, i) => i % 2 === 1)),
  };
}

/**
 * `cycles` toggles (alternately pause and resume; each one a full POST → event
 * cycle) after 20 unmeasured warm-up toggles. Throws if any is refused or unconfirmed.
 */
export async function runOurs(
  target: BenchTarget,
  transport: BayeuxTransport,
  cycles: number,
  options: { serverUrl?: string; probe?: ToggleProbe } = {},
): Promise<OursResult> {
  const session = await startOurs(target, transport, options.serverUrl);
  try {
    for (let i = 0; i < 20; i++) await session.toggle(i);
    const samples: number[] = [];
    for (let i = 0; i < cycles; i++) samples.push(await session.toggle(i, options.probe));
    return oursResult(target.name, transport, samples);
  } finally {
    await session.close();
  }
}
