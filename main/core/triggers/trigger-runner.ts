/**
 * The thin runner around the registry's pure decisions: it feeds them trigger events, the core's snapshots,
 * command results and clock ticks, carries out the pause/resume commands through a {@link TriggerCorePort}, keeps
 * one timer on the injected clock armed for the next moment a decision can change, and tells listeners the page
 * state and notices (cap warning, cap ended, override) as they change.
 *
 * Why a port: the runner must not know the agent core's shape (it is being reshaped) and must be testable with
 * a fake whose confirmations the test controls. Every decision lives in registry.ts / registry-view.ts.
 */

import type { Clock, TimerHandle } from '../ports/clock.ts';
import { systemClock } from '../ports/clock.ts';
import type { Emitter } from '../ports/emitter.ts';
import { createEmitter } from '../ports/emitter.ts';
import type { Logger } from '../ports/logging.ts';
import { silentLogger } from '../ports/logging.ts';
import type { RegistryCommand, RegistryInput, RegistryNotice, RegistryState } from './registry.ts';
import { initialRegistryState, stepRegistry, targetCall } from './registry.ts';
import { decideManualResume, nextWakeAt, pageStateOf } from './registry-view.ts';
import type {
  PageStateName,
  SourceTrigger,
  TriggerCorePort,
  TriggerName,
  TriggerPolicy,
} from './trigger-types.ts';
import { DEFAULT_TRIGGER_POLICY } from './trigger-types.ts';

/** What the runner tells its listeners. */
export type TriggerRunnerEvent =
  | { readonly type: 'page-state'; readonly state: PageStateName }
  | { readonly type: 'notice'; readonly notice: RegistryNotice }
  | { readonly type: 'override'; readonly trigger: TriggerName; readonly ruleIds: readonly string[] };

/** The answer to a manual resume. */
export type ManualResumeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'source-active'; readonly ruleIds: readonly string[] }
  | { readonly ok: false; readonly reason: 'no-call' | 'refused'; readonly message?: string };

/** The running registry. */
export interface TriggerRunner {
  /** A source became active (idempotent per key). */
  sourceStart(key: string, trigger: SourceTrigger, ruleId: string): void;
  /** A source ended (no-op for an unknown key). */
  sourceEnd(key: string): void;
  /** Ends every source whose key starts with `prefix` (a lost connection takes its tabs with it). */
  endSources(prefix: string): void;
  /** A manual resume: refused while a source is active unless `override` (which the audit log records). */
  manualResume(trigger: TriggerName, override: boolean): Promise<ManualResumeResult>;
  /** Replaces the timing policy (a new managed setting). */
  setPolicy(policy: TriggerPolicy): void;
  /** The overlay state now. */
  readonly pageState: PageStateName;
  /** The registry's state (for tests and diagnostics). */
  readonly state: RegistryState;
  on(listener: (event: TriggerRunnerEvent) => void): () => void;
  /** Stops the timer and the snapshot subscription. */
  stop(): void;
}

/** Options of {@link createTriggerRunner}. */
export interface TriggerRunnerOptions {
  readonly port: TriggerCorePort;
  readonly clock?: Clock;
  readonly policy?: TriggerPolicy;
  readonly logger?: Logger;
}

/** Mutable cell of the runner: the registry state, the policy, the armed timer and the last page state. */
interface RunnerCell {
  state: RegistryState;
  policy: TriggerPolicy;
  timer: TimerHandle | undefined;
  page: PageStateName;
  stopped: boolean;
}

/** What the runner's units share. */
interface RunnerContext {
  readonly cell: RunnerCell;
  readonly port: TriggerCorePort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: Emitter<TriggerRunnerEvent>;
}

/** Feeds one input to the registry and carries out what it decided. */
function feed(ctx: RunnerContext, input: RegistryInput): void {
  const { cell, clock } = ctx;
  if (cell.stopped) return;
  const step = stepRegistry(cell.state, input, clock.now(), cell.policy);
  cell.state = step.state;
  for (const command of step.commands) execute(ctx, command);
  publish(ctx, step.notices);
  arm(ctx);
}

/** Sends one command to the core; its outcome comes back as an input. */
function execute(ctx: RunnerContext, command: RegistryCommand): void {
  const { port } = ctx;
  const call = command.kind === 'pause' ? port.pause : port.resume;
  call.call(port, command.callId, command.request).then(
    () => feed(ctx, { type: 'command-done', ok: true }),
    (error: unknown) => {
      ctx.logger.warn(`automatic ${command.kind} refused`, {
        trigger: command.request.trigger,
        error: String(error),
      });
      feed(ctx, { type: 'command-done', ok: false });
    },
  );
}

/** Tells listeners the notices and, when it changed, the page state. */
function publish(ctx: RunnerContext, notices: readonly RegistryNotice[]): void {
  const { cell, events } = ctx;
  for (const notice of notices) events.emit({ type: 'notice', notice });
  const page = pageStateOf(cell.state, ctx.clock.now(), cell.policy);
  if (page !== cell.page) {
    cell.page = page;
    events.emit({ type: 'page-state', state: page });
  }
}

/** Keeps one timer armed for the next moment a decision can change by itself. */
function arm(ctx: RunnerContext): void {
  const { cell, clock } = ctx;
  if (cell.timer !== undefined) clock.clearTimeout(cell.timer);
  cell.timer = undefined;
  const at = nextWakeAt(cell.state, clock.now(), cell.policy);
  if (at === undefined || cell.stopped) return;
  cell.timer = clock.setTimeout(() => {
    cell.timer = undefined;
    feed(ctx, { type: 'tick' });
  }, at - clock.now());
}

/** Carries out a manual resume through the registry's decision (see {@link decideManualResume}). */
async function manualResume(
  ctx: RunnerContext,
  trigger: TriggerName,
  override: boolean,
): Promise<ManualResumeResult> {
  const { cell } = ctx;
  const callId = targetCall(cell.state);
  if (callId === undefined) return { ok: false, reason: 'no-call' };
  const decision = decideManualResume(cell.state, trigger, override, ctx.clock.now());
  if (!decision.allowed) return { ok: false, reason: decision.reason, ruleIds: decision.ruleIds };
  cell.state = decision.state;
  if (decision.overrode.length > 0)
    ctx.events.emit({ type: 'override', trigger, ruleIds: decision.overrode });
  publish(ctx, []);
  arm(ctx);
  try {
    await ctx.port.resume(callId, decision.request);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Creates and starts a {@link TriggerRunner}. */
export function createTriggerRunner(options: TriggerRunnerOptions): TriggerRunner {
  const logger = options.logger ?? silentLogger;
  const ctx: RunnerContext = {
    cell: {
      state: initialRegistryState(options.port.snapshot()),
      policy: options.policy ?? DEFAULT_TRIGGER_POLICY,
      timer: undefined,
      page: 'idle',
      stopped: false,
    },
    port: options.port,
    clock: options.clock ?? systemClock,
    logger,
    events: createEmitter<TriggerRunnerEvent>((error) =>
      logger.warn('trigger listener failed', { error: String(error) }),
    ),
  };
  const { cell } = ctx;
  const unsubscribe = options.port.onSnapshot((snapshot) => feed(ctx, { type: 'snapshot', snapshot }));

  return {
    sourceStart: (key, trigger, ruleId) => feed(ctx, { type: 'source-start', key, trigger, ruleId }),
    sourceEnd: (key) => feed(ctx, { type: 'source-end', key }),
    endSources(prefix: string): void {
      for (const key of [...cell.state.sources.keys()]) {
        if (key.startsWith(prefix)) feed(ctx, { type: 'source-end', key });
      }
    },
    manualResume: (trigger, override) => manualResume(ctx, trigger, override),
    setPolicy(policy: TriggerPolicy): void {
      cell.policy = policy;
      feed(ctx, { type: 'tick' });
    },
    get pageState(): PageStateName {
      return cell.page;
    },
    get state(): RegistryState {
      return cell.state;
    },
    on: (listener) => ctx.events.on(listener),
    stop(): void {
      cell.stopped = true;
      unsubscribe();
      if (cell.timer !== undefined) ctx.clock.clearTimeout(cell.timer);
      cell.timer = undefined;
      ctx.events.clear();
    },
  };
}
