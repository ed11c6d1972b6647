import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  API_METHODS,
  DEFAULT_SETTINGS,
  INVOKE_METHODS,
  IPC_CONTRACT,
  IpcChannel,
  type AppServicePort,
  type AppView,
  type GwsApi,
  type InvokeMethod,
  type Notice,
  type PushEvent,
} from '../../../contract/ipc-contract.ts';
import { REFUSED_SENDER, registerIpc } from '../../../main/electron/ipc-adapter.ts';
import {
  connectRenderer,
  contextBridge,
  FakeBrowserWindow,
  FakeWebContents,
  ipcMain,
  ipcRenderer,
  resetElectronFake,
} from '../../fakes/electron-fake.ts';
import { collectingLogger } from '../app/helpers.ts';

const PAGE = 'file:///app/out/renderer/index.html';

const view: AppView = {
  host: 'desktop',
  session: { phase: 'signed-out', demo: false },
  connection: 'signed-out',
  status: 'signed-out',
  calls: [],
  otherPausedCallIds: [],
  at: 1,
};

/**
 * A recording AppServicePort: what the IPC layer passed on. Built over the
 * map's invoke methods, so a new call of the contract needs no edit here.
 */
function recordingService() {
  const calls: { method: string; arg?: unknown }[] = [];
  let push: ((e: PushEvent) => void) | undefined;
  const settings = { values: DEFAULT_SETTINGS, locked: [], problems: [], passwordStorage: 'memory' as const };
  const answers: Partial<Record<InvokeMethod, unknown>> = {
    getState: view,
    command: { ok: true, operation: 'PauseCallRecording' },
    signIn: { ok: true },
    startDemo: { ok: true },
    getSettings: settings,
    updateSettings: { ok: true, settings },
  };
  const handlers = INVOKE_METHODS.map((method) => [
    method,
    (...args: unknown[]) => {
      calls.push(args.length > 0 ? { method, arg: args[0] } : { method });
      return IPC_CONTRACT[method].sync ? answers[method] : Promise.resolve(answers[method]);
    },
  ]);
  const service = {
    ...Object.fromEntries(handlers),
    subscribe: (listener: (e: PushEvent) => void) => {
      push = listener;
      return () => (push = undefined);
    },
  } as AppServicePort;
  return { service, calls, push: (e: PushEvent) => push?.(e) };
}

let win: FakeBrowserWindow;

beforeEach(async () => {
  resetElectronFake();
  win = new FakeBrowserWindow({});
  await win.loadURL(PAGE);
});

function register() {
  const rec = recordingService();
  const logger = collectingLogger();
  const dispose = registerIpc({
    service: rec.service,
    contents: () => win.webContents,
    pageUrl: PAGE,
    logger,
  });
  return { ...rec, logger, dispose };
}

describe('IPC adapter: sender checks', () => {
  it('handles exactly the contract’s invoke channels', () => {
    register();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [
        IpcChannel.GetState,
        IpcChannel.Command,
        IpcChannel.SignIn,
        IpcChannel.StartDemo,
        IpcChannel.SignOut,
        IpcChannel.GetSettings,
        IpcChannel.UpdateSettings,
      ].sort(),
    );
  });

  it('our window’s top frame at our page is served', async () => {
    const { calls } = register();
    await expect(ipcMain.invoke(IpcChannel.GetState, { contents: win.fakeContents })).resolves.toEqual(view);
    expect(calls).toEqual([{ method: 'getState' }]);
  });

  it('refuses another webContents, an iframe, a gone frame and a foreign URL, without calling the service', async () => {
    const { calls, logger } = register();
    const other = new FakeWebContents();
    other.mainFrame.url = PAGE;
    const iframe = { url: PAGE, parent: win.fakeContents.mainFrame, routingId: 2, processId: 1 };
    const senders = [
      { contents: other },
      { contents: win.fakeContents, frame: iframe },
      { contents: win.fakeContents, frame: null },
      {
        contents: win.fakeContents,
        frame: { url: 'https://evil.example/', parent: null, routingId: 1, processId: 1 },
      },
      {
        contents: win.fakeContents,
        frame: { url: 'file:///tmp/other.html', parent: null, routingId: 1, processId: 1 },
      },
    ];
    for (const sender of senders) {
      await expect(ipcMain.invoke(IpcChannel.Command, sender, { name: 'toggle' })).rejects.toThrow(
        REFUSED_SENDER,
      );
    }
    expect(calls).toEqual([]);
    expect(logger.lines.filter((l) => /unexpected sender/.test(l))).toHaveLength(senders.length);
  });

  it('a dev server page is trusted by origin', async () => {
    const rec = recordingService();
    registerIpc({
      service: rec.service,
      contents: () => win.webContents,
      pageUrl: 'http://localhost:5173/',
      logger: collectingLogger(),
    });
    await win.loadURL('http://localhost:5173/index.html#x');
    await expect(ipcMain.invoke(IpcChannel.GetState, { contents: win.fakeContents })).resolves.toEqual(view);
    await win.loadURL('http://localhost:5174/');
    await expect(ipcMain.invoke(IpcChannel.GetState, { contents: win.fakeContents })).rejects.toThrow(
      REFUSED_SENDER,
    );
  });
});

describe('IPC adapter: payloads', () => {
  it('validates every payload with the contract’s schema; bad ones get coded answers and never reach the service', async () => {
    const { calls } = register();
    const me = { contents: win.fakeContents };
    await expect(ipcMain.invoke(IpcChannel.Command, me, { name: 'explode' })).resolves.toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
    await expect(ipcMain.invoke(IpcChannel.Command, me, { name: 'toggle', extra: 1 })).resolves.toMatchObject(
      {
        ok: false,
        code: 'invalid-input',
      },
    );
    await expect(
      ipcMain.invoke(IpcChannel.SignIn, me, { serverUrl: 'https://x', username: 'u' }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
    await expect(ipcMain.invoke(IpcChannel.UpdateSettings, me, { hotkey: 42 })).resolves.toMatchObject({
      ok: false,
      code: 'invalid',
      settings: { values: DEFAULT_SETTINGS },
    });
    await expect(ipcMain.invoke(IpcChannel.SignOut, me, { sneaky: true })).rejects.toThrow(
      /takes no arguments/,
    );
    expect(calls.filter((c) => c.method !== 'getSettings')).toEqual([]);
  });

  it('valid payloads reach the service parsed', async () => {
    const { calls } = register();
    const me = { contents: win.fakeContents };
    await ipcMain.invoke(IpcChannel.Command, me, { name: 'pause', callId: 'c1' });
    await ipcMain.invoke(IpcChannel.UpdateSettings, me, { hotkey: 'Alt+F9' });
    expect(calls).toEqual([
      { method: 'command', arg: { name: 'pause', callId: 'c1' } },
      { method: 'updateSettings', arg: { hotkey: 'Alt+F9' } },
    ]);
  });

  it('pushes state and notices to our window only, and stops after dispose', () => {
    const { push, dispose } = register();
    const notice: Notice = {
      id: 'n1',
      severity: 'info',
      code: 'recording-paused',
      message: 'Recording paused',
      at: 2,
    };
    push({ type: 'state', view });
    push({ type: 'notice', notice });
    expect(win.fakeContents.sent).toEqual([
      { channel: IpcChannel.State, args: [view] },
      { channel: IpcChannel.Notice, args: [notice] },
    ]);
    dispose();
    push({ type: 'state', view });
    expect(win.fakeContents.sent).toHaveLength(2);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('a destroyed window gets no pushes (no throw)', () => {
    const { push } = register();
    win.destroy();
    expect(() => push({ type: 'state', view })).not.toThrow();
  });
});

describe('preload ↔ IPC adapter (through the fake ipcRenderer)', () => {
  // The preload runs once, as in a window; what it exposed is kept before the per-test reset.
  let exposedKeys: string[] = [];
  let preloadApi: GwsApi;
  beforeAll(async () => {
    // What electron.vite.config.ts compiles into the built preload.
    vi.stubGlobal('__GWS_API_METHODS__', API_METHODS);
    await import('../../../preload/preload.ts');
    vi.unstubAllGlobals();
    exposedKeys = [...contextBridge.exposed.keys()];
    preloadApi = contextBridge.exposed.get('gwsApi') as GwsApi;
  });
  const exposed = async (): Promise<GwsApi> => preloadApi;

  it('exposes exactly the contract’s GwsApi as window.gwsApi, nothing else', async () => {
    const api = await exposed();
    expect(exposedKeys).toEqual(['gwsApi']);
    expect(Object.keys(api).sort()).toEqual(
      [
        'command',
        'getSettings',
        'getState',
        'onNotice',
        'onState',
        'signIn',
        'signOut',
        'startDemo',
        'updateSettings',
      ].sort(),
    );
  });

  it('invokes go through the sender check to the service; pushes reach listeners until unsubscribed', async () => {
    const { calls, push } = register();
    connectRenderer(win.webContents);
    const api = await exposed();
    await expect(api.getState()).resolves.toEqual(view);
    await expect(api.command({ name: 'toggle' })).resolves.toEqual({
      ok: true,
      operation: 'PauseCallRecording',
    });
    expect(calls.map((c) => c.method)).toEqual(['getState', 'command']);
    const seen: unknown[] = [];
    const off = api.onState((v) => seen.push(v));
    push({ type: 'state', view });
    off();
    off();
    push({ type: 'state', view });
    expect(seen).toEqual([view]);
    expect(ipcRenderer.listenerCount(IpcChannel.State)).toBe(0);
  });

  it('listeners get the payload only, never the IPC event (its sender would be an IPC handle)', async () => {
    const { push } = register();
    connectRenderer(win.webContents);
    const api = await exposed();
    const args: unknown[][] = [];
    api.onNotice((...a: unknown[]) => args.push(a));
    const notice: Notice = { id: 'n', severity: 'warning', code: 'hotkey-taken', message: 'm', at: 1 };
    push({ type: 'notice', notice });
    expect(args).toEqual([[notice]]);
  });
});
