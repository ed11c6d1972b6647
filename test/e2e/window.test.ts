/**
 * The agent window end to end, in real Chromium: the built Svelte window, the
 * real `npm run web` CLI (app service, session controller, core) and a real
 * simulator this file starts itself (so /sim works; the app's demo switches
 * it off). Every assertion is what the agent sees: the status region's word,
 * the banner, the messages. Screenshots go to test-output/e2e/.
 */

import { mkdirSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/index.ts';
import { simControl, type SimControl } from '../main/helpers/sim-control.ts';
import {
  HAVE_CHROMIUM,
  axeSerious,
  buildWindow,
  launchChromium,
  startWebCli,
  statusText,
  waitForStatus,
  type WebCli,
} from './helpers/browser-mode.ts';

/** The page's globals inside `page.evaluate` callbacks (the tests' tsconfig has no DOM lib). */
interface PageNode {
  textContent: string | null;
}
declare const document: { querySelector(selector: string): PageNode | null; activeElement: PageNode | null };
declare const window: { bannerTexts: string[] };
declare const MutationObserver: new (callback: () => void) => {
  observe(target: PageNode, options: Record<string, boolean>): void;
};
declare const getComputedStyle: (element: PageNode) => { outlineStyle: string; outlineWidth: string };

const SHOTS = 'test-output/e2e';
const LONG = 90_000;

if (!HAVE_CHROMIUM) {
  console.warn('e2e skipped: /usr/bin/chromium is not installed (CI installs it in .ci/run).');
}

describe.skipIf(!HAVE_CHROMIUM)('agent window in Chromium (browser mode)', () => {
  let sim: RunningSimulator;
  let ctl: SimControl;
  let staticDir: string;
  let web: WebCli;
  let browser: Browser;
  let page: Page;
  const cspErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sim = await startSimulator({ bayeuxTimeoutSec: 2 });
    ctl = simControl(sim.url);
    staticDir = await buildWindow();
    web = await startWebCli(staticDir, [
      '--server',
      sim.url,
      '--username',
      'agent1',
      '--transport',
      'long-polling',
    ]);
    browser = await launchChromium();
    // English explicitly: the window follows the browser's language (the other locales: locales.test.ts).
    page = await browser.newPage({ viewport: { width: 900, height: 860 }, locale: 'en-US' });
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
    });
    await page.goto(web.url);
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await sim?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  it('prints exactly one Open line and removes the token from the address bar', async () => {
    expect(web.stdout()).toMatch(/^Open http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}\n$/);
    await page.getByLabel('Password', { exact: true }).waitFor();
    expect(page.url()).not.toContain('token');
    expect(await page.getByTestId('browser-note').textContent()).toMatch(/no tray icon and no global hotkey/);
  });

  it('sign-in screen: prefilled, Signed out, axe finds nothing serious', async () => {
    await waitForStatus(page, 'Signed out');
    expect(await page.getByLabel('Server', { exact: true }).inputValue()).toBe(sim.url);
    expect(await page.getByLabel('Username', { exact: true }).inputValue()).toBe('agent1');
    expect(await axeSerious(page)).toEqual([]);
  });

  it(
    'wrong password → a clear error, still signed out',
    async () => {
      await page.getByLabel('Password', { exact: true }).fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Wrong user name or password').waitFor({ timeout: 15_000 });
      expect(await statusText(page)).toBe('Signed out');
      await shot('01-sign-in-wrong-password');
    },
    LONG,
  );

  it(
    'right password → connected, No call',
    async () => {
      await page.getByLabel('Password', { exact: true }).fill('agent1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await waitForStatus(page, 'No call');
      await page.getByText(/^Connected to /).waitFor();
    },
    LONG,
  );

  it(
    'a call arrives → Answer → Recording; Pause → Pausing… → Paused; Resume → Resuming… → Recording',
    async () => {
      await ctl.createCall({ from: '15551230042', state: 'Ringing' });
      const answer = page.getByRole('button', { name: 'Answer' });
      await answer.waitFor({ timeout: 15_000 });
      await answer.click();
      await waitForStatus(page, 'Recording');
      expect(await axeSerious(page)).toEqual([]);
      await shot('02-recording');

      // The server answers the pause late, so the pending state is visible.
      await ctl.fault({ delayMs: 1500, operation: 'PauseCallRecording', count: 1 });
      await page.getByRole('button', { name: /^Pause recording/ }).click();
      await waitForStatus(page, 'Pausing…');
      await shot('03-pausing');
      const pending = page.getByRole('button', { name: /^Pause recording/ });
      expect(await pending.getAttribute('aria-disabled')).toBe('true');
      await waitForStatus(page, 'Paused');
      await page.getByTestId('paused-for').waitFor();
      expect(await axeSerious(page)).toEqual([]);
      await shot('04-paused');

      await ctl.fault({ delayMs: 1500, operation: 'ResumeCallRecording', count: 1 });
      await page.getByRole('button', { name: /^Resume recording/ }).click();
      await waitForStatus(page, 'Resuming…');
      await waitForStatus(page, 'Recording');
    },
    LONG,
  );

  it(
    'a refused pause (statusCode 4) → a message, and the status stays Recording',
    async () => {
      await ctl.fault({ operation: 'PauseCallRecording', statusCode: 4, count: 1 });
      await page.getByRole('button', { name: /^Pause recording/ }).click();
      await page.getByText('The server refused to pause the recording. Nothing changed.').waitFor();
      await waitForStatus(page, 'Recording');
      await shot('05-pause-refused');
    },
    LONG,
  );

  it(
    '/sim/restart → the banner says reconnecting, then the right state comes back',
    async () => {
      await page.evaluate(() => {
        const seen: string[] = [];
        window.bannerTexts = seen;
        const banner = document.querySelector('[data-testid="banner"]');
        const status = document.querySelector('[role="status"]');
        // Each change: "banner | status", so the test can check what was shown together.
        new MutationObserver(() =>
          seen.push(`${banner?.textContent?.trim() ?? ''} | ${status?.textContent?.trim() ?? ''}`),
        ).observe(document.querySelector('.app')!, { subtree: true, characterData: true, childList: true });
      });
      await ctl.restart();
      await page.waitForFunction(() => window.bannerTexts.some((t) => /Reconnecting/.test(t)), undefined, {
        timeout: 30_000,
      });
      await page.getByText(/^Connected to /).waitFor({ timeout: 30_000 });
      await waitForStatus(page, 'Recording', 30_000);
      // While reconnecting, the last state was never presented as confirmed.
      const whileReconnecting = await page.evaluate(() =>
        window.bannerTexts.filter((t) => /^Reconnecting/.test(t)),
      );
      expect(whileReconnecting.length).toBeGreaterThan(0);
      for (const seen of whileReconnecting) expect(seen).toMatch(/\| (Disconnected|Unknown)$/);
    },
    LONG,
  );

  it(
    'remote hang-up → No call',
    async () => {
      const [call] = (await ctl.state()).calls.filter((c) => c.state !== 'Released');
      await ctl.release(call!.id);
      await waitForStatus(page, 'No call');
    },
    LONG,
  );

  it(
    'keyboard only: Tab to the toggle, Enter pauses, Enter again resumes; focus is visible',
    async () => {
      await ctl.createCall({ from: '15557654321', state: 'Established', recording: true });
      await waitForStatus(page, 'Recording');
      await page.locator('body').focus();
      let name = '';
      for (let i = 0; i < 30 && !name.startsWith('Pause recording'); i++) {
        await page.keyboard.press('Tab');
        name = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      }
      expect(name).toMatch(/^Pause recording/);
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(outline.style).not.toBe('none');
      expect(outline.width).toBeGreaterThanOrEqual(2);
      await shot('06-keyboard-focus');
      await page.keyboard.press('Enter');
      await waitForStatus(page, 'Paused');
      await page.keyboard.press('Enter');
      await waitForStatus(page, 'Recording');
      const [call] = (await ctl.state()).calls.filter((c) => c.state !== 'Released');
      await ctl.release(call!.id);
      await waitForStatus(page, 'No call');
    },
    LONG,
  );

  it(
    'settings screen: hotkey field and options, axe finds nothing serious',
    async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Hotkey').waitFor();
      expect(await page.getByText('Browser mode: there is no tray icon').count()).toBeGreaterThan(0);
      expect(await axeSerious(page)).toEqual([]);
      await shot('07-settings');
      await page.getByRole('button', { name: 'Back' }).click();
    },
    LONG,
  );

  it(
    'sign out → Signed out; Try the demo → signed in to the demo',
    async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await waitForStatus(page, 'Signed out');
      await page.getByRole('button', { name: 'Try the demo' }).click();
      await page.getByText(/^Connected to the demo server/).waitFor({ timeout: 30_000 });
      expect(['No call', 'Recording', 'Not recording']).toContain(await statusText(page));
      await shot('08-demo');
    },
    LONG,
  );

  it(
    'browser mode stops → the page says it lost contact and shows Unknown, never the last state',
    async () => {
      await web.stop();
      await page
        .getByTestId('banner')
        .getByText(/^Lost contact with the app/)
        .waitFor({ timeout: 15_000 });
      await waitForStatus(page, 'Unknown');
    },
    LONG,
  );

  it('the page never broke its Content-Security-Policy', () => {
    expect(cspErrors).toEqual([]);
  });
});
