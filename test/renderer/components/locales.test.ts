/**
 * The window in each language (jsdom): the main states render with no English left (names and numbers aside),
 * `<html lang dir>` follow the language (Arabic right to left), a `locale` setting wins over the browser, and no
 * message falls back to English (a fallback is reported on the console, which fails these tests).
 */

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { AppView } from '../../../contract/ipc-contract.ts';
import { SUPPORTED_LOCALES, createTranslator } from '../../../i18n/index.ts';
import App from '../../../renderer/src/app.svelte';
import { createFakeApi, makeCall, makeView } from '../helpers/fake-api.ts';

/** English words that must not be left in another language's window (names and numbers aside; not `pause` or `agent`, which are German and French too). */
const ENGLISH =
  /\b(the|and|call|calls|recording|paused|resume|settings|sign|state|hang|hold|duration|direction|caller|seconds|not|for)\b/i;

/** Names that stay as they are in every language. */
const NAMES =
  /GWS Secure Pause|Genesys Web Services|WebSocket|Long-?polling|agent1|https:\/\/\S+|Ctrl\+Alt\+P/gi;

const PAUSED: Partial<AppView> = {
  status: 'paused',
  pausedSince: Date.now() - 125_000,
  calls: [makeCall({ recording: 'paused', pausedSince: Date.now() - 125_000 })],
  compliance: { reminderLevel: 1, autoResumeAt: Date.now() + 60_000 },
};

let warn: MockInstance;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn');
});
afterEach(() => {
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
});

/** The English words left in the page's visible text, names taken out (empty when none). */
function textWithoutNames(): string[] {
  const text = (document.body.textContent ?? '').replace(NAMES, ' ');
  return text.split(/\s+/).filter((w) => ENGLISH.test(w));
}

describe.each(SUPPORTED_LOCALES.filter((l) => l !== 'en'))('the window in %s', (locale) => {
  const { t } = createTranslator(locale);

  it('shows the paused workspace with no English left, lang and dir set', async () => {
    render(App, { api: createFakeApi(makeView(PAUSED)), languages: [locale] });
    await waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe(t('status.paused')));
    expect(screen.getByRole('button', { name: new RegExp(`^${t('toggle.resume')}`) })).toBeTruthy();
    expect(document.documentElement.lang).toBe(locale);
    expect(document.documentElement.dir).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    expect(textWithoutNames()).toEqual([]);
  });

  it.each([
    ['no call', makeView({ status: 'no-call', calls: [], statusCallId: undefined, targetCallId: undefined })],
    ['reconnecting', makeView({ connection: 'connecting' })],
    ['a stale call', makeView({ calls: [makeCall({ stale: true })] })],
    [
      'another call paused',
      makeView({
        calls: [makeCall(), makeCall({ id: 'c2', state: 'Held', recording: 'paused' })],
        otherPausedCallIds: ['c2', 'c3'],
      }),
    ],
    ['demo, browser mode', makeView({ host: 'browser', session: { phase: 'signed-in', demo: true } })],
  ])('shows %s with no English left', async (_name, view) => {
    render(App, { api: createFakeApi(view), languages: [locale] });
    await screen.findByRole('heading', { name: t('workspace.calls') });
    expect(textWithoutNames()).toEqual([]);
  });

  it('words a refused pause with no English left', async () => {
    const api = createFakeApi();
    api.commandResult = () => ({ ok: false, code: 'rejected', reason: '' });
    render(App, { api, languages: [locale] });
    await fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${t('toggle.pause')}`) }));
    await waitFor(() => expect(screen.getByTestId('command-message').textContent?.trim()).not.toBe(''));
    expect(textWithoutNames()).toEqual([]);
  });

  it('shows sign-in and a failure with no English left', async () => {
    const view = makeView({
      status: 'signed-out',
      connection: 'signed-out',
      session: { phase: 'signed-out', demo: false, lastError: { code: 'bad-credentials', message: 'x' } },
    });
    render(App, { api: createFakeApi(view), languages: [locale] });
    await waitFor(() => expect(screen.getByRole('button', { name: t('signin.submit') })).toBeTruthy());
    expect(screen.getByTestId('sign-in-error').textContent?.trim()).toBe(t('signin.failure.bad-credentials'));
    expect(textWithoutNames()).toEqual([]);
  });

  it('shows settings with no English left', async () => {
    render(App, { api: createFakeApi(), languages: [locale] });
    const open = await screen.findByRole('button', { name: t('app.settings') });
    await waitFor(() => expect(open.hasAttribute('disabled')).toBe(false));
    await fireEvent.click(open);
    await screen.findByRole('heading', { name: t('settings.heading') });
    expect(textWithoutNames()).toEqual([]);
  });
});

describe('language choice', () => {
  it('never shows the status in English first while the agent’s language loads (one announcement)', async () => {
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const text = document.querySelector('[role="status"]')?.textContent?.trim();
      if (text) seen.push(text);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    render(App, { api: createFakeApi(), languages: ['de'] });
    await waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe('Aufzeichnung läuft'));
    observer.disconnect();
    expect(seen.filter((text) => text !== 'Aufzeichnung läuft')).toEqual([]);
  });

  it('follows a locale setting in the view over the browser’s languages', async () => {
    const view = { ...makeView(), locale: 'fr' } as AppView;
    render(App, { api: createFakeApi(view), languages: ['de'] });
    await waitFor(() =>
      expect(screen.getByRole('status').textContent?.trim()).toBe('Enregistrement en cours'),
    );
    expect(document.documentElement.lang).toBe('fr');
  });

  it('is English for a language we do not ship', async () => {
    render(App, { api: createFakeApi(), languages: ['ja-JP'] });
    await waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe('Recording'));
    expect(document.documentElement.dir).toBe('ltr');
  });
});

describe('announcements', () => {
  it('raises the NOT PAUSED alarm assertively, in the agent’s language', async () => {
    const view = { ...makeView(), alarm: 'not-paused' } as AppView;
    render(App, { api: createFakeApi(view), languages: ['es'] });
    await waitFor(() =>
      expect(screen.getByTestId('alarm').textContent?.trim()).toBe('NO PAUSADA — no tome datos de tarjeta'),
    );
    expect(screen.getByTestId('alarm').getAttribute('role')).toBe('alert');
  });

  it('words a refused window pause once (inline alert), not also as a toast', async () => {
    const api = createFakeApi();
    api.commandResult = () => {
      // The app tells its notice before it answers the command, as the app service does.
      api.notice({ id: 'n1', severity: 'error', code: 'command-refused', message: 'Pause refused', at: 1 });
      return { ok: false, code: 'rejected', reason: '' };
    };
    render(App, { api });
    await fireEvent.click(await screen.findByRole('button', { name: /^Pause recording/ }));
    await waitFor(() => expect(screen.getByTestId('command-message').textContent).toMatch(/refused/));
    const alerts = screen.getAllByRole('alert').filter((a) => /refused/i.test(a.textContent ?? ''));
    expect(alerts).toHaveLength(1);
    expect(screen.queryByText('Pause refused')).toBeNull();
  });

  it('still shows the toast for a refusal the window did not send (hotkey, tray)', async () => {
    const api = createFakeApi();
    render(App, { api });
    await screen.findByRole('button', { name: /^Pause recording/ });
    api.notice({ id: 'n1', severity: 'error', code: 'command-refused', message: 'Pause refused', at: 1 });
    await waitFor(() => expect(screen.getByText('Pause refused')).toBeTruthy());
  });
});
