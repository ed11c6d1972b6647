import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appViewSchema, noticeSchema, type AppView, type Notice } from '../../../../contract/ipc-contract.ts';
import { createAppService, type AppService } from '../../../../main/app/services/app-service.ts';
import { bindDesktopShell, type DesktopShell } from '../../../../main/app/services/desktop-shell.ts';
import { createMemorySecretStore } from '../../../../main/app/services/memory-secret-store.ts';
import { createSessionController } from '../../../../main/app/services/session-controller.ts';
import { createJsonFileSettingsStore } from '../../../../main/app/services/settings-file-store.ts';
import { loadSettings } from '../../../../main/app/policies/settings.ts';
import { startSimulator, type RunningSimulator } from '../../../../simulator/index.ts';
import { simControl, type SimControl } from '../../helpers/sim-control.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { testNotifier, testShortcuts, testTray, testWindow } from '../in-test-ports.ts';
import { APP_SIM_OPTIONS, testCoreFactory } from '../helpers.ts';

let sim: RunningSimulator;
let ctl: SimControl;
let dir: string;
let service: AppService | undefined;
let shell: DesktopShell | undefined;

beforeAll(async () => {
  sim = await startSimulator({ ...APP_SIM_OPTIONS });
  ctl = simControl(sim.url);
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  shell?.dispose();
  await service?.dispose();
  service = undefined;
  shell = undefined;
  await ctl.clearFaults();
  for (const call of (await ctl.state()).calls) await ctl.release(call.id).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The app as the composition root builds it, with plain-object ports; `start()`
 * has run (hotkey registered). Unless a settings file is given, the server is
 * configured (no demo) but no password is remembered, so it starts signed out.
 */
async function boot(
  options: { taken?: string[]; settingsFile?: string; managed?: object; noStart?: boolean } = {},
) {
  const loginItem = {
    calls: [] as [boolean, boolean][],
    get: () => false,
    set(on: boolean, hidden: boolean) {
      loginItem.calls.push([on, hidden]);
    },
  };
  dir = mkdtempSync(join(tmpdir(), 'gws-app-'));
  const settingsPath = join(dir, 'settings.json');
  writeFileSync(
    settingsPath,
    options.settingsFile ??
      JSON.stringify({ serverUrl: sim.url, username: 'agent1', transport: 'long-polling' }),
  );
  const managedPath = join(dir, 'managed-settings.json');
  if (options.managed) writeFileSync(managedPath, JSON.stringify(options.managed));
  const secrets = createMemorySecretStore();
  const settings = loadSettings({
    store: createJsonFileSettingsStore(settingsPath),
    managedPath,
    passwordStorage: () => secrets.availability(),
  });
  const session = createSessionController({ createCore: testCoreFactory, secrets });
  const shortcuts = testShortcuts(options.taken);
  service = createAppService({ host: 'desktop', session, settings, shortcuts, loginItem, platform: 'linux' });
  const tray = testTray();
  const notifier = testNotifier();
  const window = testWindow();
  shell = bindDesktopShell(service, { tray, notifier, window, platform: 'linux', quit: () => undefined });
  const views: AppView[] = [];
  const notices: Notice[] = [];
  service.subscribe((event) => {
    if (event.type === 'state') views.push(appViewSchema.parse(event.view));
    else notices.push(noticeSchema.parse(event.notice));
  });
  const started = options.settingsFile === undefined && !options.noStart ? await service.start() : undefined;
  expect(started).toBeUndefined();
  return {
    service,
    session,
    shortcuts,
    tray,
    notifier,
    window,
    views,
    notices,
    settingsPath,
    dir,
    loginItem,
  };
}

async function signIn(s: AppService) {
  const result = await s.signIn({
    serverUrl: sim.url,
    username: 'agent1',
    password: 'agent1',
    rememberPassword: false,
    transport: 'long-polling',
  });
  expect(result).toEqual({ ok: true });
  await waitFor(
    () => s.getState().connection === 'connected',
    5_000,
    'connected',
    () => s.getState(),
  );
}

async function establishedCall(s: AppService): Promise<string> {
  const id = await ctl.createCall({ state: 'Established', recording: true });
  await waitFor(
    () => s.getState().status === 'recording',
    3_000,
    'recording',
    () => s.getState(),
  );
  return id;
}

const HOTKEY = 'CommandOrControl+Alt+P';

describe('app service + desktop shell, against the real core and simulator', () => {
  it('hotkey on a recording call: tray pending then paused, one "Recording paused"; again: recording', async () => {
    const app = await boot();
    await signIn(app.service);
    await establishedCall(app.service);
    expect(app.tray.models.at(-1)?.iconId).toBe('recording');
    expect(app.shortcuts.press(HOTKEY)).toBe(true);
    await waitFor(
      () => app.tray.models.at(-1)?.iconId === 'paused',
      3_000,
      'tray paused',
      () => app.tray.models,
    );
    const icons = app.tray.models.map((m) => m.iconId);
    expect(icons.slice(icons.lastIndexOf('recording'))).toEqual(['recording', 'pending', 'paused']);
    expect(app.tray.models.at(-1)?.tooltip).toMatch(
      /^GWS Secure Pause: Paused for 0:0\d\nCaller 15551230042$/,
    );
    const paused = app.notifier.shown.filter((n) => n.code === 'recording-paused');
    expect(paused).toHaveLength(1);
    expect(paused[0]?.body).toContain('Ctrl+Alt+P');
    expect(app.notices.filter((n) => n.code === 'recording-paused')).toHaveLength(1);

    app.shortcuts.press(HOTKEY);
    await waitFor(() => app.tray.models.at(-1)?.iconId === 'recording', 3_000, 'tray recording');
    expect(app.notifier.shown.filter((n) => n.code === 'recording-paused')).toHaveLength(1);
  });

  it('the remote party hangs up while paused: a notification says so', async () => {
    const app = await boot();
    await signIn(app.service);
    const id = await establishedCall(app.service);
    expect(await app.service.command({ name: 'pause' })).toMatchObject({ ok: true });
    await waitFor(() => app.service.getState().status === 'paused', 3_000, 'paused');
    await ctl.release(id);
    await waitFor(() => app.service.getState().status === 'no-call', 3_000, 'no call');
    expect(app.notifier.shown.map((n) => n.code)).toContain('call-ended-while-paused');
    expect(app.tray.models.at(-1)?.iconId).toBe('no-call');
  });

  it('a hotkey press with no call is a short notification, never silence', async () => {
    const app = await boot();
    await signIn(app.service);
    app.shortcuts.press(HOTKEY);
    await waitFor(() => app.notifier.shown.length > 0, 3_000, 'a notification');
    expect(app.notifier.shown[0]).toMatchObject({ code: 'command-no-call', severity: 'warning' });
  });

  it('a refused pause is reported and the state stays recording', async () => {
    const app = await boot();
    await signIn(app.service);
    await establishedCall(app.service);
    await ctl.fault({ operation: 'PauseCallRecording', statusCode: 4, httpStatus: 500, count: 1 });
    app.shortcuts.press(HOTKEY);
    await waitFor(() => app.notifier.shown.some((n) => n.code === 'command-refused'), 3_000, 'refusal');
    expect(app.service.getState().status).toBe('recording');
    expect(app.tray.models.at(-1)?.iconId).toBe('recording');
  });

  it('a taken hotkey is reported in settings and a notification, and the old one keeps working', async () => {
    const app = await boot({ taken: ['CommandOrControl+Alt+K'] });
    const result = await app.service.updateSettings({ hotkey: 'CommandOrControl+Alt+K' });
    expect(result).toMatchObject({ ok: false, code: 'hotkey-taken' });
    expect(result.settings.values.hotkey).toBe(HOTKEY);
    expect(app.notifier.shown.at(-1)).toMatchObject({ code: 'hotkey-taken' });
    expect(app.shortcuts.isRegistered(HOTKEY)).toBe(true);
    expect(app.service.getState().hotkey).toMatchObject({
      accelerator: HOTKEY,
      registered: true,
      problem: 'taken',
    });
    expect(app.shortcuts.calls).not.toContain(`unregister ${HOTKEY}`);

    const changed = await app.service.updateSettings({ hotkey: 'CommandOrControl+Shift+F9' });
    expect(changed).toMatchObject({
      ok: true,
      settings: { values: { hotkey: 'CommandOrControl+Shift+F9' } },
    });
    expect(app.shortcuts.isRegistered(HOTKEY)).toBe(false);
    expect(app.shortcuts.isRegistered('CommandOrControl+Shift+F9')).toBe(true);
  });

  it('the demo (what `npm start` launches) registers the hotkey, a press toggles, and quitting unregisters it', async () => {
    const app = await boot({ settingsFile: JSON.stringify({ transport: 'long-polling' }) });
    expect(app.shortcuts.registered.size).toBe(0); // nothing before a session
    expect(await app.service.startDemo()).toEqual({ ok: true });
    expect(app.shortcuts.isRegistered(HOTKEY)).toBe(true);
    expect(app.service.getState().hotkey).toEqual({ accelerator: HOTKEY, registered: true });
    await waitFor(() => app.service.getState().connection === 'connected', 5_000, 'demo connected');
    expect(app.shortcuts.press(HOTKEY)).toBe(true);
    // The press reached the demo's core: the answer is about the call, not "signed out".
    const told = await waitFor(
      () => app.notifier.shown.find((n) => /^(command|recording)-/.test(n.code)),
      3_000,
      'the toggle answered',
      () => app.notifier.shown,
    );
    expect(told.code).not.toBe('command-signed-out');
    await app.service.dispose();
    service = undefined;
    expect(app.shortcuts.registered.size).toBe(0);
    expect(app.shortcuts.calls).toEqual([`register ${HOTKEY}`, `unregister ${HOTKEY}`]);
  });

  it('a sign-in from the window registers the hotkey too (no start() before it)', async () => {
    const app = await boot({ noStart: true });
    expect(app.shortcuts.registered.size).toBe(0);
    await signIn(app.service);
    expect(app.shortcuts.isRegistered(HOTKEY)).toBe(true);
    await establishedCall(app.service);
    app.shortcuts.press(HOTKEY);
    await waitFor(() => app.service.getState().status === 'paused', 3_000, 'paused by the hotkey');
  });

  it('a hotkey taken at start is reported once, nothing is registered, and quitting unregisters nothing', async () => {
    const app = await boot({ taken: [HOTKEY] });
    expect(app.shortcuts.registered.size).toBe(0);
    // What the settings' hotkey field shows, and what the agent is told.
    expect(app.service.getState().hotkey).toEqual({
      accelerator: HOTKEY,
      registered: false,
      problem: 'taken',
    });
    expect(app.notifier.shown.filter((n) => n.code === 'hotkey-taken')).toHaveLength(1);
    expect(app.notices.filter((n) => n.code === 'hotkey-taken')).toHaveLength(1);
    expect(app.notifier.shown[0]?.body).toMatch(/No hotkey is active/);
    // A sign-in tries again quietly: still taken, not told twice.
    await signIn(app.service);
    expect(app.notifier.shown.filter((n) => n.code === 'hotkey-taken')).toHaveLength(1);
    await app.service.dispose();
    service = undefined;
    expect(app.shortcuts.calls.filter((c) => c.startsWith('unregister'))).toEqual([]);
    expect(app.session.state().phase).toBe('signed-out');
  });

  it('a corrupt settings file: defaults, a backup, and a message; the app still starts', async () => {
    const app = await boot({ settingsFile: '{"serverUrl": "https://gws.exa' });
    const view = app.service.getSettings();
    expect(view.values.hotkey).toBe(HOTKEY);
    expect(view.problems.join(' ')).toMatch(/backed up to .*\.bak.*reset to defaults/);
    expect(readdirSync(app.dir).some((f) => f.endsWith('.bak'))).toBe(true);
    expect(await app.service.start()).toEqual({ ok: true }); // no server configured → demo
    expect(app.service.getState().session.demo).toBe(true);
    expect(app.tray.models.at(-1)?.tooltip).toContain('Demo');
  });

  it('managed settings win, show as locked, and are refused on update', async () => {
    const app = await boot({ managed: { hotkey: 'CommandOrControl+Alt+F12', transport: 'long-polling' } });
    const view = app.service.getSettings();
    expect(view.values.hotkey).toBe('CommandOrControl+Alt+F12');
    expect(view.locked.sort()).toEqual(['hotkey', 'transport']);
    expect(app.shortcuts.isRegistered('CommandOrControl+Alt+F12')).toBe(true);
    const refused = await app.service.updateSettings({ hotkey: 'CommandOrControl+Alt+P' });
    expect(refused).toMatchObject({ ok: false, code: 'locked' });
    expect(app.shortcuts.isRegistered('CommandOrControl+Alt+F12')).toBe(true);
  });

  it('tray menu: Show window focuses it, Sign out signs out', async () => {
    const app = await boot();
    await signIn(app.service);
    app.tray.click('show-window');
    expect(app.window.actions).toContain('focus');
    app.tray.click('sign-out');
    await waitFor(() => app.service.getState().status === 'signed-out', 5_000, 'signed out');
    expect(app.tray.models.at(-1)?.iconId).toBe('signed-out');
  });

  it('never pushes a password in any view or notice', async () => {
    const app = await boot();
    await app.service.signIn({
      serverUrl: sim.url,
      username: 'agent1',
      password: 'Wrong-Secret-42',
      rememberPassword: true,
      transport: 'long-polling',
    });
    expect(app.service.getState().session.lastError?.code).toBe('bad-credentials');
    expect(JSON.stringify([app.views, app.notices, app.service.getSettings()])).not.toContain(
      'Wrong-Secret-42',
    );
  });

  it('a server locked by IT cannot be swapped at sign-in', async () => {
    const app = await boot({ managed: { serverUrl: 'https://gws.corp.example.com' } });
    const result = await app.service.signIn({
      serverUrl: sim.url,
      username: 'agent1',
      password: 'agent1',
      rememberPassword: false,
    });
    expect(result).toMatchObject({ ok: false, code: 'config' });
    expect(app.service.getState().session.phase).toBe('signed-out');
  });

  it('saves the account after a sign-in; a transport change reconnects without signing out', async () => {
    const app = await boot();
    await signIn(app.service);
    expect(app.service.getSettings().values).toMatchObject({ serverUrl: sim.url, username: 'agent1' });
    const before = app.session.core();
    expect(await app.service.updateSettings({ transport: 'websocket' })).toMatchObject({ ok: true });
    await waitFor(() => app.session.core() !== before, 3_000, 'a new core');
    await waitFor(() => app.service.getState().connection === 'connected', 5_000, 'connected again');
    expect(app.service.getState().session.phase).toBe('signed-in');
  });

  it('start at login / start hidden go to the login item', async () => {
    const app = await boot();
    await app.service.updateSettings({ startAtLogin: true });
    await app.service.updateSettings({ startHidden: true });
    await app.service.updateSettings({ username: 'x' });
    expect(app.loginItem.calls).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('refuses a malformed command or settings patch with a code, changing nothing', async () => {
    const app = await boot();
    expect(await app.service.command({ name: 'explode' } as never)).toMatchObject({ code: 'invalid-input' });
    expect(await app.service.updateSettings({ hotkey: 'Shift+A' })).toMatchObject({
      ok: false,
      code: 'hotkey-invalid',
    });
    expect(await app.service.updateSettings({ colour: 'red' } as never)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(app.service.getSettings().values.hotkey).toBe(HOTKEY);
    expect(await app.service.command({ name: 'toggle' })).toMatchObject({ ok: false, code: 'signed-out' });
  });

  it('start signs in with a remembered password, and stays quietly signed out without one', async () => {
    const app = await boot({
      settingsFile: JSON.stringify({ serverUrl: sim.url, username: 'agent1', rememberPassword: true }),
    });
    expect(await app.service.start()).toBeUndefined();
    expect(app.service.getState().session).toEqual({
      phase: 'signed-out',
      demo: false,
    });
    const signedIn = await app.service.signIn({
      serverUrl: sim.url,
      username: 'agent1',
      password: 'agent1',
      rememberPassword: true,
      transport: 'long-polling',
    });
    expect(signedIn).toEqual({ ok: true });
    await app.service.signOut();
    expect(await app.service.start()).toEqual({ ok: true });
    expect(app.service.getState().session).toMatchObject({ phase: 'signed-in', username: 'agent1' });

    // "Remember password" switched off: the stored password is gone at once, not at the next sign-in.
    expect(await app.service.updateSettings({ rememberPassword: false })).toMatchObject({ ok: true });
    expect(await app.session.hasRememberedPassword(sim.url, 'agent1')).toBe(false);
  });

  it('IT-locked user and transport win over what the sign-in request says', async () => {
    const app = await boot({ managed: { username: 'agent2', transport: 'long-polling' } });
    const other = await app.service.signIn({
      serverUrl: sim.url,
      username: 'agent1',
      password: 'agent1',
      rememberPassword: false,
    });
    expect(other).toMatchObject({ ok: false, code: 'config' });
    const ok = await app.service.signIn({
      serverUrl: sim.url,
      username: 'agent2',
      password: 'agent2',
      rememberPassword: false,
      transport: 'websocket',
    });
    expect(ok).toEqual({ ok: true });
    expect(app.service.getSettings().values.transport).toBe('long-polling');
  });

  it('reconnect now (power resume) rebuilds the stream and comes back connected', async () => {
    const app = await boot();
    await signIn(app.service);
    const seen = app.views.length;
    app.service.reconnectNow();
    await waitFor(
      () => app.views.slice(seen).some((v) => v.connection !== 'connected'),
      3_000,
      'the stream rebuilt',
    );
    await waitFor(() => app.service.getState().connection === 'connected', 5_000, 'connected again');
  });

  it('quitting unregisters the hotkey and ends the session', async () => {
    const app = await boot();
    await signIn(app.service);
    expect(app.shortcuts.registered.size).toBe(1);
    await app.service.dispose();
    service = undefined;
    expect(app.shortcuts.registered.size).toBe(0);
    expect(app.session.state().phase).toBe('signed-out');
  });
});
