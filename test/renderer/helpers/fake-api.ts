/**
 * An in-test {@link GwsApi} for component tests in jsdom (the real API needs
 * the app service; the e2e tests drive that one in Chromium). It records what
 * the window asked for and answers with what the test scripted.
 *
 * Built like the real ones: the contract's method names through the shared
 * API builder, so a new call of the contract is on the fake without an edit
 * here (it rejects until a test scripts it in `answers`).
 */

import { buildApi } from '../../../contract/api-builder.ts';
import {
  API_METHODS,
  DEFAULT_SETTINGS,
  type AppView,
  type AppServicePort,
  type CallInfo,
  type CommandRequest,
  type CommandResultView,
  type GwsApi,
  type InvokeMethod,
  type Notice,
  type SettingsPatch,
  type SettingsUpdateResult,
  type SettingsView,
  type SignInRequest,
  type SignInResult,
} from '../../../contract/ipc-contract.ts';

/** One scripted answer per call, as the app service would give it (sync or async). */
export type FakeAnswers = {
  [M in InvokeMethod]?: (...request: Parameters<AppServicePort[M]>) => unknown;
};

/** One call the window made. */
export interface FakeCall {
  method: string;
  request?: unknown;
}

export interface FakeApi extends GwsApi {
  /** Every call the window made, in order. */
  calls: FakeCall[];
  /** The requests of `command`, `signIn` and `updateSettings`. */
  readonly commands: CommandRequest[];
  readonly signIns: SignInRequest[];
  readonly patches: SettingsPatch[];
  /** Answers by method; the defaults below read the fields that follow. */
  answers: FakeAnswers;
  /** Next answers; default ok. */
  commandResult: (request: CommandRequest) => CommandResultView | Promise<CommandResultView>;
  signInResult: SignInResult;
  settingsResult: (patch: SettingsPatch) => SettingsUpdateResult;
  view: AppView;
  settings: SettingsView;
  push(view: AppView): void;
  notice(notice: Notice): void;
}

/** A signed-in view with one established, recording inbound call. */
export function makeView(overrides: Partial<AppView> = {}): AppView {
  return {
    host: 'desktop',
    session: { phase: 'signed-in', demo: false, serverUrl: 'https://gws.example.com', username: 'agent1' },
    connection: 'connected',
    status: 'recording',
    statusCallId: 'c1',
    targetCallId: 'c1',
    calls: [makeCall()],
    otherPausedCallIds: [],
    agentState: 'NotReady',
    hotkey: { accelerator: 'CommandOrControl+Alt+P', registered: true },
    at: Date.now(),
    ...overrides,
  };
}

/** An established, recording inbound call from 15551230042. */
export function makeCall(overrides: Partial<CallInfo> = {}): CallInfo {
  return {
    id: 'c1',
    state: 'Established',
    callType: 'Inbound',
    participants: ['15551230042'],
    capabilities: ['Hangup', 'Hold', 'PauseCallRecording', 'StopCallRecording'],
    recording: 'recording',
    stale: false,
    since: Date.now() - 65_000,
    ...overrides,
  };
}

/** Settings with defaults, nothing locked. */
export function makeSettings(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    values: { ...DEFAULT_SETTINGS },
    locked: [],
    problems: [],
    passwordStorage: 'safe-storage',
    ...overrides,
  };
}

/** The requests the window sent with `method`. */
function requestsOf<T>(calls: readonly FakeCall[], method: InvokeMethod): T[] {
  return calls.filter((call) => call.method === method).map((call) => call.request as T);
}

/** The default answers: from the scripted fields of the fake. */
function defaultAnswers(fake: FakeApi): FakeAnswers {
  return {
    getState: () => fake.view,
    command: (request) => fake.commandResult(request),
    signIn: () => fake.signInResult,
    startDemo: () => fake.signInResult,
    signOut: () => undefined,
    getSettings: () => fake.settings,
    updateSettings(patch) {
      const result = fake.settingsResult(patch);
      fake.settings = result.settings;
      return result;
    },
  };
}

/** Creates the fake. */
export function createFakeApi(view: AppView = makeView(), settings: SettingsView = makeSettings()): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = (event: string, payload: unknown): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const calls: FakeCall[] = [];
  const api = buildApi(API_METHODS, {
    async invoke(method, ...request) {
      calls.push(request.length > 0 ? { method, request: request[0] } : { method });
      const answer = fake.answers[method as InvokeMethod] as ((...r: unknown[]) => unknown) | undefined;
      if (!answer) throw new Error(`the fake has no scripted answer for ${method}`);
      return answer(...request);
    },
    listen(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  });
  const fake: FakeApi = {
    ...api,
    calls,
    get commands() {
      return requestsOf<CommandRequest>(calls, 'command');
    },
    get signIns() {
      return requestsOf<SignInRequest>(calls, 'signIn');
    },
    get patches() {
      return requestsOf<SettingsPatch>(calls, 'updateSettings');
    },
    answers: {},
    commandResult: (request) => ({ ok: true, operation: request.name }),
    signInResult: { ok: true },
    settingsResult: (patch) => ({
      ok: true,
      settings: { ...fake.settings, values: { ...fake.settings.values, ...patch } },
    }),
    view,
    settings,
    push(next) {
      fake.view = next;
      emit('state', next);
    },
    notice(n) {
      emit('notice', n);
    },
  };
  fake.answers = defaultAnswers(fake);
  return fake;
}
