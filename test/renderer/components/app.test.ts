import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../../renderer/src/app.svelte';
import { createFakeApi, makeCall, makeView } from '../helpers/fake-api.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('window', () => {
  it('has exactly one status region, and the workspace once signed in', async () => {
    const api = createFakeApi();
    render(App, { api });
    await waitFor(() => expect(screen.getByRole('button', { name: /^Pause recording/ })).toBeTruthy());
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(screen.getByRole('status').textContent?.trim()).toBe('Recording');
  });

  it('shows the sign-in form when signed out, and follows pushed state', async () => {
    const api = createFakeApi(
      makeView({
        status: 'signed-out',
        connection: 'signed-out',
        session: { phase: 'signed-out', demo: false },
      }),
    );
    render(App, { api });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy());
    expect(screen.getByRole('status').textContent?.trim()).toBe('Signed out');
    api.push(makeView({ status: 'paused', calls: [makeCall({ recording: 'paused' })] }));
    await waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe('Paused'));
    expect(screen.getByRole('button', { name: /^Resume recording/ })).toBeTruthy();
  });

  it('shows notices; info ones go by themselves, and "recording paused" goes once no longer paused', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    const api = createFakeApi(makeView({ status: 'paused', calls: [makeCall({ recording: 'paused' })] }));
    render(App, { api });
    await vi.waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe('Paused'));
    api.notice({
      id: 'n1',
      severity: 'info',
      code: 'recording-paused',
      message: 'Recording paused: resume later',
      at: 1,
    });
    api.notice({
      id: 'n2',
      severity: 'error',
      code: 'command-refused',
      message: 'Pause refused: nothing changed',
      at: 2,
    });
    await vi.waitFor(() => expect(screen.getByText('Recording paused: resume later')).toBeTruthy());
    api.push(makeView({ status: 'recording' }));
    await vi.waitFor(() => expect(screen.queryByText('Recording paused: resume later')).toBeNull());
    api.notice({ id: 'n3', severity: 'info', code: 'auto-resumed', message: 'Recording resumed', at: 3 });
    await vi.waitFor(() => expect(screen.getByText('Recording resumed')).toBeTruthy());
    vi.advanceTimersByTime(11_000);
    await vi.waitFor(() => expect(screen.queryByText('Recording resumed')).toBeNull());
    expect(screen.getByText('Pause refused: nothing changed')).toBeTruthy();
  });

  it('says so in the page in browser mode (no tray, no global hotkey) and labels no hotkey', async () => {
    const api = createFakeApi(makeView({ host: 'browser' }));
    render(App, { api });
    await waitFor(() =>
      expect(screen.getByTestId('browser-note').textContent).toMatch(/no tray icon and no global hotkey/),
    );
    expect(screen.getByRole('button', { name: /^Pause recording/ }).textContent).not.toContain('Ctrl');
  });

  it('drops a refusal notice once another call is shown, and every notice on sign-out', async () => {
    const api = createFakeApi();
    render(App, { api });
    await waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe('Recording'));
    api.notice({ id: 'n1', severity: 'error', code: 'command-refused', message: 'Pause refused', at: 1 });
    api.notice({
      id: 'n2',
      severity: 'warning',
      code: 'call-ended-while-paused',
      message: 'Call ended',
      at: 2,
    });
    await waitFor(() => expect(screen.getByText('Pause refused')).toBeTruthy());
    api.push(makeView({ statusCallId: 'c2', targetCallId: 'c2', calls: [makeCall({ id: 'c2' })] }));
    await waitFor(() => expect(screen.queryByText('Pause refused')).toBeNull());
    expect(screen.getByText('Call ended')).toBeTruthy();
    api.push(
      makeView({
        status: 'signed-out',
        connection: 'signed-out',
        session: { phase: 'signed-out', demo: false },
      }),
    );
    await waitFor(() => expect(screen.queryByText('Call ended')).toBeNull());
  });
});

describe('window timing', () => {
  it('times the pause from now, not from when the first view it reads was made', async () => {
    const now = Date.now();
    // getState hands back the last view, made a minute ago when the pause was confirmed.
    const view = makeView({
      status: 'paused',
      pausedSince: now - 125_000,
      calls: [makeCall({ recording: 'paused' })],
      at: now - 60_000,
    });
    render(App, { api: createFakeApi(view) });
    const shown = await screen.findByTestId('paused-for');
    expect(shown.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/Paused for 2 min [5-7] sec\./);
  });
});
