/**
 * Everything the extension needs to run for real, for the Chromium end-to-end test and the bench: a built
 * extension and host (`npm run build:extension`), a loopback payment page server (the checkout page and an
 * unlisted one, both with card fields and a card number in the text and title), the per-user socket server with
 * the trigger runner and a fake core port, the host manifest in <user-data-dir>/NativeMessagingHosts, and Debian
 * Chromium started by playwright-core with the unpacked extension. `raw` holds every line that reached the app.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { parseTriggerRules } from '../../main/core/triggers/trigger-rules.ts';
import type { TriggerRunner } from '../../main/core/triggers/trigger-runner.ts';
import { createTriggerRunner } from '../../main/core/triggers/trigger-runner.ts';
import { DEFAULT_TRIGGER_POLICY } from '../../main/core/triggers/trigger-types.ts';
import { createExtensionBridge } from '../../main/native-host/extension-bridge.ts';
import { defaultHostCommand, writeNativeHostManifest } from '../../main/native-host/host-manifest.ts';
import { startExtensionSocketServer } from '../../main/native-host/socket-server.ts';
import { userSocketLocation } from '../../main/native-host/socket-path.ts';
import { FakeTriggerCore } from '../main/core/triggers/fake-trigger-core.ts';
import { waitFor } from '../main/helpers/wait-for.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const ROOT = resolve(import.meta.dirname, '../..');
/** A test card number that appears in the pages' title and text and is typed into the card field. */
export const CARD = '4111111111111111';

const PAGE = (title: string): string => `<!doctype html><html><head><title>${title} ${CARD}</title></head>
<body style="font: 16px system-ui; margin: 40px">
<h1>${title}</h1><p>Customer card on file: ${CARD}</p>
<form id="pay" onsubmit="event.preventDefault()">
  <p><label>Name on card <input id="name" autocomplete="cc-name"></label></p>
  <p><label>Card number <input id="cc" autocomplete="cc-number" inputmode="numeric"></label></p>
  <p><label>Security code <input id="csc" autocomplete="cc-csc" size="4"></label></p>
  <p><button>Pay</button></p>
</form></body></html>`;

/** A running harness. */
export interface ExtensionHarness {
  /** `http://127.0.0.1:<port>`: `/checkout…` matches the rule `pay`, anything else does not. */
  readonly origin: string;
  readonly context: BrowserContext;
  readonly runner: TriggerRunner;
  readonly core: FakeTriggerCore;
  /** Every parsed line that reached the app's socket, with the time (ms since epoch) it arrived. */
  readonly raw: unknown[];
  readonly arrivals: number[];
  close(): Promise<void>;
}

/** The page globals inside `page.evaluate` (the tests' tsconfig has no DOM lib). */
interface BadgeElement {
  textContent: string | null;
  hidden: boolean;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(
    selector: string,
  ): { shadowRoot: { querySelector(s: string): BadgeElement | null } | null } | null;
};

/** The badge beside the card field: text and role, or undefined when hidden or absent. */
export function badge(page: Page): Promise<{ text: string; role: string | null } | undefined> {
  return page.evaluate(() => {
    const el = document.querySelector('gws-secure-pause-overlay')?.shadowRoot?.querySelector('div');
    return el && !el.hidden ? { text: el.textContent ?? '', role: el.getAttribute('role') } : undefined;
  });
}

function launch(userDataDir: string, runtimeDir: string): Promise<BrowserContext> {
  const extension = join(ROOT, 'out', 'extension');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir },
    args: [
      `--load-extension=${extension}`,
      `--disable-extensions-except=${extension}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Builds, serves, listens and launches; resolves once the host has said hello to the app. */
export async function startExtensionHarness(graceMs: number): Promise<ExtensionHarness> {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build-extension.ts')], {
    cwd: ROOT,
  });
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE(path === '/checkout' ? 'Checkout' : 'Other page'));
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const tmp = mkdtempSync(join(tmpdir(), 'gsp-ext-'));
  const runtimeDir = join(tmp, 'run');
  mkdirSync(runtimeDir, { mode: 0o700 });
  const rules = parseTriggerRules({ pages: [{ id: 'pay', url: 'http://127.0.0.1:*/checkout*' }], graceMs });
  if (!rules.ok) throw new Error(rules.error);
  const core = new FakeTriggerCore();
  const runner = createTriggerRunner({ port: core, policy: { ...DEFAULT_TRIGGER_POLICY, graceMs } });
  const bridge = createExtensionBridge(runner, rules.rules);
  const raw: unknown[] = [];
  const arrivals: number[] = [];
  const location = userSocketLocation({
    platform: process.platform,
    env: { XDG_RUNTIME_DIR: runtimeDir },
    home: tmp,
    userName: 'agent',
  });
  const observe = (line: unknown): void => {
    arrivals.push(Date.now());
    raw.push(line);
  };
  const sockets = await startExtensionSocketServer({ location, handler: bridge.handler, observe });

  const userDataDir = join(tmp, 'profile');
  writeNativeHostManifest(join(userDataDir, 'NativeMessagingHosts'), defaultHostCommand(ROOT));
  const context = await launch(userDataDir, runtimeDir);
  // The service worker opens the native port at start; the host says hello and gets the rules.
  await waitFor(() => raw.some((m) => (m as { type?: string }).type === 'hello'), 15_000, 'host hello');
  return {
    origin,
    context,
    runner,
    core,
    raw,
    arrivals,
    async close(): Promise<void> {
      await context.close();
      await sockets.close();
      bridge.stop();
      runner.stop();
      await new Promise((done) => http.close(done));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
