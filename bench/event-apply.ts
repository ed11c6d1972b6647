import { performance } from 'node:perf_hooks';
import { parseGwsEvent } from '../main/core/state/call-model.ts';
import { systemClock } from '../main/core/ports/clock.ts';
import { Workspace } from '../main/core/state/workspace.ts';
import { parseSimulatorOptions } from '../simulator/options.ts';
import { World } from '../simulator/domain/world.ts';
import { round } from './stats.ts';

/**
 * (e) Event-apply throughput and memory: `calls` calls each created
 * (Established, recording), paused, resumed and released — four GWS events
 * apiece, shaped exactly as the simulator sends them — through
 * `parseGwsEvent` + `Workspace.applyEvent`, on a live workspace whose owner
 * takes the confirmed transitions on every change (as the core must, or they
 * pile up). The core's own per-change work (snapshot, its JSON key, the
 * listeners) is not included. Heap is measured after forced
 * GCs (run with `--expose-gc`) once 1,000 calls have come and gone (baseline)
 * and again after all of them.
 */
export interface EventApplyResult {
  calls: number;
  events: number;
  eventsPerSecond: number;
  heapBaselineMB: number;
  heapAfterMB: number;
  heapGrowthPercent: number;
  gcExposed: boolean;
}

type EventData = Record<string, unknown> & { call: Record<string, unknown> };

/** Event templates from the simulator's own model: created, paused, resumed, released. */
function templates(): EventData[] {
  const world = new World(parseSimulatorOptions({}), () => 'http://gws.bench.invalid');
  const created = world.createCall({
    agent: 'agent1',
    from: '15551230042',
    state: 'Established',
    recording: true,
  });
  const id = String(created.body?.id);
  const paused = world.callOperation('agent1', id, { operationName: 'PauseCallRecording' });
  const resumed = world.callOperation('agent1', id, { operationName: 'ResumeCallRecording' });
  const released = world.remoteRelease(id);
  return [created, paused, resumed, released].map((r) => {
    const data = r.events.find((e) => e.channel === '/v2/me/calls')?.data;
    if (!data) throw new Error('the simulator produced no call event');
    return structuredClone(data) as EventData;
  });
}

/** The four events of call number `n`, ids rewritten (fresh objects, as off the wire). */
function eventsOf(tpl: EventData[], n: number): EventData[] {
  const id = `bench${n.toString(16).padStart(27, '0')}`;
  return tpl.map((t) => ({ ...t, call: { ...t.call, id, callUuid: id } }));
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return;
  for (let i = 0; i < 3; i++) collect();
}

function heapMB(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/**
 * Runs up to `calls` calls, stopping early (and saying so in `calls`) once
 * `budgetMs` of apply time is spent, so a slow build cannot hold the bench.
 */
export function runEventApply(
  calls = 100_000,
  budgetMs = 90_000,
): EventApplyResult & { timeCapped: boolean } {
  const tpl = templates();
  const workspace: Workspace = new Workspace({
    clock: systemClock,
    onChange: () => void workspace.takeTransitions(),
    onRecordingError: () => undefined,
    onNeedsRefresh: () => undefined,
  });
  workspace.setConnection('connected');
  workspace.markSynced();
  const chunk = 1_000;
  let applyMs = 0;
  let events = 0;
  let baseline = 0;
  let done = 0;
  for (let start = 0; start < calls && applyMs < budgetMs; start += chunk) {
    const batch: EventData[] = [];
    for (let n = start; n < Math.min(calls, start + chunk); n++) batch.push(...eventsOf(tpl, n));
    const t0 = performance.now();
    for (const data of batch) workspace.applyEvent(parseGwsEvent(data));
    applyMs += performance.now() - t0;
    events += batch.length;
    done = Math.min(calls, start + chunk);
    if (start === 0) baseline = heapMB();
  }
  const after = heapMB();
  if (workspace.snapshot().calls.length !== 0) throw new Error('released calls are still in the workspace');
  workspace.dispose();
  return {
    calls: done,
    timeCapped: done < calls,
    events,
    eventsPerSecond: Math.round((events / applyMs) * 1000),
    heapBaselineMB: round(baseline),
    heapAfterMB: round(after),
    heapGrowthPercent: round(((after - baseline) / baseline) * 100, 1),
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
}
