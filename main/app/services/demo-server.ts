/**
 * The embedded simulator's life in demo mode: started on loopback at any
 * free port with its demo caller on and its `/sim` control API off (the demo
 * is a server agents use, not a test rig), closed at sign-out. One at a time.
 */

import {
  startSimulator,
  simulatorOptionsSchema,
  type SimulatorOptionsInput,
} from '../../../simulator/index.ts';
import type { LoggerPort } from '../ports/app-ports.ts';

/** The demo agent the embedded simulator knows. */
export const DEMO_USER = { username: 'agent1', password: 'agent1' } as const;

/**
 * Options of the demo simulator: loopback, any free port, the demo caller on,
 * and the `/sim` control API off where the simulator supports switching it off.
 */
export function demoSimulatorOptions(extra: SimulatorOptionsInput = {}): SimulatorOptionsInput {
  const canDisableControl = 'controlApi' in simulatorOptionsSchema.shape;
  return {
    ...extra,
    port: 0,
    host: '127.0.0.1',
    demo: true,
    ...(canDisableControl ? ({ controlApi: false } as SimulatorOptionsInput) : {}),
  };
}

/** The demo server of {@link createDemoServer}. */
export interface DemoServer {
  /**
   * Starts the simulator (closing any previous one) and resolves with its URL;
   * `undefined` when a newer start or a close came first (the one it started is
   * closed again). Throws when the simulator cannot start.
   */
  start(): Promise<string | undefined>;
  /** URL while it runs. */
  url(): string | undefined;
  /** Closes it and cancels a start under way; a failure is logged, never thrown. */
  close(): Promise<void>;
}

/** Builds a demo server; `extra` are simulator options (tests shorten its timings). */
export function createDemoServer(logger: LoggerPort, extra?: SimulatorOptionsInput): DemoServer {
  let running: { url: string; close(): Promise<void> } | undefined;
  /** Bumped by every start and close: a start that is no longer the latest closes what it started. */
  let turn = 0;
  const stop = async (sim: { close(): Promise<void> } | undefined): Promise<void> => {
    if (sim) await sim.close().catch((error: unknown) => logger.warn('simulator close failed', { error }));
  };
  const close = async (): Promise<void> => {
    turn += 1;
    const old = running;
    running = undefined;
    await stop(old);
  };
  return {
    async start() {
      const mine = ++turn;
      const old = running;
      running = undefined;
      await stop(old);
      if (mine !== turn) return undefined;
      const sim = await startSimulator(demoSimulatorOptions(extra));
      if (mine !== turn) {
        await stop(sim);
        return undefined;
      }
      running = sim;
      return sim.url;
    },
    url: () => running?.url,
    close,
  };
}
