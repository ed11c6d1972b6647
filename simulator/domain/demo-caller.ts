/**
 * The scripted caller of `--demo`: rings one agent soon after start, then
 * whenever it has had no call for an interval, so a newcomer sees calls
 * without doing anything. A ringing call nobody answers is abandoned after
 * 30 s; an answered one is hung up by the caller after 2 min. Its timers run on
 * the simulator's scheduler (and so its clock), and die with the server.
 */

import type { Scheduler } from './scheduler.ts';
import type { PendingEvent, World } from './world.ts';

export interface DemoCallerOptions {
  world: World;
  publish: (events: PendingEvent[]) => void;
  scheduler: Scheduler;
  agent: string;
  intervalMs: number;
  log: (line: string) => void;
  ringTimeoutMs?: number;
  talkTimeMs?: number;
}

const DEMO_NUMBERS = ['15551230042', '15551230077', '15559870311', '14155550123', '442079460018'];
/** The first call comes this soon (at most), so a newcomer does not wait a whole interval. */
const FIRST_CALL_MS = 1_500;

/** The caller's state between ticks. */
interface DemoCaller {
  readonly options: DemoCallerOptions;
  readonly ringTimeoutMs: number;
  readonly talkTimeMs: number;
  /** Index of the next number to dial from. */
  next: number;
  stopped: boolean;
}

/** Hangs up the calls that rang or talked too long. */
function hangUpStale(caller: DemoCaller): void {
  const { world, publish, agent, log, scheduler } = caller.options;
  const now = scheduler.clock.now();
  for (const call of world.callsOf(agent)) {
    const age = now - call.createdAt;
    if (
      (call.state === 'Ringing' && age > caller.ringTimeoutMs) ||
      age > caller.ringTimeoutMs + caller.talkTimeMs
    ) {
      log(`demo caller: ${call.remoteNumber} hangs up`);
      publish(world.remoteRelease(call.id).events);
    }
  }
}

/** Rings the agent when it has no call. */
function ringIfIdle(caller: DemoCaller): void {
  const { world, publish, agent, log } = caller.options;
  if (world.callsOf(agent).length > 0) return;
  const from = DEMO_NUMBERS[caller.next++ % DEMO_NUMBERS.length] ?? '15551230042';
  const result = world.createCall({
    agent,
    from,
    state: 'Ringing',
    userData: { CaseId: `C-${1000 + caller.next}` },
  });
  log(`demo caller: ${from} rings ${agent}`);
  publish(result.events);
}

/** One look at the agent's calls. */
function tick(caller: DemoCaller): void {
  if (caller.stopped) return;
  hangUpStale(caller);
  ringIfIdle(caller);
}

/** A tick every interval from the start (the early first call is extra). */
function tickEveryInterval(caller: DemoCaller): void {
  caller.options.scheduler.later(caller.options.intervalMs, () => {
    if (caller.stopped) return;
    tick(caller);
    tickEveryInterval(caller);
  });
}

/** Starts the caller; `stop()` ends it (the scheduler's own `stop()` does too). */
export function startDemoCaller(options: DemoCallerOptions): { stop(): void } {
  const caller: DemoCaller = {
    options,
    ringTimeoutMs: options.ringTimeoutMs ?? 30_000,
    talkTimeMs: options.talkTimeMs ?? 120_000,
    next: 0,
    stopped: false,
  };
  options.scheduler.later(Math.min(FIRST_CALL_MS, options.intervalMs), () => tick(caller));
  tickEveryInterval(caller);
  return {
    stop: () => {
      caller.stopped = true;
    },
  };
}
