/**
 * The main-process core: one agent's GWS session, notification stream,
 * workspace and commands behind a small typed API. Plain Node — never imports
 * electron — so the tray app and the headless CLI share it unchanged.
 */

import { systemClock, type Clock } from './ports/clock.ts';
import {
  callsResponseSchema,
  devicesResponseSchema,
  parseCallList,
  parseGwsEvent,
  summarize,
} from './state/call-model.ts';
import {
  BayeuxConnection,
  type BayeuxTimings,
  type BayeuxTransport,
  type ConnectionState,
} from './bayeux/connection.ts';
import {
  agentStateCommand,
  callCommand,
  recordingCommand,
  toggleRecording,
  type CommandContext,
  type CommandResult,
} from './state/commands.ts';
import type { CoreErrorCode, CoreEvent, RecordingTransition, Severity, StartResult } from './core-events.ts';
import { GwsPath, GwsSession, isInsecureServerUrl, type GwsSessionOptions } from './gws/session.ts';
import { redactingLogger, silentLogger, type Logger } from './ports/logging.ts';
import { describeUrl, describeValue, redactText } from './ports/redact.ts';
import { signInFailure, unconfiguredCore } from './sign-in.ts';
import { StateReader } from './state/state-reader.ts';
import { Workspace, type WorkspaceSnapshot } from './state/workspace.ts';

/** The Bayeux channels the core needs (gws-api.md §3.2). */
export const SUBSCRIBED_CHANNELS = ['/v2/me/calls', '/v2/me/devices'] as const;

/** Default reconcile cadence: one GET of the agent's calls every 5 s while a call is known. */
export const DEFAULT_RECONCILE_INTERVAL_MS = 5_000;

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
   * Reconcile cadence in ms (default {@link DEFAULT_RECONCILE_INTERVAL_MS}):
   * while any call is known and the stream is live, `GET /api/v2/me/calls`
   * this long after the previous read. A call not confirmed by the server for
   * twice this long is `stale` (status `unknown`).
   */
  reconcileIntervalMs?: number;
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
  const listeners = new Set<(event: CoreEvent) => void>();
  const emit = (event: CoreEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A consumer's bug must not break the core's state handling.
      }
    }
  };
  /** Emits an error event (redacted) and logs it at the level its severity calls for. */
  const emitError = (code: CoreErrorCode, severity: Severity, message: string, callId?: string): void => {
    const safe = redactText(message, session.secrets());
    const level = severity === 'error' ? 'error' : severity === 'warning' ? 'warn' : 'info';
    log[level](safe, { code, severity, ...(callId === undefined ? {} : { callId }) });
    emit({ type: 'error', code, severity, message: safe, ...(callId === undefined ? {} : { callId }) });
  };

  let started = false;
  let stopped = false;
  /** True once StartContactCenterSession succeeded; until then each onLive tries it again. */
  let ccSessionStarted = false;
  /** True once a Start may have taken effect (success or unknown outcome): End is due at stop(). */
  let ccEndDue = false;
  /** The StartContactCenterSession in flight; stop() waits for it so End never overtakes Start. */
  let ccStart: Promise<void> | undefined;
  let syncRound = 0;
  /** Failed reads in a row (the first is a warning, the rest diagnostics). */
  let readFailures = 0;
  /**
   * A read met refused credentials (after the session's one re-login): no
   * more reads are retried until one succeeds again (after a new connect),
   * since each retry would be another refused sign-in.
   */
  let credentialsRefused = false;
  /** Back-off waits between failed re-reads after a reconnect, cut short by stop(). */
  const resyncWaits = new Map<ReturnType<Clock['setTimeout']>, () => void>();
  const maxResyncBackoffMs = options.bayeuxTimings?.maxBackoffMs ?? 5_000;
  const reconcileIntervalMs = options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;

  /** Key of the last emitted snapshot (without `at`): a state event goes out only on a change. */
  let lastKey = '';
  let carried: RecordingTransition[] = [];
  const workspace: Workspace = new Workspace({
    clock,
    staleAfterMs: 2 * reconcileIntervalMs,
    ...(options.recordingTimeoutMs === undefined ? {} : { recordingTimeoutMs: options.recordingTimeoutMs }),
    onChange: () => {
      const state = workspace.snapshot();
      const transitions = [...carried, ...workspace.takeTransitions()];
      const key = JSON.stringify({ ...state, at: 0 });
      reader.schedule();
      if (key === lastKey) {
        carried = transitions;
        return;
      }
      lastKey = key;
      carried = [];
      for (const t of transitions) log.info(`call ${t.callId}: recording ${t.from} → ${t.to}`, { ...t });
      emit({ type: 'state', state, transitions });
    },
    onRecordingError: (callId, message) =>
      emitError('recording-failed', 'warning', `call ${callId}: ${message}`, callId),
    onNeedsRefresh: (reason, code) => {
      if (code === 'unknown-event' || code === 'unreadable-event') {
        emitError(code, 'diagnostic', `re-reading state from the server: ${reason}`);
      } else {
        log.info(`re-reading state from the server: ${reason}`);
      }
      void reader.request(true);
    },
    onMismatch: (callId, shown, actual) =>
      emitError(
        'state-mismatch',
        'warning',
        `call ${callId}: the server reports recording ${actual}, we showed ${shown}; corrected`,
        callId,
      ),
  });

  const reader = new StateReader({
    clock,
    intervalMs: reconcileIntervalMs,
    maxBackoffMs: maxResyncBackoffMs,
    wanted: () => !stopped && workspace.live && workspace.needsReconcile,
    allowed: () => !credentialsRefused && bayeux.state !== 'signed-out',
    read: (full) => resync(full),
  });

  /** Re-reads calls (and devices when `full`) and replaces the workspace state. Never throws. */
  async function resync(full = true): Promise<boolean> {
    const since = workspace.beginRead();
    try {
      const ok = await read(since, full);
      if (ok) readFailures = 0;
      return ok;
    } catch (error) {
      return reportResyncFailure(describeValue(error));
    } finally {
      workspace.endRead();
    }
  }

  /** One REST read of calls (and devices), begun at event mark `since`. */
  async function read(since: number, full: boolean): Promise<boolean> {
    log.debug(full ? 'reading calls and devices' : 'reconciling calls');
    const [calls, devices] = await Promise.all([
      session.get(`${GwsPath.Calls}?fields=*`),
      full ? session.get(`${GwsPath.Devices}?fields=*`) : undefined,
    ]);
    for (const result of devices ? [calls, devices] : [calls]) {
      if (result.ok) continue;
      credentialsRefused ||=
        (result.kind === 'http' && result.httpStatus === 401) ||
        (result.kind === 'gws' && (result.httpStatus === 401 || result.statusCode === 20));
      return reportResyncFailure(result.message);
    }
    credentialsRefused = false;
    if (!calls.ok || (devices && !devices.ok)) return false;
    const parsedCalls = callsResponseSchema.safeParse(calls.body);
    const parsedDevices = devices ? devicesResponseSchema.safeParse(devices.body) : undefined;
    if (!parsedCalls.success || (parsedDevices && !parsedDevices.success)) {
      const error = parsedCalls.success ? parsedDevices?.error : parsedCalls.error;
      return reportResyncFailure(`the server sent unreadable state: ${error ? summarize(error) : 'unknown'}`);
    }
    // Call by call: one malformed call must not hide the others; it is kept
    // with its recording state unknown rather than guessed.
    const list = parseCallList(parsedCalls.data.calls);
    for (const problem of list.problems) {
      emitError('unreadable-event', 'warning', `the server sent an unreadable call: ${problem}`);
    }
    if (list.anonymous > 0) return false;
    workspace.replaceCalls(list.calls, since, list.unreadable);
    if (parsedDevices?.success) workspace.replaceDevices(parsedDevices.data.devices, since);
    return true;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = clock.setTimeout(() => {
        resyncWaits.delete(timer);
        resolve();
      }, ms);
      resyncWaits.set(timer, resolve);
    });
  }

  function reportResyncFailure(message: string): false {
    readFailures += 1;
    emitError(
      'resync-failed',
      readFailures === 1 ? 'warning' : 'diagnostic',
      `cannot re-read state: ${message}`,
    );
    return false;
  }

  /**
   * After each (re)connect: re-read, and only once a re-read succeeded mark
   * the state live (until then it stays `disconnected`: stale state is never
   * shown as live); retries with back-off until it succeeds, a newer
   * (re)connect takes over, or stop(). Then starts the CC session if it is
   * not started yet (again after a failed attempt).
   */
  async function onLive(): Promise<void> {
    const round = ++syncRound;
    for (let attempt = 0; ; attempt++) {
      if (stopped || round !== syncRound) return;
      if (await resync()) break;
      if (stopped || round !== syncRound || credentialsRefused) return;
      await pause(Math.min(250 * 2 ** attempt, maxResyncBackoffMs));
    }
    if (round !== syncRound || stopped || bayeux.state !== 'connected') return;
    workspace.markSynced();
    if (!ccSessionStarted && !ccStart) {
      ccStart = startContactCenterSession().finally(() => {
        ccStart = undefined;
      });
    }
  }

  async function startContactCenterSession(): Promise<void> {
    const result = await session.post(GwsPath.Me, {
      operationName: 'StartContactCenterSession',
      channels: ['voice'],
    });
    ccSessionStarted = result.ok;
    // Only a definite refusal means "not started"; after a network failure it may have been.
    if (result.ok || result.kind === 'network') ccEndDue = true;
    if (!result.ok) emitError('cc-session', 'warning', `StartContactCenterSession failed: ${result.message}`);
  }

  const bayeux = new BayeuxConnection({
    session,
    clock,
    channels: SUBSCRIBED_CHANNELS,
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.bayeuxTimings ? { timings: options.bayeuxTimings } : {}),
    onMessage: (_channel, data) => workspace.applyEvent(parseGwsEvent(data)),
    onState: (state: ConnectionState) => workspace.setConnection(state),
    onLive: () => void onLive(),
    onError: (error: string | { code: CoreErrorCode; severity: Severity; message: string }) =>
      typeof error === 'string'
        ? emitError('stream-recovery', 'warning', error)
        : emitError(error.code, error.severity, error.message),
  });

  const ctx: CommandContext = {
    post: (path, body) => session.post(path, body),
    workspace,
    refresh: () => reader.request(false, true),
  };

  return {
    async start() {
      if (stopped) return { ok: false, code: 'stopped', message: 'the core was stopped' };
      if (started) return { ok: false, code: 'already-started', message: 'start() was already called' };
      if (isInsecureServerUrl(session.serverUrl)) {
        return {
          ok: false,
          code: 'insecure-url',
          message: `refusing plain http:// to ${describeUrl(session.serverUrl)}: the password would travel in clear text; use https://`,
        };
      }
      started = true;
      const login = await session.signIn();
      if (stopped) {
        // stop() ran while signing in: it must win, with nothing left running.
        await session.forget();
        return { ok: false, code: 'stopped', message: 'stopped while signing in' };
      }
      if (!login.ok) {
        started = false;
        const failure = signInFailure(session.serverUrl, login);
        log.warn(`sign-in failed: ${failure.message}`, { code: failure.code });
        return failure;
      }
      log.info(`signed in to ${describeUrl(session.serverUrl)} as ${session.username}`);
      bayeux.start();
      return { ok: true };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      reader.stop();
      for (const [timer, resolve] of resyncWaits) {
        clock.clearTimeout(timer);
        resolve();
      }
      resyncWaits.clear();
      // No request of this core may sign in again from now on, except the End below.
      session.close();
      // Signed out (credentials refused): End would only cost another refused sign-in.
      const signedOut = bayeux.state === 'signed-out';
      await bayeux.stop();
      await ccStart;
      if (ccEndDue && !signedOut) {
        const result = await session.post(
          GwsPath.Me,
          { operationName: 'EndContactCenterSession' },
          { whileClosed: true },
        );
        if (!result.ok)
          emitError('cc-session', 'warning', `EndContactCenterSession failed: ${result.message}`);
      }
      await session.forget();
      workspace.dispose();
      log.info('stopped');
    },
    getSnapshot: () => workspace.snapshot(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnectNow() {
      if (!started || stopped) return;
      log.info('reconnect now');
      bayeux.reconnectNow();
      // Read at once too: REST may already work while the stream is rebuilt,
      // and the state shown must not wait for the new stream to be verified.
      void reader.request(true, true);
    },
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
    get loginCount() {
      return session.loginCount;
    },
  };
}
