/**
 * The scripted caller of `--demo`: rings one agent soon after start, then
 * whenever it has had no call for an interval, so a newcomer sees calls
 * without doing anything. A ringing call nobody answers is abandoned after
 * 30 s; an answered one is hung up by the caller after 2 min.
 */

import type { PendingEvent, World } from './world.ts';

export interface DemoCallerOptions {
  world: World;
  publish: (events: PendingEvent[]) => void;
  agent: string;
  intervalMs: number;
  log: (line: string) => void;
  ringTimeoutMs?: number;
  talkTimeMs?: number;
}

const DEMO_NUMBERS = ['15551230042', '15551230077', '15559870311', '14155550123', '442079460018'];

export function startDemoCaller(options: DemoCallerOptions): { stop(): void } {
  const { world, publish, agent, log } = options;
  const ringTimeoutMs = options.ringTimeoutMs ?? 30_000;
  const talkTimeMs = options.talkTimeMs ?? 120_000;
  let next = 0;
  const tick = (): void => {
    const now = Date.now();
    for (const call of world.callsOf(agent)) {
      const age = now - call.createdAt;
      if ((call.state === 'Ringing' && age > ringTimeoutMs) || age > ringTimeoutMs + talkTimeMs) {
        log(`demo caller: ${call.remoteNumber} hangs up`);
        publish(world.remoteRelease(call.id).events);
      }
    }
    if (world.callsOf(agent).length > 0) return;
    const from = DEMO_NUMBERS[next++ % DEMO_NUMBERS.length] ?? '15551230042';
    const result = world.createCall({
      agent,
      from,
      state: 'Ringing',
      userData: { CaseId: `C-${1000 + next}` },
    });
    log(`demo caller: ${from} rings ${agent}`);
    publish(result.events);
  };
  // The first call comes soon, so a newcomer does not wait a whole interval.
  const first = setTimeout(tick, Math.min(1_500, options.intervalMs));
  const timer = setInterval(tick, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
