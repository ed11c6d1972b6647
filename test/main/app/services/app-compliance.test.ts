import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceOptions } from '../../../../main/core/compliance/with-compliance.ts';
import { createAppStack, type AppStack } from '../../../../main/app/services/app-stack.ts';
import { bindDesktopShell, type DesktopShell } from '../../../../main/app/services/desktop-shell.ts';
import { createMemorySecretStore } from '../../../../main/app/services/memory-secret-store.ts';
import { createJsonFileSettingsStore } from '../../../../main/app/services/settings-file-store.ts';
import { startSimulator, type RunningSimulator } from '../../../../simulator/index.ts';
import { simControl, type SimControl } from '../../helpers/sim-control.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { testNotifier, testShortcuts, testTray, testWindow } from '../in-test-ports.ts';
import { APP_SIM_OPTIONS } from '../helpers.ts';

let sim: RunningSimulator;
let ctl: SimControl;
let dir: string;
let stack: AppStack | undefined;
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
  await stack?.service.dispose();
  stack = undefined;
  for (const call of (await ctl.state()).calls) await ctl.release(call.id).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** The stack as the desktop builds it (compliance on), signed in with a paused, established call. */
async function pausedCall(compliance: Partial<ComplianceOptions>) {
  dir = mkdtempSync(join(tmpdir(), 'gws-compliance-'));
  const settingsPath = join(dir, 'settings.json');
  writeFileSync(settingsPath, JSON.stringify({ serverUrl: sim.url, username: 'agent1' }));
  stack = createAppStack({
    host: 'desktop',
    store: createJsonFileSettingsStore(settingsPath),
    secrets: createMemorySecretStore(),
    managedPath: join(dir, 'none.json'),
    shortcuts: testShortcuts(),
    platform: 'linux',
    compliance,
    coreOptions: { recordingTimeoutMs: 1_000, requestTimeoutMs: 3_000 },
  });
  const { service } = stack;
  const tray = testTray();
  const notifier = testNotifier();
  const window = testWindow();
  shell = bindDesktopShell(service, { tray, notifier, window, platform: 'linux', quit: () => undefined });
  expect(await service.start()).toBeUndefined(); // hotkey registered; no remembered password: signed out
  const signedIn = await service.signIn({
    serverUrl: sim.url,
    username: 'agent1',
    password: 'agent1',
    rememberPassword: false,
    transport: 'long-polling',
  });
  expect(signedIn).toEqual({ ok: true });
  await waitFor(() => service.getState().connection === 'connected', 5_000, 'connected');
  const callId = await ctl.createCall({ state: 'Established', recording: true });
  await waitFor(() => service.getState().status === 'recording', 3_000, 'recording');
  expect(await service.command({ name: 'pause' })).toMatchObject({ ok: true });
  await waitFor(() => service.getState().status === 'paused', 3_000, 'paused');
  return { service, tray, notifier, window, callId };
}

describe('compliance through the app layer (real core, simulator, withCompliance)', () => {
  it('reminders escalate: notification, then with sound, then tray flash and window to front', async () => {
    const app = await pausedCall({ reminderSeconds: 1 });
    await waitFor(
      () => app.notifier.shown.filter((n) => n.code === 'reminder').length >= 3,
      8_000,
      'three reminders',
      () => app.notifier.shown,
    );
    const reminders = app.notifier.shown.filter((n) => n.code === 'reminder');
    expect(reminders.map((r) => [r.sound, r.attention])).toEqual([
      [false, 'none'],
      [true, 'none'],
      [true, 'flash'],
    ]);
    expect(reminders[0]?.body).toMatch(/paused for \d+ s\. Press Ctrl\+Alt\+P to resume\./);
    expect(app.tray.flashes).toBe(1);
    expect(app.window.actions).toContain('focus');
    expect(app.service.getState().compliance).toMatchObject({ reminderLevel: 3 });
  });

  it('auto-resume is announced, then resumes and says so', async () => {
    const app = await pausedCall({ reminderSeconds: 60, autoResumeSeconds: 2, autoResumeWarningSeconds: 1 });
    await waitFor(
      () => app.service.getState().compliance?.autoResumeAt !== undefined,
      3_000,
      'auto-resume announced in the view',
    );
    await waitFor(() => app.service.getState().status === 'recording', 6_000, 'resumed');
    const codes = app.notifier.shown.map((n) => n.code);
    expect(codes).toContain('auto-resume-warning');
    await waitFor(
      () => app.notifier.shown.some((n) => n.code === 'auto-resumed'),
      2_000,
      'auto-resumed said',
    );
  });

  it('keep-paused postpones the announced auto-resume', async () => {
    const app = await pausedCall({
      reminderSeconds: 60,
      autoResumeSeconds: 2,
      autoResumeWarningSeconds: 1.5,
    });
    await waitFor(() => app.service.getState().compliance?.autoResumeAt, 3_000, 'announced');
    const first = app.service.getState().compliance?.autoResumeAt ?? 0;
    expect(await app.service.command({ name: 'keep-paused' })).toMatchObject({ ok: true });
    await waitFor(
      () => (app.service.getState().compliance?.autoResumeAt ?? 0) > first,
      2_000,
      'postponed',
      () => app.service.getState().compliance,
    );
    expect(app.service.getState().status).toBe('paused');
  });

  it('a hang-up while paused is said once (compliance reports it, the view rule stays quiet)', async () => {
    const app = await pausedCall({ reminderSeconds: 60 });
    await ctl.release(app.callId);
    await waitFor(() => app.service.getState().status === 'no-call', 3_000, 'no call');
    await waitFor(() => app.notifier.shown.some((n) => n.code === 'call-ended-while-paused'), 2_000, 'said');
    expect(app.notifier.shown.filter((n) => n.code === 'call-ended-while-paused')).toHaveLength(1);
    expect(app.notifier.shown.find((n) => n.code === 'call-ended-while-paused')?.body).toBe(
      'The call with 15551230042 ended while its recording was paused.',
    );
  });
});
