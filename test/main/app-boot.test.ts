/**
 * The composition root (main/index.ts) booted with the shared electron fake,
 * the real core, the real electron-store on real files, and the real
 * simulator on loopback: what an agent sees in the tray and notifications
 * when pressing the global hotkey, and how the app treats its settings,
 * a second launch and IT's managed settings. First of all, exactly what
 * `npm start` launches (its own argv, `--demo`), as a newcomer meets it.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type AppView,
  IpcChannel,
  type SettingsUpdateResult,
  type SettingsView,
  type SignInResult,
} from '../../contract/ipc-contract.ts';
import { bootApp, type BootedApp } from '../../main/index.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/index.ts';
import {
  app,
  globalShortcut,
  ipcMain,
  notifications,
  powerMonitor,
  resetElectronFake,
  trays,
  windows,
  type FakeBrowserWindow,
  type FakeTray,
} from '../fakes/electron-fake.ts';
import { verifyAuditFiles } from '../../main/core/compliance/audit-verify.ts';
import { electronArgs } from '../../scripts/start.ts';
import { TEST_CORE_OPTIONS } from './app/helpers.ts';
import { simControl, type SimControl } from './helpers/sim-control.ts';
import { waitFor } from './helpers/wait-for.ts';

const HOTKEY = 'CommandOrControl+Alt+P';
/** agent1's password in this simulator: distinctive, so the log can be searched for it. */
const PASSWORD = 'Pw-7f3a9c-not-in-logs';

let sim: RunningSimulator;
let ctl: SimControl;
let dir: string;
let booted: BootedApp | undefined;

beforeAll(async () => {
  sim = await startSimulator({
    bayeuxTimeoutSec: 2,
    agents: [{ userName: 'agent1', password: PASSWORD, dn: '7001', firstName: 'Ada', lastName: 'Agent' }],
  });
  ctl = simControl(sim.url);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  resetElectronFake();
  dir = mkdtempSync(join(tmpdir(), 'gws-boot-'));
  app.setPathBase(dir);
});
afterEach(async () => {
  await booted?.quit();
  booted = undefined;
  for (const call of (await ctl.state()).calls) await ctl.release(call.id).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** Boots the app as Electron would run it: lock, then `ready`. */
async function boot(options: { settings?: string | object; managed?: object } = {}): Promise<BootedApp> {
  const userData = app.getPath('userData');
  if (options.settings !== undefined) {
    const text = typeof options.settings === 'string' ? options.settings : JSON.stringify(options.settings);
    writeFileSync(join(userData, 'settings.json'), text);
  }
  const managed = join(dir, 'managed-settings.json');
  if (options.managed) writeFileSync(managed, JSON.stringify(options.managed));
  const booting = bootApp({
    platform: 'linux',
    argv: ['electron', '.'],
    env: { ...process.env, GWS_SECURE_PAUSE_MANAGED_CONFIG: managed, ELECTRON_RENDERER_URL: undefined },
    outDir: join(dir, 'out'),
    coreOptions: TEST_CORE_OPTIONS,
  });
  app.fireReady();
  const running = await booting;
  if (!running) throw new Error('the app did not boot');
  booted = running;
  win().fireReadyToShow();
  return running;
}

/**
 * Boots what `npm start` launches: Electron on the app with the script's own
 * arguments (`process.argv` is `[electron, '.', '--demo']`), and nothing a
 * test would add (no shorter timings, no simulator options). Only the managed
 * settings path points into the test folder, so a machine's own IT file
 * cannot change what is tested.
 */
async function bootAsNpmStart(settings?: object): Promise<BootedApp> {
  if (settings) writeFileSync(join(app.getPath('userData'), 'settings.json'), JSON.stringify(settings));
  const booting = bootApp({
    argv: [process.execPath, ...electronArgs([])],
    env: { ...process.env, GWS_SECURE_PAUSE_MANAGED_CONFIG: join(dir, 'no-managed-settings.json') },
    outDir: join(dir, 'out'),
  });
  app.fireReady();
  const running = await booting;
  if (!running) throw new Error('the app did not boot');
  booted = running;
  win().fireReadyToShow();
  return running;
}

const win = (): FakeBrowserWindow => windows[0]!;
const tray = (): FakeTray => trays[0]!;
const icon = (): string => tray().fakeImage.path;
const iconIs = (id: string) => () => icon().endsWith(`/assets/tray/${id}-32.png`);
const titles = (title: string) => notifications.filter((n) => n.title === title);

/** An invoke from our window, as the preload makes it. */
function invoke<T>(channel: string, payload?: unknown): Promise<T> {
  const sender = { contents: win().fakeContents };
  return (
    payload === undefined ? ipcMain.invoke(channel, sender) : ipcMain.invoke(channel, sender, payload)
  ) as Promise<T>;
}

async function signIn(): Promise<void> {
  const result = await invoke<SignInResult>(IpcChannel.SignIn, {
    serverUrl: sim.url,
    username: 'agent1',
    password: PASSWORD,
    rememberPassword: false,
    transport: 'long-polling',
  });
  expect(result).toEqual({ ok: true });
  await waitFor(iconIs('no-call'), 10_000, 'tray: no call', icon);
}

/** agent1's live HTTP sessions on the simulator. */
async function agentSessions(): Promise<number> {
  const sessions = (await ctl.state()).sessions as { agent: string }[];
  return sessions.filter((x) => x.agent === 'agent1').length;
}

const serverSettings = () => ({ serverUrl: sim.url, username: 'agent1', transport: 'long-polling' });

describe('npm start: the demo, as a newcomer meets it', () => {
  it('signs in agent1 on the demo, registers Ctrl+Alt+P, and a press on the demo call pauses recording', async () => {
    const running = await bootAsNpmStart();
    const view = running.service.getState();
    expect(view.session).toMatchObject({ demo: true, username: 'agent1' });
    expect(tray().toolTip).toContain('Demo');
    expect(globalShortcut.isRegistered(HOTKEY), 'the README says: press Ctrl+Alt+P').toBe(true);

    // The demo caller rings agent1; the agent answers in the window, as the README says.
    const ringing = await waitFor(
      async () => (await invoke<AppView>(IpcChannel.GetState)).calls.find((c) => c.state === 'Ringing'),
      15_000,
      'the demo call rings',
      () => running.service.getState().calls,
    );
    await expect(invoke(IpcChannel.Command, { name: 'answer', callId: ringing.id })).resolves.toMatchObject({
      ok: true,
    });
    await waitFor(iconIs('recording'), 10_000, 'tray: recording', icon);

    expect(globalShortcut.press(HOTKEY)).toBe(true);
    await waitFor(iconIs('paused'), 10_000, 'tray: paused (confirmed by the demo server)', icon);
    await waitFor(() => titles('Recording paused').length === 1, 5_000, 'Recording paused notified');
    expect(titles('Recording paused')[0]!.body).toContain('Ctrl+Alt+P');
  });

  it('runs the demo even with a saved account (the flag wins), and the hotkey is registered there too', async () => {
    const running = await bootAsNpmStart({ ...serverSettings(), rememberPassword: true });
    expect(running.service.getState().session).toMatchObject({ demo: true, username: 'agent1' });
    expect(await agentSessions(), 'the saved account was not signed in').toBe(0);
    expect(globalShortcut.isRegistered(HOTKEY)).toBe(true);
  });
});

describe('the desktop app booted with the electron fake, the real core and simulator', () => {
  it('hotkey on a recording call: pending → paused with one notification, back to recording; hang-up while paused is told', async () => {
    const running = await boot({ settings: serverSettings() });
    expect(icon()).toMatch(/signed-out-32\.png$/);
    expect(globalShortcut.isRegistered(HOTKEY)).toBe(true);
    await signIn();

    // No call yet: the hotkey is refused, and the agent is told (never silence).
    globalShortcut.press(HOTKEY);
    await waitFor(() => titles('Pause/resume: not done').length === 1, 5_000, 'no-call refusal notified');
    expect(titles('Pause/resume: not done')[0]!.body).toMatch(/no active call/);
    expect(icon()).toMatch(/no-call-32\.png$/);

    const callId = await ctl.createCall({ state: 'Ringing' });
    await waitFor(
      async () => (await invoke<AppView>(IpcChannel.GetState)).calls.some((c) => c.id === callId),
      10_000,
      'the ringing call in the window',
    );
    await expect(invoke(IpcChannel.Command, { name: 'answer', callId })).resolves.toMatchObject({ ok: true });
    await waitFor(iconIs('recording'), 10_000, 'tray: recording', icon);
    expect(tray().toolTip).toMatch(/Recording/);

    const before = tray().imageHistory.length;
    expect(globalShortcut.press(HOTKEY)).toBe(true);
    await waitFor(iconIs('paused'), 10_000, 'tray: paused', icon);
    const shown = tray()
      .imageHistory.slice(before)
      .map((p) => p.replace(/^.*\//, ''));
    expect(shown).toEqual(['pending-32.png', 'paused-32.png']);
    expect(tray().toolTip).toMatch(/Paused/);
    await waitFor(() => titles('Recording paused').length === 1, 5_000, 'one Recording paused');
    expect(titles('Recording paused')[0]!.body).toContain('Ctrl+Alt+P');
    expect((await ctl.state()).calls.find((c) => c.id === callId)?.recordingState).toMatch(/paus/i);

    globalShortcut.press(HOTKEY);
    await waitFor(iconIs('recording'), 10_000, 'tray: recording again', icon);
    expect(titles('Recording paused')).toHaveLength(1);

    globalShortcut.press(HOTKEY);
    await waitFor(iconIs('paused'), 10_000, 'tray: paused again', icon);
    await ctl.release(callId);
    await waitFor(
      () => titles('Call ended while paused').length === 1,
      10_000,
      'call ended while paused',
      () => notifications.map((n) => n.title),
    );
    await waitFor(iconIs('no-call'), 10_000, 'tray: no call', icon);

    // Every pause, resume and the call ending while paused are in the tamper-evident audit log.
    const auditFile = join(app.getPath('userData'), 'audit', 'audit.jsonl');
    const audit = readFileSync(auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; result: string; agent: string });
    expect(audit.every((e) => e.agent === 'agent1')).toBe(true);
    expect(audit.filter((e) => e.action === 'pause' && e.result === 'confirmed')).toHaveLength(2);
    expect(audit.filter((e) => e.action === 'resume' && e.result === 'confirmed')).toHaveLength(1);
    expect(verifyAuditFiles([auditFile])).toMatchObject({ ok: true });

    // The computer wakes up: the stream is rebuilt at once (and stays truthful).
    powerMonitor.emit('resume');
    await waitFor(
      () => readFileSync(running.log.path, 'utf8').includes('reconnecting now'),
      5_000,
      'resume logged',
    );

    // Clicking a notification brings the window up.
    win().hide();
    titles('Recording paused')[0]!.click();
    expect(win().isVisible()).toBe(true);
    expect(win().isFocused()).toBe(true);

    // The support log is in the app's log folder, and has no password in it.
    expect(running.log.path.startsWith(app.getPath('logs'))).toBe(true);
    const logText = running.log
      .files()
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(logText).toMatch(/starting/);
    expect(logText).not.toContain(PASSWORD);
  });

  it('closing the window hides it to the tray; Quit in the tray signs out, unregisters the hotkey and removes the tray', async () => {
    await boot({ settings: serverSettings() });
    await signIn();
    win().close();
    expect(win().isDestroyed()).toBe(false);
    expect(win().isVisible()).toBe(false);
    expect(await agentSessions()).toBeGreaterThan(0);
    tray().menu!.click('Quit');
    await booted!.quit();
    booted = undefined;
    expect(globalShortcut.calls).toContain('unregisterAll');
    expect(globalShortcut.registered.size).toBe(0);
    expect(tray().isDestroyed()).toBe(true);
    expect(win().isDestroyed()).toBe(true);
    expect(await agentSessions(), 'signed out at quit (EndContactCenterSession ends the HTTP session)').toBe(
      0,
    );
  });

  it('a taken hotkey is reported in settings and a notification, and the old one still works', async () => {
    await boot({ settings: serverSettings() });
    await signIn();
    await ctl.createCall({ state: 'Established', recording: true });
    await waitFor(iconIs('recording'), 10_000, 'tray: recording', icon);

    globalShortcut.taken.add('Alt+F9');
    const result = await invoke<SettingsUpdateResult>(IpcChannel.UpdateSettings, { hotkey: 'Alt+F9' });
    expect(result).toMatchObject({ ok: false, code: 'hotkey-taken' });
    expect(result.settings.values.hotkey).toBe(HOTKEY);
    await waitFor(() => titles('Hotkey taken').length === 1, 5_000, 'hotkey taken notification');
    expect(titles('Hotkey taken')[0]!.body).toMatch(
      /Alt\+F9 is used by another application\. Ctrl\+Alt\+P still works/,
    );
    expect(globalShortcut.calls.filter((c) => c.startsWith('unregister'))).toEqual([]);

    expect(globalShortcut.press(HOTKEY)).toBe(true);
    await waitFor(iconIs('paused'), 10_000, 'old hotkey still pauses', icon);
  });

  it('a corrupt settings file: defaults, a backup, a message — and with no server configured, the demo', async () => {
    await boot({ settings: '{"serverUrl": "https://gws.exa' });
    const view = await invoke<SettingsView>(IpcChannel.GetSettings);
    expect(view.values).toEqual(DEFAULT_SETTINGS);
    expect(view.problems.join(' ')).toMatch(
      /settings file .* was unusable .*backed up to .*\.bak.* reset to defaults/,
    );
    const userData = app.getPath('userData');
    const backups = readdirSync(userData).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(userData, backups[0]!), 'utf8')).toBe('{"serverUrl": "https://gws.exa');
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toEqual(DEFAULT_SETTINGS);
    await waitFor(
      () => tray().toolTip.includes('Demo'),
      15_000,
      'demo signed in',
      () => tray().toolTip,
    );
  });

  it('a second launch focuses the first window; a launch without the lock quits at once', async () => {
    await boot({ settings: serverSettings() });
    win().hide();
    win().minimize();
    app.fireSecondInstance();
    expect(win().isMinimized()).toBe(false);
    expect(win().isVisible()).toBe(true);
    expect(win().isFocused()).toBe(true);

    await booted!.quit();
    booted = undefined;
    resetElectronFake();
    app.setPathBase(dir);
    app.lockAvailable = false;
    const second = await bootApp({ platform: 'linux', argv: [], env: {}, coreOptions: TEST_CORE_OPTIONS });
    expect(second).toBeUndefined();
    expect(app.quitCalls).toBe(1);
    expect(windows).toHaveLength(0);
    expect(trays).toHaveLength(0);
  });

  it('managed settings win: IT’s hotkey is registered and locked, the user’s is ignored', async () => {
    await boot({ settings: { ...serverSettings(), hotkey: 'Alt+F11' }, managed: { hotkey: 'Alt+F10' } });
    expect(globalShortcut.isRegistered('Alt+F10')).toBe(true);
    expect(globalShortcut.isRegistered('Alt+F11')).toBe(false);
    const view = await invoke<SettingsView>(IpcChannel.GetSettings);
    expect(view.values.hotkey).toBe('Alt+F10');
    expect(view.locked).toContain('hotkey');
    const refused = await invoke<SettingsUpdateResult>(IpcChannel.UpdateSettings, { hotkey: 'Alt+F12' });
    expect(refused).toMatchObject({ ok: false, code: 'locked' });
    expect(globalShortcut.isRegistered('Alt+F12')).toBe(false);
  });

  it('start hidden: the window waits in the tray until asked for', async () => {
    await boot({ settings: { ...serverSettings(), startHidden: true } });
    expect(win().isVisible()).toBe(false);
    tray().emit('click');
    expect(win().isVisible()).toBe(true);
    win().close();
    expect(win().isVisible()).toBe(false);
    app.fireActivate();
    expect(win().isVisible(), 'the dock icon (macOS activate) shows it again').toBe(true);
  });

  it('the packaged app has no DevTools (a console on gwsApi would bypass the window’s locks)', async () => {
    app.isPackaged = true;
    try {
      await boot({ settings: serverSettings() });
      expect(win().options.webPreferences?.devTools).toBe(false);
    } finally {
      app.isPackaged = false;
    }
  });

  it('a CA file that is not PEM (e.g. /etc/passwd) is refused in settings and at sign-in, naming the file', async () => {
    await boot({ settings: serverSettings() });
    const refused = await invoke<SettingsUpdateResult>(IpcChannel.UpdateSettings, {
      extraCaFile: '/etc/passwd',
    });
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect(refused.ok ? '' : refused.message).toMatch(/\/etc\/passwd holds no PEM certificate/);
    expect(refused.settings.values.extraCaFile).toBe('');
    expect(
      JSON.parse(readFileSync(join(app.getPath('userData'), 'settings.json'), 'utf8')).extraCaFile ?? '',
    ).toBe('');

    const signIn = await invoke<SignInResult>(IpcChannel.SignIn, {
      serverUrl: sim.url,
      username: 'agent1',
      password: PASSWORD,
      rememberPassword: false,
      extraCaFile: '/etc/passwd',
    });
    expect(signIn).toMatchObject({ ok: false, code: 'config' });
    expect(signIn.ok ? '' : signIn.message).toMatch(/\/etc\/passwd holds no PEM certificate/);
    expect(await agentSessions(), 'nothing was sent to the server').toBe(0);
  });
});
