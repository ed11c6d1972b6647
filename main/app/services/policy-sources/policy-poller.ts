/**
 * Applies policy changes without a restart: re-reads the OS policy on the
 * injected clock (registry and managed files alike; a poll is one `reg query`
 * pair or a few small file reads, once a minute by default) and tells its
 * listeners only when the merged values or problems changed. Polling rather
 * than file watching: GPO refreshes write the registry, which has no file to
 * watch, and watches are unreliable on the network profiles of VDI hosts.
 */

import type { Clock, TimerHandle } from '../../../core/ports/clock.ts';
import { createEmitter } from '../../../core/ports/emitter.ts';
import type { PolicyLayer } from './policy-values.ts';

/** Options of {@link createPolicyPoller}. */
export interface PolicyPollerOptions {
  clock: Clock;
  read: () => Promise<PolicyLayer>;
  /** Default 60 s; never below 5 s (a poll is cheap, but a host runs 50 of them). */
  intervalMs?: number;
}

/** The running poller. */
export interface PolicyPoller {
  /** Reads now and starts polling; resolves with the first policy read. */
  start(): Promise<PolicyLayer>;
  /** The last policy read. */
  current(): PolicyLayer | undefined;
  /** Called with the new policy whenever it changed. */
  onChange(listener: (policy: PolicyLayer) => void): () => void;
  /** Reads once now (e.g. on a settings-screen open); resolves when done. */
  poll(): Promise<void>;
  stop(): void;
}

const fingerprint = (policy: PolicyLayer): string =>
  JSON.stringify([Object.entries(policy.values).sort(([a], [b]) => a.localeCompare(b)), policy.problems]);

/** Creates a poller; nothing is read before `start`. */
export function createPolicyPoller(options: PolicyPollerOptions): PolicyPoller {
  const intervalMs = Math.max(options.intervalMs ?? 60_000, 5_000);
  const changes = createEmitter<PolicyLayer>();
  let last: PolicyLayer | undefined;
  let timer: TimerHandle | undefined;
  let inFlight: Promise<void> | undefined;
  let stopped = false;
  const readOnce = async (): Promise<void> => {
    let next: PolicyLayer;
    try {
      next = await options.read();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      next = {
        source: 'policy',
        values: last?.values ?? {},
        problems: [`Policy could not be read (${why}).`],
      };
    }
    const changed = last === undefined || fingerprint(last) !== fingerprint(next);
    const first = last === undefined;
    last = next;
    if (changed && !first && !stopped) changes.emit(next);
  };
  const arm = (): void => {
    if (stopped) return;
    timer = options.clock.setTimeout(() => void poll().finally(arm), intervalMs);
  };
  const poll = (): Promise<void> => {
    inFlight ??= readOnce().finally(() => (inFlight = undefined));
    return inFlight;
  };
  return {
    async start() {
      await poll();
      arm();
      return last!;
    },
    current: () => last,
    onChange: (listener) => changes.on(listener),
    poll,
    stop() {
      stopped = true;
      if (timer) options.clock.clearTimeout(timer);
    },
  };
}
