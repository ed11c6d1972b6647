import { systemClock, type Clock } from './clock.ts';
import {
  callsResponseSchema,
  devicesResponseSchema,
  parseCallList,
  parseGwsEvent,
  summarize,
} from './call-model.ts';
import {
  BayeuxConnection,
  type BayeuxTimings,
  type BayeuxTransport,
  type ConnectionState,
} from './bayeux-connection.ts';
import {
  agentStateCommand,
  callCommand,
  recordingCommand,
  toggleRecording,
  type CommandContext,
  type CommandResult,
} from './commands.ts';
import { GwsPath, GwsSession, type GwsFailure, type GwsSessionOptions } from './gws-session.ts';
import { Workspace, type WorkspaceSnapshot } from './workspace.ts';

/**
 * The main-process core: one agent's GWS session, notification stream,
 * workspace and commands behind a small typed API. Plain Node — never imports
 * electron — so the tray app and the headless CLI share it unchanged.
 */

/** The Bayeux channels the core needs (gws-api.md §3.2). */
export const SUBSCRIBED_CHANNELS = ['/v2/me/calls', '/v2/me/devices'] as const;

/** Options of {@link createAgentCore}. */
export interface AgentCoreOptions extends GwsSessionOptions {
  /** Bayeux transport; long-polling unless websocket is asked for. */
  transport?: BayeuxTransport;
  /** Time a recording op may stay pending before it becomes `unknown` (default 5 s). */
  recordingTimeoutMs?: number;
  /** Injectable time source for every core timer. */
  clock?: Clock;
  /** Bayeux tunables (tests shorten them). */
  bayeuxTimings?: Partial<BayeuxTimings>;
}

/** Events for subscribers: every state change, and errors worth showing. */
export type CoreEvent = { type: 'state'; state: WorkspaceSnapshot } | { type: 'error'; message: string };

/** Outcome of sign-in. */
export type StartResult = { ok: true } | { ok: false; reason: string };

/** The public API of the core. */
export interface AgentCore {
  /** Signs in (Basic), then starts the notification stream. Fails with a reason on bad credentials or no server. */
  start(): Promise<StartResult>;
  /** Ends the contact-center session (which invalidates the HTTP session) and stops the stream. */
  stop(): Promise<void>;
  /** Current state. */
  getSnapshot(): WorkspaceSnapshot;
  /** Calls `listener` on every state change and error; returns the unsubscribe function. */
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** The hotkey action: pause if recording, resume if paused, on the target call. */
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
 * Throws only on configuration errors (unusable server/proxy URL, unreadable
 * CA file), with a message naming the bad setting; everything that can go
 * wrong at run time is reported through results and `error` events instead.
 */
export function createAgentCore(options: AgentCoreOptions): AgentCore {
  const clock = options.clock ?? systemClock;
  const session = new GwsSession(options);
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
  const emitError = (message: string): void => emit({ type: 'error', message });

  let started = false;
  let stopped = false;
  /** True once StartContactCenterSession succeeded; until then each onLive tries it again. */
  let ccSessionStarted = false;
  /** True once a Start may have taken effect (success or unknown outcome): End is due at stop(). */
  let ccEndDue = false;
  /** The StartContactCenterSession in flight; stop() waits for it so End never overtakes Start. */
  let ccStart: Promise<void> | undefined;
  let syncRound = 0;
  let refreshRunning = false;
  let refreshDirty = false;
  /** Back-off waits between failed re-reads (one per sync round), cut short by stop(). */
  const resyncWaits = new Map<ReturnType<Clock['setTimeout']>, () => void>();
  const maxResyncBackoffMs = options.bayeuxTimings?.maxBackoffMs ?? 5_000;

  const workspace: Workspace = new Workspace({
    clock,
    ...(options.recordingTimeoutMs === undefined ? {} : { recordingTimeoutMs: options.recordingTimeoutMs }),
    onChange: () => emit({ type: 'state', state: workspace.snapshot() }),
    onRecordingError: (callId, message) => emitError(`call ${callId}: ${message}`),
    onNeedsRefresh: (reason) => {
      emitError(`re-reading state from the server: ${reason}`);
      queueRefresh();
    },
  });

  /** Re-reads calls and devices and replaces the workspace state. */
  async function resync(): Promise<boolean> {
    const since = workspace.beginRead();
    try {
      return await read(since);
    } finally {
      workspace.endRead();
    }
  }

  /** One REST read of calls and devices, begun at event mark `since`. */
  async function read(since: number): Promise<boolean> {
    const [calls, devices] = await Promise.all([
      session.get(`${GwsPath.Calls}?fields=*`),
      session.get(`${GwsPath.Devices}?fields=*`),
    ]);
    if (!calls.ok) return reportResyncFailure(calls);
    if (!devices.ok) return reportResyncFailure(devices);
    const parsedCalls = callsResponseSchema.safeParse(calls.body);
    const parsedDevices = devicesResponseSchema.safeParse(devices.body);
    if (!parsedCalls.success || !parsedDevices.success) {
      const error = parsedCalls.success ? parsedDevices.error : parsedCalls.error;
      emitError(`server sent unreadable state: ${error ? summarize(error) : 'unknown'}`);
      return false;
    }
    // Call by call: one malformed call must not hide the others; it is kept
    // with its recording state unknown rather than guessed.
    const list = parseCallList(parsedCalls.data.calls);
    for (const problem of list.problems) emitError(`server sent an unreadable call: ${problem}`);
    if (list.anonymous > 0) return false;
    workspace.replaceCalls(list.calls, since, list.unreadable);
    workspace.replaceDevices(parsedDevices.data.devices, since);
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

  function reportResyncFailure(failure: GwsFailure): false {
    emitError(`cannot re-read state: ${failure.message}`);
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
      if (stopped || round !== syncRound) return;
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
    if (!result.ok) emitError(`StartContactCenterSession failed: ${result.message}`);
  }

  /**
   * Coalesces refresh requests: one REST re-read in flight at a time, and a
   * request that arrives during a read causes one more read afterwards (the
   * read in flight may predate what prompted it).
   */
  function queueRefresh(): void {
    if (stopped) return;
    refreshDirty = true;
    if (refreshRunning) return;
    refreshRunning = true;
    queueMicrotask(() => {
      void (async () => {
        try {
          while (refreshDirty && !stopped) {
            refreshDirty = false;
            await resync();
          }
        } finally {
          refreshRunning = false;
        }
      })();
    });
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
    onError: emitError,
  });

  const ctx: CommandContext = { post: (path, body) => session.post(path, body), workspace };

  return {
    async start() {
      if (stopped) return { ok: false, reason: 'stopped' };
      if (started) return { ok: false, reason: 'already started' };
      started = true;
      const login = await session.signIn();
      if (stopped) {
        // stop() ran while signing in: it must win, with nothing left running.
        await session.forget();
        return { ok: false, reason: 'stopped while signing in' };
      }
      if (!login.ok) {
        started = false;
        return { ok: false, reason: signInFailure(session.serverUrl, login) };
      }
      bayeux.start();
      return { ok: true };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
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
        if (!result.ok) emitError(`EndContactCenterSession failed: ${result.message}`);
      }
      await session.forget();
      workspace.dispose();
    },
    getSnapshot: () => workspace.snapshot(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
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

/** A sign-in failure in words an agent can act on (never echoes the password). */
function signInFailure(serverUrl: string, result: GwsFailure): string {
  if (result.kind === 'network') return `cannot reach GWS at ${serverUrl}: ${result.message}`;
  if (result.kind === 'closed') return `sign-in abandoned: ${result.message}`;
  if (result.httpStatus === 401 || (result.kind === 'gws' && result.statusCode === 20)) {
    return `sign-in refused by ${serverUrl}: check the user name and password`;
  }
  return `sign-in failed at ${serverUrl}: ${result.message}`;
}
