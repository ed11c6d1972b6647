/**
 * A real simulator and a real core signed in as agent1, with everything the
 * core reported (statuses, transitions, errors, log lines) recorded for the
 * test to assert on, and the few actions tests need from outside the agent's
 * own desktop (another client's operation, the server's recording truth).
 */

import { startSimulator, type SimulatorOptionsInput } from '../../../simulator/index.ts';
import { createAgentCore, type AgentCore, type AgentCoreOptions } from '../../../main/core/agent-core.ts';
import type { CoreErrorEvent, RecordingTransition } from '../../../main/core/core-events.ts';
import { GwsPath, GwsSession } from '../../../main/core/gws/session.ts';
import type { DerivedStatus } from '../../../main/core/state/workspace.ts';
import { simControl, type SimControl } from './sim-control.ts';
import { waitFor } from './wait-for.ts';

/** Short protocol timings so recovery tests finish in seconds. */
export const TEST_SIM_OPTIONS: SimulatorOptionsInput = { bayeuxTimeoutSec: 2 };

/**
 * A 0.5 s long-poll hold, for tests whose faults act on the next /meta/connect
 * reply and need not wait out a 2 s hold for it.
 */
export const FAST_POLL_SIM_OPTIONS: SimulatorOptionsInput = { bayeuxTimeoutSec: 0.5 };

/** A running simulator plus a signed-in core, and what the core reported. */
export interface Harness {
  core: AgentCore;
  sim: { url: string; close(): Promise<void> };
  ctl: SimControl;
  /** Every distinct derived status in order (consecutive duplicates collapsed). */
  statuses: DerivedStatus[];
  /** Every error message the core emitted. */
  errors: string[];
  /** Every error event, with code and severity. */
  errorEvents: CoreErrorEvent[];
  /** Every confirmed transition the core reported, in order. */
  transitions: RecordingTransition[];
  /** Number of state events received. */
  stateEvents: number;
  /** Every line the core logged (all levels, after its redaction), as `level message fields`. */
  logLines: string[];
  /**
   * Lines (error messages and log lines) that look like they carry a secret:
   * the agent's password, a cookie, a CSRF token, Basic credentials. Tests
   * assert it is empty over everything captured.
   */
  secretLeaks(password?: string): string[];
  /** Waits until the derived status is `status`. */
  waitStatus(status: DerivedStatus, timeoutMs?: number): Promise<void>;
  /** Creates a call on the simulator and waits until the core shows it established. */
  establishedCall(recording?: boolean): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts a simulator (test timings unless overridden) and a core signed in as
 * agent1, and waits until the core is live.
 */
export async function startHarness(
  simOptions: SimulatorOptionsInput = {},
  coreOptions: Partial<AgentCoreOptions> = {},
  /** Where the core connects, given the simulator (e.g. a relay in front of it). */
  serverUrlFor: (sim: { url: string; port: number }) => Promise<string> = async (sim) => sim.url,
): Promise<Harness> {
  const sim = await startSimulator({ ...TEST_SIM_OPTIONS, ...simOptions });
  const ctl = simControl(sim.url);
  const logLines: string[] = [];
  const sink = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const core = createAgentCore({
    logger: { debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') },
    serverUrl: await serverUrlFor(sim),
    username: 'agent1',
    password: 'agent1',
    recordingTimeoutMs: 1_000,
    requestTimeoutMs: 3_000,
    ...coreOptions,
  });
  const statuses: DerivedStatus[] = [];
  const errors: string[] = [];
  const errorEvents: CoreErrorEvent[] = [];
  const transitions: RecordingTransition[] = [];
  let stateEvents = 0;
  core.subscribe((event) => {
    if (event.type === 'error') {
      errors.push(event.message);
      errorEvents.push(event);
      return;
    }
    stateEvents += 1;
    transitions.push(...event.transitions);
    if (statuses.at(-1) !== event.state.status) statuses.push(event.state.status);
  });
  const started = await core.start();
  if (!started.ok) {
    await sim.close();
    throw new Error(`core did not start: ${started.code}: ${started.message}`);
  }
  const harness: Harness = {
    core,
    sim,
    ctl,
    statuses,
    errors,
    errorEvents,
    transitions,
    get stateEvents() {
      return stateEvents;
    },
    logLines,
    secretLeaks(password) {
      const pattern =
        /JSESSIONID=(?!\[redacted\])|Basic [A-Za-z0-9+/=]{8,}|x-csrf-token"?\s*[:=]\s*"?[0-9a-f-]{8,}/i;
      return [...errors, ...logLines].filter(
        (line) => pattern.test(line) || (password !== undefined && line.includes(password)),
      );
    },
    async waitStatus(status, timeoutMs = 3_000) {
      await waitFor(
        () => core.getSnapshot().status === status,
        timeoutMs,
        `status ${status}`,
        () => core.getSnapshot(),
      );
    },
    async establishedCall(recording = true) {
      const id = await ctl.createCall({ state: 'Established', recording });
      await waitFor(
        () => core.getSnapshot().calls.some((c) => c.id === id && c.state === 'Established'),
        3_000,
        `call ${id} established`,
        () => core.getSnapshot(),
      );
      return id;
    },
    async close() {
      await core.stop();
      await sim.close();
    },
  };
  await waitFor(
    () => core.getSnapshot().live,
    5_000,
    'core live',
    () => core.getSnapshot(),
  );
  return harness;
}

/** The simulator's recordingState of `callId` (the server truth). */
export async function serverRecordingState(ctl: SimControl, callId: string): Promise<string | undefined> {
  const state = await ctl.state();
  return state.calls.find((c) => c.id === callId)?.recordingState;
}

/**
 * Another client of the same agent (a second workstation, a supervisor tool):
 * signs in on its own HTTP session and posts a call operation over REST, so
 * the change reaches the core only as an event (or, if that event is lost,
 * only through reconciling).
 */
export async function otherClientOperation(
  serverUrl: string,
  callId: string,
  operationName: string,
  user = { username: 'agent1', password: 'agent1' },
): Promise<void> {
  const other = new GwsSession({ serverUrl, ...user });
  const login = await other.signIn();
  if (!login.ok) throw new Error(`other client could not sign in: ${login.message}`);
  const result = await other.post(`${GwsPath.Calls}/${encodeURIComponent(callId)}`, { operationName });
  if (!result.ok) throw new Error(`other client ${operationName} failed: ${result.message}`);
}
