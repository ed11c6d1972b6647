/**
 * What the end-to-end tests share: build the real window, run the real
 * `npm run web` CLI (browser mode: the real app service and core), drive
 * Debian's Chromium with playwright-core (never a downloaded browser), and
 * scan pages with axe-core.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** The page's globals inside `page.evaluate` callbacks (the tests' tsconfig has no DOM lib). */
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
declare const window: Record<string, unknown>;

/** Debian's Chromium; CI installs it (.ci/run). */
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** Builds the window with the plain Vite config into a fresh temporary folder (one per test file). */
export async function buildWindow(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'gws-window-'));
  const { build } = await import('vite');
  await build({
    configFile: 'renderer/vite.config.ts',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** A running `npm run web` (the CLI itself, as a child process). */
export interface WebCli {
  /** The printed `http://127.0.0.1:P/#token=...`. */
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout (must be the one Open line). */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Spawns `main/web/cli.ts --no-open --static-dir <dir> ...args` and waits for its Open line. */
export async function startWebCli(
  staticDir: string,
  args: string[] = [],
  options: { open?: boolean; env?: Record<string, string> } = {},
): Promise<WebCli> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/web/cli.ts',
      ...(options.open ? [] : ['--no-open']),
      '--static-dir',
      staticDir,
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GWS_TEST_PASSWORD: 'agent1', ...options.env },
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no Open line within 30 s; stderr: ${err}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^Open (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)\n/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web exited with ${code}; stderr: ${err}`));
    });
  });
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Launches Chromium headless with the flags this machine needs. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const AXE_SOURCE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** A violation as the tests report it. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the
 * page's strict CSP stays on) and returns the serious and critical violations.
 */
export async function axeSerious(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = window.axe as { run(context: unknown): Promise<{ violations: unknown[] }> };
    const result = await axe.run(document);
    return result.violations as {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** Text of the recording status region (the accessibility contract's `role="status"`). */
export async function statusText(page: Page): Promise<string> {
  return (await page.getByRole('status').textContent())?.trim() ?? '';
}

/** Waits until the status region says exactly `word`. */
export async function waitForStatus(page: Page, word: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (w) => document.querySelector('[role="status"]')?.textContent?.trim() === w,
    word,
    { timeout, polling: 'raf' },
  );
}
