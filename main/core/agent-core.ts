/**
 * The main-process core: one agent's GWS session, notification stream,
 * workspace and commands behind a small typed API. Plain Node — never imports
 * electron — so the tray app and the headless CLI share it unchanged.
 * `createAgentCore` only composes the named units: the contact-center session
 * (sign in, stream, Start/End ContactCenterSession: when the state may be
 * trusted), the state sync (events, REST reads through the one StateReader,
 * snapshot publishing: what the state is) and the commands.
 */

import { ContactCenterSession } from './contact-center-session.ts';
import type { BayeuxTimings, BayeuxTransport } from './bayeux/connection.ts';
import type { CoreErrorCode, CoreEvent, Severity, StartResult } from './core-events.ts';
import { GwsSession, type GwsSessionOptions } from './gws/session.ts';
import { systemClock, type Clock } from './ports/clock.ts';
import { createEmitter } from './ports/emitter.ts';
import { redactingLogger, silentLogger, type Logger } from './ports/logging.ts';
import { redactText } from './ports/redact.ts';
import { unconfiguredCore } from './sign-in.ts';
import {
  agentStateCommand,
  callCommand,
  recordingCommand,
  toggleRecording,
  type CommandContext,
  type CommandResult,
} from './state/commands.ts';
import { StateSync, type ReportError } from './state/state-sync.ts';
import type { WorkspaceSnapshot } from './state/workspace.ts';

export { SUBSCRIBED_CHANNELS } from './contact-center-session.ts';

/** Default reconcile cadence while a pause is at stake: one GET of the agent's calls every 5 s. */
export const DEFAULT_RECONCILE_INTERVAL_MS = 5_000;

/** Default reconcile cadence while every call plainly records or not: one GET a minute. */
export const DEFAULT_SLOW_RECONCILE_INTERVAL_MS = 60_000;

/** Options of {@link createAgentCore}. */
export interface AgentCoreOptions extends GwsSessionOptions {
  /** Bayeux transport (see {@link BayeuxTransport}; the connection's default when absent). */
  transport?: BayeuxTransport;
  /** Time a recording op may stay pending before it becomes `unknown` (default 5 s). */
  recordingTimeoutMs?: number;
  /** Injectable time source for every core timer. */
  clock?: Clock;
  /** Bayeux tunables (tests shorten them). */
  bayeuxTimings?: Partial<BayeuxTimings>;
  /**
   * Reconcile cadence in ms while a pause is at stake (default
   * {@link DEFAULT_RECONCILE_INTERVAL_MS}): while any call is paused, pausing,
   * resuming, unknown or unverified and the stream is live, `GET
   * /api/v2/me/calls` this long after the previous read. Such a call not
   * confirmed by the server for twice this long is `stale` (status `unknown`).
   */
  reconcileIntervalMs?: number;
  /**
   * Reconcile cadence in ms while every known call is plainly recording or
   * not recording (confirmed, nothing pending); default
   * {@link DEFAULT_SLOW_RECONCILE_INTERVAL_MS}, never shorter than
   * `reconcileIntervalMs`. Such a call is `stale` after twice this.
   */
  slowReconcileIntervalMs?: number;
  /** Where the core logs (redacted before it gets there); silent by default. */
  logger?: Logger;
}

export type { CoreEvent, StartResult } from './core-events.ts';

/** The public API of the core. */
export interface AgentCore {
  /**
   * Signs in (Basic), then starts the notification stream. Never throws: a
   * failure comes back with a {@link SignInFailureCode} (`config` for an
   * unusable setting, `insecure-url` for plain http to a non-loopback host,
   * refused before any request).
   */
  start(): Promise<StartResult>;
  /** Ends the contact-center session (which invalidates the HTTP session) and stops the stream. */
  stop(): Promise<void>;
  /** Current state. */
  getSnapshot(): WorkspaceSnapshot;
  /**
   * Calls `listener` with a `state` event whenever the snapshot changed (with
   * the transitions confirmed since the previous one) and with every `error`
   * event; returns the unsubscribe function.
   */
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /**
   * Rebuilds the notification stream at once and re-reads state (the app
   * calls it on OS resume and when the network comes back).
   */
  reconnectNow(): void;
  /**
   * The hotkey action: pause if recording, resume if paused, on the target
   * call. On an `unknown`/`stale` call it re-reads the state first.
   */
  toggleRecording(): Promise<CommandResult>;
  /** PauseCallRecording on `callId` or the target call; settles on the server's event. */
  pauseRecording(callId?: string): Promise<CommandResult>;
  /** ResumeCallRecording on `callId` or the target call. */
  resumeRecording(callId?: string): Promise<CommandResult>;
  /** StartCallRecording on `callId` or the target call. */
  startRecording(callId?: string): Promise<CommandResult>;
  /** StopCallRecording on `callId` or the target call. */
  stopRecording(callId?: string): Promise<CommandResult>;
  /** Answer `callId` or the ringing call. */
  answer(callId?: string): Promise<CommandResult>;
  /** Hold `callId` or the target call. */
  hold(callId?: string): Promise<CommandResult>;
  /** Retrieve `callId` or the held call. */
  retrieve(callId?: string): Promise<CommandResult>;
  /** Hang up `callId`, else the target call, else a ringing or dialing call; never a held one unless named. */
  hangup(callId?: string): Promise<CommandResult>;
  /** Voice channel Ready (confirmed by DeviceStateChangeMessage). */
  ready(): Promise<CommandResult>;
  /** Voice channel NotReady. */
  notReady(): Promise<CommandResult>;
  /** Successful Basic sign-ins so far (1 + re-logins); for diagnostics. */
  readonly loginCount: number;
}

/**
 * Builds an {@link AgentCore}; nothing happens on the network until `start()`.
 * Never throws: an unusable setting (server/proxy URL, CA file, missing
 * credentials) makes `start()` answer `config` with a message naming it.
 */
export function createAgentCore(options: AgentCoreOptions): AgentCore {
  const clock = options.clock ?? systemClock;
  let session: GwsSession;
  try {
    session = new GwsSession(options);
  } catch (error) {
    return unconfiguredCore(clock, redactText((error as Error).message));
  }
  const log = redactingLogger(options.logger ?? silentLogger, () => session.secrets());
  // A consumer's bug must not break the core's state handling: a throwing listener is ignored.
  const events = createEmitter<CoreEvent>();
  const reportError = errorReporter(log, events.emit, () => session.secrets());
  const sync = new StateSync({
    get: (path) => session.get(path),
    clock,
    log,
    reportError,
    publish: (state, transitions) => events.emit({ type: 'state', state, transitions }),
    cadences: reconcileCadences(options),
    maxBackoffMs: options.bayeuxTimings?.maxBackoffMs ?? 5_000,
    readAllowed: () => cc.streamState !== 'signed-out',
    ...(options.recordingTimeoutMs === undefined ? {} : { recordingTimeoutMs: options.recordingTimeoutMs }),
  });
  const cc: ContactCenterSession = new ContactCenterSession({
    session,
    sync,
    clock,
    log,
    reportError,
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.bayeuxTimings ? { bayeuxTimings: options.bayeuxTimings } : {}),
  });
  const ctx: CommandContext = {
    post: (path, body) => session.post(path, body),
    workspace: sync.workspace,
    refresh: () => sync.refresh(),
  };
  let stopped = false;
  return {
    start: () => cc.start(),
    async stop() {
      if (stopped) return;
      stopped = true;
      sync.stop();
      await cc.stop();
      sync.dispose();
      log.info('stopped');
    },
    getSnapshot: () => sync.workspace.snapshot(),
    subscribe: (listener) => events.on(listener),
    reconnectNow() {
      // Read at once too: REST may already work while the stream is rebuilt,
      // and the state shown must not wait for the new stream to be verified.
      if (cc.reconnectNow()) sync.readNow();
    },
    ...commandsOf(ctx),
    get loginCount() {
      return session.loginCount;
    },
  };
}

/** The cadences from the options: fast as given (default 5 s), slow never shorter than fast. */
function reconcileCadences(options: AgentCoreOptions): { fastMs: number; slowMs: number } {
  const fastMs = options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
  const slowMs = Math.max(fastMs, options.slowReconcileIntervalMs ?? DEFAULT_SLOW_RECONCILE_INTERVAL_MS);
  return { fastMs, slowMs };
}

/** Emits an error event (redacted) and logs it at the level its severity calls for. */
function errorReporter(
  log: Logger,
  emit: (event: CoreEvent) => void,
  secrets: () => readonly string[],
): ReportError {
  return (code: CoreErrorCode, severity: Severity, message: string, callId?: string): void => {
    const safe = redactText(message, secrets());
    const level = severity === 'error' ? 'error' : severity === 'warning' ? 'warn' : 'info';
    log[level](safe, { code, severity, ...(callId === undefined ? {} : { callId }) });
    emit({ type: 'error', code, severity, message: safe, ...(callId === undefined ? {} : { callId }) });
  };
}

/** The command half of {@link AgentCore}. */
type AgentCommands = Omit<
  AgentCore,
  'start' | 'stop' | 'getSnapshot' | 'subscribe' | 'reconnectNow' | 'loginCount'
>;

/** The agent's commands on `ctx` (see {@link AgentCore}). */
function commandsOf(ctx: CommandContext): AgentCommands {
  return {
    toggleRecording: () => toggleRecording(ctx),
    pauseRecording: (callId) => recordingCommand(ctx, 'pause', callId),
    resumeRecording: (callId) => recordingCommand(ctx, 'resume', callId),
    startRecording: (callId) => recordingCommand(ctx, 'start', callId),
    stopRecording: (callId) => recordingCommand(ctx, 'stop', callId),
    answer: (callId) => callCommand(ctx, 'Answer', callId),
    hold: (callId) => callCommand(ctx, 'Hold', callId),
    retrieve: (callId) => callCommand(ctx, 'Retrieve', callId),
    hangup: (callId) => callCommand(ctx, 'Hangup', callId),
    ready: () => agentStateCommand(ctx, 'Ready'),
    notReady: () => agentStateCommand(ctx, 'NotReady'),
  };
}
