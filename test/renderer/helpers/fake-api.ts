import type {
  AppView,
  CallInfo,
  CommandRequest,
  CommandResultView,
  GwsApi,
  Notice,
  SettingsPatch,
  SettingsUpdateResult,
  SettingsView,
  SignInRequest,
  SignInResult,
} from '../../../contract/ipc-contract.ts';
import { DEFAULT_SETTINGS } from '../../../contract/ipc-contract.ts';

/**
 * An in-test {@link GwsApi} for component tests in jsdom (the real API needs
 * the app service; the e2e tests drive that one in Chromium). It records what
 * the window asked for and answers with what the test scripted.
 */
export interface FakeApi extends GwsApi {
  commands: CommandRequest[];
  signIns: SignInRequest[];
  patches: SettingsPatch[];
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

/** Creates the fake. */
export function createFakeApi(view: AppView = makeView(), settings: SettingsView = makeSettings()): FakeApi {
  const stateListeners = new Set<(v: AppView) => void>();
  const noticeListeners = new Set<(n: Notice) => void>();
  const fake: FakeApi = {
    commands: [],
    signIns: [],
    patches: [],
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
      for (const l of stateListeners) l(next);
    },
    notice(n) {
      for (const l of noticeListeners) l(n);
    },
    getState: async () => fake.view,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    async command(request) {
      fake.commands.push(request);
      return fake.commandResult(request);
    },
    async signIn(request) {
      fake.signIns.push(request);
      return fake.signInResult;
    },
    startDemo: async () => fake.signInResult,
    signOut: async () => undefined,
    getSettings: async () => fake.settings,
    async updateSettings(patch) {
      fake.patches.push(patch);
      const result = fake.settingsResult(patch);
      fake.settings = result.settings;
      return result;
    },
  };
  return fake;
}
