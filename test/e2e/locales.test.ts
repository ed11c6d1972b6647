/**
 * The window in every language, theme and zoom, in real Chromium (browser mode, the same window and the real
 * `npm run web` CLI signed in to a simulator): each locale renders the main states with no English left (names
 * and numbers aside), Arabic is `dir="rtl"` and mirrored, axe finds nothing serious in every locale × {light,
 * dark, forced colours}, and at 200 % zoom of the default window (440×640) nothing is cut off and nothing
 * scrolls sideways. Screenshots of German, Arabic and forced colours go to docs/screenshots/.
 */

import { mkdirSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, createTranslator, type SupportedLocale } from '../../i18n/index.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/index.ts';
import { simControl } from '../main/helpers/sim-control.ts';
import {
  HAVE_CHROMIUM,
  axeSerious,
  buildWindow,
  launchChromium,
  startWebCli,
  waitForStatus,
  type WebCli,
} from './helpers/browser-mode.ts';

/** The page's globals inside `page.evaluate` callbacks (the tests' tsconfig has no DOM lib). */
interface PageElement {
  innerText: string;
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): { left: number; right: number };
  closest(selector: string): PageElement | null;
}
declare const document: {
  documentElement: PageElement & { lang: string; dir: string };
  body: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageElement[];
};
declare const window: { innerWidth: number };
declare const Array: { from<T>(list: T[]): T[] };

const SHOTS = 'docs/screenshots';
const LONG = 180_000;
/** The desktop window's default size (main/electron/window-adapter.ts). */
const WINDOW = { width: 440, height: 640 };

/** English words that must not be left in another language's page (not `pause`/`agent`/`mode`: French and German too). */
const ENGLISH =
  /\b(the|and|call|calls|recording|paused|resume|settings|sign|state|hang|hold|duration|direction|caller|seconds|not|for|browser)\b/i;
/** Names that stay as they are in every language. */
const NAMES = /GWS Secure Pause|Genesys Web Services|WebSocket|Long-?polling|agent1|https?:\/\/\S+|\d+/gi;

/** What every test shares: the browser and the address of the running window (set in `beforeAll`). */
const env = { browser: undefined as unknown as Browser, url: '' };

/** A page in `locale` (the browser's language), showing `status`. */
async function open(
  locale: SupportedLocale,
  status: 'recording' | 'paused',
  viewport: { width: number; height: number; deviceScaleFactor?: number } = { width: 900, height: 860 },
): Promise<Page> {
  const { deviceScaleFactor = 1, ...size } = viewport;
  const context = await env.browser.newContext({ locale, viewport: size, deviceScaleFactor });
  const page = await context.newPage();
  await page.goto(env.url);
  await waitForStatus(page, createTranslator(locale).t(`status.${status}`), 20_000);
  return page;
}

/** Words of the page that are English (names and numbers aside); the app's toasts are worded by the app. */
async function englishLeft(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const toasts = document.querySelector('[role="log"]')?.innerText ?? '';
    return document.body.innerText.replace(toasts, ' ');
  });
  return text
    .replace(NAMES, ' ')
    .split(/\s+/)
    .filter((w) => ENGLISH.test(w));
}

/** How far the page scrolls sideways, and the start of every element whose text is wider than its box. */
async function overflow(page: Page): Promise<{ page: number; clipped: string[] }> {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    clipped: Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      .map((el) => el.innerText.slice(0, 40)),
  }));
}

/** axe in light, dark and forced colours. */
async function axeInEveryTheme(page: Page): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const theme of ['light', 'dark', 'forced'] as const) {
    await page.emulateMedia(
      theme === 'forced'
        ? { colorScheme: 'light', forcedColors: 'active' }
        : { colorScheme: theme, forcedColors: 'none' },
    );
    const findings = await axeSerious(page);
    if (findings.length > 0) found[theme] = findings;
  }
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
  return found;
}

/** The simulator with one recording call, the built window and `npm run web` signed in to it, and Chromium. */
const stack = {
  sim: undefined as RunningSimulator | undefined,
  staticDir: '',
  web: undefined as WebCli | undefined,
};

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  mkdirSync(SHOTS, { recursive: true });
  stack.sim = await startSimulator({ bayeuxTimeoutSec: 2 });
  stack.staticDir = await buildWindow();
  stack.web = await startWebCli(stack.staticDir, [
    '--server',
    stack.sim.url,
    '--username',
    'agent1',
    '--password-env',
    'GWS_TEST_PASSWORD',
    '--transport',
    'long-polling',
  ]);
  env.browser = await launchChromium();
  env.url = stack.web.url;
  await simControl(stack.sim.url).createCall({ from: '15551230042', state: 'Established', recording: true });
}, LONG);

afterAll(async () => {
  await env.browser?.close();
  await stack.web?.stop();
  await stack.sim?.close();
  if (stack.staticDir) rmSync(stack.staticDir, { recursive: true, force: true });
});

describe.skipIf(!HAVE_CHROMIUM)('every language in every theme (Chromium)', () => {
  it(
    'recording: every locale in its own words, lang and dir set, axe clean in every theme',
    async () => {
      for (const locale of SUPPORTED_LOCALES) {
        const page = await open(locale, 'recording');
        const t = createTranslator(locale).t;
        await page.getByRole('button', { name: new RegExp(`^${t('toggle.pause')}`) }).waitFor();
        const root = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
        }));
        expect(root, locale).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
        if (locale !== 'en') expect(await englishLeft(page), locale).toEqual([]);
        expect(await axeInEveryTheme(page), locale).toEqual({});
        await page.context().close();
      }
    },
    LONG,
  );

  it(
    'paused: every locale in its own words and axe clean in every theme; screenshots of de, ar, forced colours',
    async () => {
      const en = await open('en', 'recording');
      await en.getByRole('button', { name: /^Pause recording/ }).click();
      await waitForStatus(en, 'Paused');
      await en.context().close();
      for (const locale of SUPPORTED_LOCALES) {
        const page = await open(locale, 'paused', { ...WINDOW });
        await page.getByTestId('paused-for').waitFor();
        if (locale !== 'en') expect(await englishLeft(page), locale).toEqual([]);
        expect(await axeInEveryTheme(page), locale).toEqual({});
        if (locale === 'de' || locale === 'ar') {
          await page.screenshot({ path: `${SHOTS}/window-${locale}.png`, fullPage: true });
        }
        if (locale === 'en') {
          await page.emulateMedia({ forcedColors: 'active' });
          await page.screenshot({ path: `${SHOTS}/window-forced-colors.png`, fullPage: true });
        }
        await page.context().close();
      }
    },
    LONG,
  );
});

describe.skipIf(!HAVE_CHROMIUM)('right to left and zoom (Chromium, after the call is paused)', () => {
  it(
    'Arabic mirrors: the icon, the heading and the toggle start at the right edge',
    async () => {
      const page = await open('ar', 'paused');
      const layout = await page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
        return {
          icon: box('[data-icon]'),
          word: box('[role="status"]'),
          heading: box('h1'),
          nav: box('nav'),
          width: window.innerWidth,
        };
      });
      expect(layout.icon.left).toBeGreaterThan(layout.word.right);
      expect(layout.heading.left).toBeGreaterThan(layout.nav.right);
      expect(layout.width - layout.heading.right).toBeLessThan(layout.heading.left);
      await page.context().close();
    },
    LONG,
  );

  it(
    'at 200 % zoom of the default window: no sideways scroll, no text cut off, axe clean (workspace and settings), in every locale',
    async () => {
      for (const locale of SUPPORTED_LOCALES) {
        const page = await open(locale, 'paused', {
          width: WINDOW.width / 2,
          height: WINDOW.height / 2,
          deviceScaleFactor: 2,
        });
        expect(await overflow(page), `${locale} workspace`).toEqual({ page: 0, clipped: [] });
        expect(await axeSerious(page), locale).toEqual([]);
        await page.getByRole('button', { name: createTranslator(locale).t('app.settings') }).click();
        await page.locator('#settings-heading').waitFor();
        expect(await overflow(page), `${locale} settings`).toEqual({ page: 0, clipped: [] });
        expect(await axeSerious(page), `${locale} settings`).toEqual([]);
        await page.context().close();
      }
    },
    LONG,
  );
});
