/**
 * The session controller's explicit lifecycle: one core at a time, each
 * sign-in an *attempt* that a newer one supersedes (its late results are
 * dropped, whatever it started is stopped), and the session state that goes
 * with it (`signed-out` → `signing-in` → `signed-in`). It also watches the
 * running core for the one event that ends a session by itself: the server
 * refusing the credentials while reconnecting (signed out, `bad-credentials`).
 *
 * What a sign-in needs besides a core (the password, the demo server) is the
 * controller's; the lifecycle only calls `afterStop` at every teardown.
 */

import type { SignInFailureCode, SignInResult } from '../../../contract/ipc-contract.ts';
import { createEmitter, type Emitter } from '../../core/ports/emitter.ts';
import type { AppCore, CompliantCoreEvent, StartResult } from '../ports/core-port.ts';
import type { LoggerPort } from '../ports/app-ports.ts';
import { credentialsRefused, type SessionState } from '../policies/session-state.ts';
import type { CoreConfig, CoreFactory } from './core-factory.ts';

/** What the controller reports to its subscribers. */
export type SessionEvent =
  { type: 'session'; state: SessionState } | { type: 'core'; event: CompliantCoreEvent };

/** The answer of an attempt that a newer sign-in (or a sign-out) replaced. */
export const SUPERSEDED: SignInResult = {
  ok: false,
  code: 'stopped',
  message: 'Another sign-in replaced this one.',
};

/** One sign-in attempt; `current()` turns false once a newer attempt or a sign-out began. */
export interface Attempt {
  current(): boolean;
}

/** Dependencies of {@link createSessionLifecycle}. */
export interface SessionLifecycleDeps {
  createCore: CoreFactory;
  logger: LoggerPort;
  /** Runs at every teardown, after the core stopped (close the demo server, drop a held password). */
  afterStop(): Promise<void>;
}

/** The lifecycle of {@link createSessionLifecycle}. */
export interface SessionLifecycle {
  readonly events: Emitter<SessionEvent>;
  state(): SessionState;
  /** The running core, while signing in or signed in. */
  core(): AppCore | undefined;
  /** Shows a new session state to the subscribers. */
  show(state: SessionState): void;
  /** Begins an attempt: supersedes every older one and stops what runs; `undefined` when superseded meanwhile. */
  begin(): Promise<Attempt | undefined>;
  /** Builds and starts a core for `attempt`; signed in as `shown` on success, after `onSuccess`. */
  run(
    attempt: Attempt,
    config: CoreConfig,
    shown: SessionState,
    onSuccess?: () => Promise<void>,
  ): Promise<SignInResult>;
  /** Ends `attempt` with a failure: stops what runs and shows `signed-out` with the reason. */
  fail(attempt: Attempt, code: SignInFailureCode, message: string): Promise<SignInResult>;
  /** Supersedes every attempt and stops what runs (sign-out); the caller shows the new state. */
  end(): Promise<void>;
}

/** Mutable parts of one lifecycle. */
interface Slot {
  generation: number;
  state: SessionState;
  core: AppCore | undefined;
  unsubscribe: (() => void) | undefined;
}

/** Builds the lifecycle; signed out, nothing running. */
export function createSessionLifecycle(deps: SessionLifecycleDeps): SessionLifecycle {
  const { logger } = deps;
  const events = createEmitter<SessionEvent>((error) => logger.error('session listener failed', { error }));
  const slot: Slot = {
    generation: 0,
    state: { phase: 'signed-out', demo: false },
    core: undefined,
    unsubscribe: undefined,
  };
  const show = (state: SessionState): void => {
    slot.state = state;
    events.emit({ type: 'session', state });
  };
  const teardown = (): Promise<void> => stopRunning(slot, deps);
  const attemptOf = (id: number): Attempt => ({ current: () => id === slot.generation });

  const lifecycle: SessionLifecycle = {
    events,
    state: () => slot.state,
    core: () => slot.core,
    show,
    async begin() {
      const attempt = attemptOf(++slot.generation);
      await teardown();
      return attempt.current() ? attempt : undefined;
    },
    async run(attempt, config, shown, onSuccess) {
      const onEvent = (event: CompliantCoreEvent): void => {
        if (!attempt.current()) return;
        events.emit({ type: 'core', event });
        if (event.type === 'state' && credentialsRefused(event.state))
          signOutRefused(slot, show, teardown, logger);
      };
      const result = await startCore({
        slot,
        deps,
        attempt,
        config,
        onEvent,
        teardown,
        fail: lifecycle.fail,
      });
      if (!result.ok) return result;
      await onSuccess?.();
      logger.info('signed in', { serverUrl: shown.serverUrl, username: shown.username, demo: shown.demo });
      show({ ...shown, phase: 'signed-in' });
      return result;
    },
    async fail(attempt, code, message) {
      if (!attempt.current()) return SUPERSEDED;
      const { demo, serverUrl, username } = slot.state;
      await teardown();
      logger.warn('sign-in failed', { code, serverUrl, username });
      show({
        phase: 'signed-out',
        demo,
        lastError: { code, message },
        ...(serverUrl ? { serverUrl, username } : {}),
      });
      return { ok: false, code, message };
    },
    async end() {
      slot.generation += 1;
      await teardown();
    },
  };

  return lifecycle;
}

/** The server refused the credentials while reconnecting: the core is done, sign out with a reason. */
function signOutRefused(
  slot: Slot,
  show: (state: SessionState) => void,
  teardown: () => Promise<void>,
  logger: LoggerPort,
): void {
  if (slot.state.phase !== 'signed-in') return;
  const { demo, serverUrl, username } = slot.state;
  const lastError = {
    code: 'bad-credentials' as const,
    message: 'The server no longer accepts the password. Sign in again.',
  };
  logger.warn('server refused the credentials while reconnecting; signed out', { serverUrl, username });
  slot.generation += 1;
  void teardown().then(() =>
    show({ phase: 'signed-out', demo, lastError, ...(serverUrl ? { serverUrl, username } : {}) }),
  );
}

/** Stops whatever runs: the core (EndContactCenterSession), then the controller's `afterStop`. */
async function stopRunning(slot: Slot, deps: SessionLifecycleDeps): Promise<void> {
  const [core, unsubscribe] = [slot.core, slot.unsubscribe];
  slot.core = undefined;
  slot.unsubscribe = undefined;
  unsubscribe?.();
  if (core) await core.stop().catch((error: unknown) => deps.logger.warn('core stop failed', { error }));
  await deps.afterStop();
}

/** What {@link startCore} needs. */
interface StartCoreInput {
  slot: Slot;
  deps: SessionLifecycleDeps;
  attempt: Attempt;
  config: CoreConfig;
  onEvent(event: CompliantCoreEvent): void;
  teardown(): Promise<void>;
  fail: SessionLifecycle['fail'];
}

/** Builds the core, makes it the running one, and starts it; `{ ok: true }` once it signed in. */
async function startCore(input: StartCoreInput): Promise<SignInResult> {
  const { slot, deps, attempt } = input;
  let created: AppCore;
  try {
    created = deps.createCore(input.config);
  } catch (error) {
    return input.fail(attempt, 'config', error instanceof Error ? error.message : 'unusable setting');
  }
  slot.core = created;
  slot.unsubscribe = created.subscribe(input.onEvent);
  const result: StartResult = await created.start().catch((error: unknown) => ({
    ok: false as const,
    code: 'server-error' as const,
    message: error instanceof Error ? error.message : 'sign-in failed',
  }));
  if (!attempt.current()) {
    if (slot.core === created) await input.teardown();
    return SUPERSEDED;
  }
  if (!result.ok) return input.fail(attempt, result.code, result.message);
  return { ok: true };
}
