/**
 * The one IPC contract between the main process and the window (and, in
 * browser mode, between the Node server and the page over a WebSocket).
 *
 * Zod schemas for everything that crosses the boundary, and {@link IPC_CONTRACT},
 * the one map `{ method: { request schema, result } }` (plus the pushes) from
 * which the window's API ({@link GwsApi}), the app-service port
 * ({@link AppServicePort}), the channel names and the router are derived
 * (contract/contract-kit.ts). Types are inferred from the schemas once, here.
 *
 * Rules this contract keeps by construction:
 * - the renderer never receives a password, a cookie or a CSRF token: no
 *   schema below has a field for one (the sign-in request carries the
 *   password *to* main, never back);
 * - every payload the main process receives is parsed with these schemas
 *   (`.strict()`: unknown keys are refused, not ignored);
 * - codes, never prose, drive the UI: every failure has a `code`.
 *
 * Imported by main (values) and by the preload and the renderer as types only:
 * they get the method names without zod (a build-time list in the preload,
 * the server's page in browser mode).
 */

import { z } from 'zod';
import {
  channelTable,
  defineContract,
  invoke,
  invokeMethods,
  push,
  type ApiOf,
  type InvokeMethods,
  type PortOf,
  type PushEventOf,
  type RefusalContext,
} from './contract-kit.ts';
import { invokeChannel, type InvokeChannelOf } from './ipc-channels.ts';

// ---------------------------------------------------------------- values

/**
 * The recording status shown by the tray and the window; exactly one at a time.
 * The core's derived status plus `signed-out` (no session at all).
 */
export const appStatusSchema = z.enum([
  'recording',
  'paused',
  'pausing',
  'resuming',
  'not-recording',
  'no-call',
  'unknown',
  'disconnected',
  'signed-out',
]);
export type AppStatus = z.infer<typeof appStatusSchema>;

/** Bayeux transport; `auto` = websocket first, long-polling fallback. */
export const transportSchema = z.enum(['auto', 'websocket', 'long-polling']);
export type Transport = z.infer<typeof transportSchema>;

/** Per-call recording state as the core tracks it. */
export const callRecordingSchema = z.enum([
  'recording',
  'paused',
  'stopped',
  'starting',
  'pausing',
  'resuming',
  'stopping',
  'unknown',
]);

/** One call as the window shows it. No `userData` (card data can end up there). */
export const callInfoSchema = z.object({
  id: z.string(),
  /** GWS call state: `Ringing`, `Dialing`, `Established`, `Held`, ... */
  state: z.string(),
  /** `Inbound`, `Outbound`, `Internal`, ... */
  callType: z.string().optional(),
  /** Remote party numbers, most relevant first. */
  participants: z.array(z.string()),
  /** Operations GWS allows on this call now (`capabilities`). */
  capabilities: z.array(z.string()),
  recording: callRecordingSchema,
  /**
   * True when the server has not confirmed `recording` within the reconcile
   * cadence (or the stream is down): the UI must not present it as confirmed.
   */
  stale: z.boolean(),
  /** Epoch ms the recording was confirmed paused, while it is. */
  pausedSince: z.number().optional(),
  /** Epoch ms the call was first seen (for the duration display). */
  since: z.number().optional(),
});
export type CallInfo = z.infer<typeof callInfoSchema>;

/** Sign-in failure codes (same as the core's `SignInFailureCode`). */
export const signInFailureCodeSchema = z.enum([
  'bad-credentials',
  'unreachable',
  'tls',
  'insecure-url',
  'server-error',
  'config',
  'stopped',
  'already-started',
  'invalid-input',
]);
export type SignInFailureCode = z.infer<typeof signInFailureCodeSchema>;

/** Command failure codes (the core's `CommandFailureCode`). */
export const commandFailureCodeSchema = z.enum([
  'not-connected',
  'no-call',
  'not-capable',
  'pending',
  'invalid-state',
  'rejected',
  'outcome-unknown',
  'closed',
  'signed-out',
  'invalid-input',
]);
export type CommandFailureCode = z.infer<typeof commandFailureCodeSchema>;

/** The session as the window needs it. */
export const sessionViewSchema = z.object({
  phase: z.enum(['signed-out', 'signing-in', 'signed-in']),
  /** True when signed in to the embedded simulator (label "Demo"). */
  demo: z.boolean(),
  serverUrl: z.string().optional(),
  username: z.string().optional(),
  /** The last sign-in failure, until the next attempt. */
  lastError: z.object({ code: signInFailureCodeSchema, message: z.string() }).optional(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** Global hotkey state (desktop only). */
export const hotkeyViewSchema = z.object({
  /** The accelerator in force (or wanted, when `registered` is false). */
  accelerator: z.string(),
  registered: z.boolean(),
  /** Why the wanted accelerator is not registered (`taken`, `invalid`). */
  problem: z.enum(['taken', 'invalid']).optional(),
});
export type HotkeyView = z.infer<typeof hotkeyViewSchema>;

/** Reminder / auto-resume state of the paused call (compliance). */
export const complianceViewSchema = z.object({
  /** Highest reminder level reached for the paused call (0 = none yet). */
  reminderLevel: z.number().int().min(0).max(3),
  /** Epoch ms of the announced auto-resume, while one is scheduled. */
  autoResumeAt: z.number().optional(),
});
export type ComplianceView = z.infer<typeof complianceViewSchema>;

/** Everything the window renders, pushed whole on every change. */
export const appViewSchema = z.object({
  /** Where the window runs: the desktop app, or a browser page (no tray, no hotkey). */
  host: z.enum(['desktop', 'browser']),
  session: sessionViewSchema,
  /** Notification stream: `connected`, `connecting` (reconnecting), `disconnected`, `signed-out`. */
  connection: z.enum(['connected', 'connecting', 'disconnected', 'signed-out']),
  status: appStatusSchema,
  /** The call `status` describes. */
  statusCallId: z.string().optional(),
  /** The call the hotkey / toggle acts on. */
  targetCallId: z.string().optional(),
  /** Epoch ms the status call was confirmed paused. */
  pausedSince: z.number().optional(),
  calls: z.array(callInfoSchema),
  /**
   * Paused calls other than `statusCallId` (e.g. a paused call on hold while a
   * second call is answered): never hidden, the window and tray mention them.
   */
  otherPausedCallIds: z.array(z.string()),
  /** Voice agent state (`Ready`, `NotReady`, ...) if known. */
  agentState: z.string().optional(),
  hotkey: hotkeyViewSchema.optional(),
  compliance: complianceViewSchema.optional(),
  /** Epoch ms of this view (the core's clock), to tick durations from. */
  at: z.number(),
});
export type AppView = z.infer<typeof appViewSchema>;

/** Something to tell the agent once (a toast in the window, a notification on the desktop). */
export const noticeSchema = z.object({
  id: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  /** Machine-readable: `recording-paused`, `command-refused`, `hotkey-taken`, `reminder`, ... */
  code: z.string(),
  /** Words for the agent. */
  message: z.string(),
  callId: z.string().optional(),
  at: z.number(),
});
export type Notice = z.infer<typeof noticeSchema>;

// ---------------------------------------------------------------- requests

/** Commands the window may ask for. `toggle` is the hotkey action. */
export const commandNameSchema = z.enum([
  'toggle',
  'pause',
  'resume',
  'start-recording',
  'stop-recording',
  'answer',
  'hold',
  'retrieve',
  'hangup',
  'ready',
  'not-ready',
  'keep-paused',
]);
export type CommandName = z.infer<typeof commandNameSchema>;

export const commandRequestSchema = z
  .object({
    name: commandNameSchema,
    callId: z.string().min(1).max(128).optional(),
  })
  .strict();
export type CommandRequest = z.infer<typeof commandRequestSchema>;

/** The core's `CommandResult`, as it crosses the boundary. */
export const commandResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), operation: z.string(), callId: z.string().optional() }),
  z.object({
    ok: z.literal(false),
    code: commandFailureCodeSchema,
    reason: z.string(),
    callId: z.string().optional(),
  }),
]);
export type CommandResultView = z.infer<typeof commandResultSchema>;

/** Sign in to a real GWS. The password goes to main and never comes back. */
export const signInRequestSchema = z
  .object({
    serverUrl: z.string().min(1).max(2048),
    username: z.string().min(1).max(256),
    password: z.string().max(1024),
    rememberPassword: z.boolean(),
    transport: transportSchema.optional(),
    extraCaFile: z.string().max(4096).optional(),
  })
  .strict();
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const signInResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: signInFailureCodeSchema, message: z.string() }),
]);
export type SignInResult = z.infer<typeof signInResultSchema>;

// ---------------------------------------------------------------- settings

/** The user's settings (no secrets: the password lives in safeStorage or memory). */
export const settingsSchema = z.object({
  /** Empty = demo mode (embedded simulator). */
  serverUrl: z.string().max(2048),
  username: z.string().max(256),
  transport: transportSchema,
  /** Electron accelerator, e.g. `CommandOrControl+Alt+P`. */
  hotkey: z.string().min(1).max(128),
  extraCaFile: z.string().max(4096),
  /**
   * HTTP(S) proxy for REST and Bayeux. Never with a user name or password:
   * settings are a plain file and are shown in the window.
   */
  proxyUrl: z
    .string()
    .max(2048)
    .refine((url) => !/^[^:/?#]+:\/\/[^/?#]*@/.test(url), {
      message: 'a proxy URL must not carry a user name or password',
    }),
  startAtLogin: z.boolean(),
  startHidden: z.boolean(),
  rememberPassword: z.boolean(),
  /** Reminder base N in seconds (levels at N, 2N, 4N). */
  reminderSeconds: z.number().int().min(5).max(3600),
  /** Auto-resume after M s paused; 0 = off. */
  autoResumeSeconds: z.number().int().min(0).max(7200),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsKey = keyof Settings;

/** Defaults of {@link Settings}. */
export const DEFAULT_SETTINGS: Settings = {
  serverUrl: '',
  username: '',
  transport: 'auto',
  hotkey: 'CommandOrControl+Alt+P',
  extraCaFile: '',
  proxyUrl: '',
  startAtLogin: false,
  startHidden: false,
  rememberPassword: false,
  reminderSeconds: 30,
  autoResumeSeconds: 0,
};

/** A partial update from the window; unknown keys are refused. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Settings as the window sees them: values, which keys IT locked, and problems found loading them. */
export const settingsViewSchema = z.object({
  values: settingsSchema,
  /** Keys set by managed (IT) settings: shown read-only, refused on update. */
  locked: z.array(settingsSchema.keyof()),
  /** E.g. "settings file was corrupt; backed up to ... and reset to defaults". */
  problems: z.array(z.string()),
  /** Password storage available: `safe-storage`, or `memory` (kept for this run only). */
  passwordStorage: z.enum(['safe-storage', 'memory']),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingsUpdateResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: settingsViewSchema }),
  z.object({
    ok: z.literal(false),
    code: z.enum(['invalid', 'locked', 'hotkey-taken', 'hotkey-invalid']),
    message: z.string(),
    settings: settingsViewSchema,
  }),
]);
export type SettingsUpdateResult = z.infer<typeof settingsUpdateResultSchema>;

// ---------------------------------------------------------------- the map

/**
 * THE contract: every call the window can make and every event main pushes to
 * it, by API method name. Adding a call is one entry here (with its request
 * schema, if new) and one method in the app service; the preload, the router
 * of both transports, the browser-mode client and the renderer's test fake
 * follow from this map, and the compiler refuses an app service without it.
 */
export const IPC_CONTRACT = defineContract({
  getState: invoke(appViewSchema, { sync: true }),
  command: invoke(commandResultSchema, {
    request: commandRequestSchema,
    refuse: (reason): CommandResultView => ({ ok: false, code: 'invalid-input', reason }),
  }),
  signIn: invoke(signInResultSchema, {
    request: signInRequestSchema,
    refuse: (message): SignInResult => ({ ok: false, code: 'invalid-input', message }),
  }),
  startDemo: invoke(signInResultSchema),
  signOut: invoke(z.void()),
  getSettings: invoke(settingsViewSchema, { sync: true }),
  updateSettings: invoke(settingsUpdateResultSchema, {
    request: settingsPatchSchema,
    refuse: (message, context: RefusalContext<SettingsView>): SettingsUpdateResult => ({
      ok: false,
      code: 'invalid',
      message,
      settings: context.getSettings(),
    }),
  }),
  /** The whole {@link AppView}, on every change. */
  onState: push('view', appViewSchema),
  /** One {@link Notice}. */
  onNotice: push('notice', noticeSchema),
});

/** The map's type. */
export type IpcContract = typeof IPC_CONTRACT;

/**
 * The API the preload exposes as `window.gwsApi` (and the browser-mode client
 * implements over its WebSocket). Everything async; subscriptions return an
 * unsubscribe function.
 */
export type GwsApi = ApiOf<IpcContract>;

/**
 * The main-process side of {@link GwsApi}: what the Electron IPC adapter and
 * the browser-mode bridge both call after validating the payload with the
 * request schema of its call. One implementation (main/app/services/app-service.ts).
 */
export type AppServicePort = PortOf<IpcContract>;

/** One push as main emits it: `{ type: 'state', view }` or `{ type: 'notice', notice }`. */
export type PushEvent = PushEventOf<IpcContract>;

/** An invoke method of the map (`getState`, `command`, ...). */
export type InvokeMethod = InvokeMethods<IpcContract>;

/** Every method of {@link GwsApi}, invokes and pushes, in the map's order. */
export const API_METHODS = Object.keys(IPC_CONTRACT) as (keyof IpcContract)[];

/** The invoke methods, in the map's order. */
export const INVOKE_METHODS = invokeMethods(IPC_CONTRACT);

/** Channel names: `IpcChannel.GetState` is `gws:get-state`, `IpcChannel.State` is `gws:state`. */
export const IpcChannel = channelTable(IPC_CONTRACT);

/** The channel of each invoke method, as a non-empty tuple (zod enums need one). */
export const INVOKE_CHANNELS = INVOKE_METHODS.map(invokeChannel) as [
  InvokeChannelOf<InvokeMethod>,
  ...InvokeChannelOf<InvokeMethod>[],
];
