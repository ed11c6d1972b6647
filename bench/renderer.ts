/**
 * The window's size and speed goals, measured (not asserted in
 * tests): the gzip size of the built renderer JavaScript (goal ≤ 50 KB) and
 * the first render in Debian's Chromium (goal ≤ 200 ms after navigation
 * start): the time the status region first shows the app's real state,
 * median of N cold loads (fresh browser context each), against browser mode
 * with the real app service and core signed in to a loopback simulator.
 *
 * `npx tsx bench/renderer.ts` (env BENCH_RENDERER_LOADS, default 15) writes
 * bench/results/renderer.json; `runRendererBench()` is what bench/run.ts calls.
 */

import { readdirSync, readFileSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startBrowserApp } from '../main/web/browser-app.ts';
import { startSimulator } from '../simulator/index.ts';

const CHROMIUM = '/usr/bin/chromium';

/** The probe's record in the page (the bench's tsconfig has no DOM lib). */
declare const window: { __firstRender?: { region?: number; state?: number } };
const GOAL_GZIP_BYTES = 50 * 1024;
const GOAL_FIRST_RENDER_MS = 200;

/** Result written to bench/results/renderer.json. */
export interface RendererBenchResult {
  at: string;
  /** The machine while measuring: first render is CPU-bound, so a loaded machine shows in it. */
  machine: { cpus: number; loadAvg1mStart: number; loadAvg1mEnd?: number };
  bundle: {
    jsBytes: number;
    /** What one window loads: the entry and shared chunks plus one language's catalogue. */
    jsGzipBytes: number;
    /** Every JS chunk, every language included. */
    allJsGzipBytes: number;
    cssBytes: number;
    cssGzipBytes: number;
    goalJsGzipBytes: number;
    ok: boolean;
  };
  firstRender?: {
    loads: number;
    /** Status region shows the app's state (not the pre-connection `Unknown`), ms after navigation start. */
    stateShownMs: Stats;
    /** Status region first in the DOM (any word). */
    regionInDomMs: Stats;
    /** Chromium's first-contentful-paint (loads where Chromium reported one). */
    firstContentfulPaintMs: Stats;
    /** State shown minus the navigation's domInteractive: the window's own share (script, socket round trip, render). */
    afterDomInteractiveMs: Stats;
    goalMs: number;
    ok: boolean;
    chromium: string;
  };
  skipped?: string;
}

interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
}

function stats(values: number[]): Stats {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    median: round(at(0.5)),
    p95: round(at(0.95)),
    min: round(s[0] ?? NaN),
    max: round(s.at(-1) ?? NaN),
  };
}

/** Builds the window (plain Vite config) into a temporary folder. */
async function buildWindow(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'gws-window-bench-'));
  const { build } = await import('vite');
  await build({
    configFile: 'renderer/vite.config.ts',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** A catalogue chunk of one language: the window loads only the one it speaks (i18n/load.ts). */
const LOCALE_CHUNK = /^(ar|de|es|fr|pt-br|en-xa)-[\w-]+\.js$/;

/**
 * What one window loads: every JS file but the language chunks, plus the largest language chunk (the one
 * language a window speaks). The sum over every chunk is kept beside it as `allJsGzipBytes`.
 */
function bundleSizes(dir: string): RendererBenchResult['bundle'] {
  const files = readdirSync(join(dir, 'assets'));
  const size = (f: string, gz: boolean): number => {
    const b = readFileSync(join(dir, 'assets', f));
    return gz ? gzipSync(b, { level: 9 }).length : b.length;
  };
  const sum = (list: string[], gz: boolean): number => list.reduce((n, f) => n + size(f, gz), 0);
  const js = files.filter((f) => f.endsWith('.js'));
  const css = files.filter((f) => f.endsWith('.css'));
  const core = js.filter((f) => !LOCALE_CHUNK.test(f));
  const locales = js.filter((f) => LOCALE_CHUNK.test(f));
  const largestLocale = (gz: boolean): number => Math.max(0, ...locales.map((f) => size(f, gz)));
  const jsGzipBytes = sum(core, true) + largestLocale(true);
  return {
    jsBytes: sum(core, false) + largestLocale(false),
    jsGzipBytes,
    allJsGzipBytes: sum(js, true),
    cssBytes: sum(css, false),
    cssGzipBytes: sum(css, true),
    goalJsGzipBytes: GOAL_GZIP_BYTES,
    ok: jsGzipBytes <= GOAL_GZIP_BYTES,
  };
}

/** Records, from before the page's own scripts run, when the status region appears and shows a real state. */
const PROBE = `
  window.__firstRender = {};
  new MutationObserver(() => {
    const m = window.__firstRender;
    const el = document.querySelector('[role="status"]');
    if (!el) return;
    if (m.region === undefined) m.region = performance.now();
    if (m.state === undefined && el.textContent.trim() !== 'Unknown') m.state = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

async function measureLoads(
  staticDir: string,
  loads: number,
): Promise<NonNullable<RendererBenchResult['firstRender']>> {
  const sim = await startSimulator({});
  const app = await startBrowserApp({
    staticDir,
    server: sim.url,
    username: 'agent1',
    password: 'agent1',
    transport: 'long-polling',
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
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
  const state: number[] = [];
  const region: number[] = [];
  const fcp: number[] = [];
  const own: number[] = [];
  try {
    for (let i = 0; i < loads + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(PROBE);
      await page.goto(app.web.url);
      // Polled with evaluate (DevTools protocol): the page's CSP forbids the eval waitForFunction uses.
      const deadline = Date.now() + 15_000;
      while (!(await page.evaluate(() => window.__firstRender?.state !== undefined))) {
        if (Date.now() > deadline) throw new Error('the status region never showed the app state');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const m = (await page.evaluate(`({
        region: window.__firstRender.region,
        state: window.__firstRender.state,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        domInteractive: performance.getEntriesByType('navigation')[0]?.domInteractive ?? NaN,
      })`)) as { region: number; state: number; fcp: number; domInteractive: number };
      await context.close();
      if (i === 0) continue; // warm-up: the first load also pays for Chromium's own start
      state.push(m.state);
      region.push(m.region);
      fcp.push(m.fcp);
      own.push(m.state - m.domInteractive);
    }
    const stateShownMs = stats(state);
    return {
      loads,
      stateShownMs,
      regionInDomMs: stats(region),
      firstContentfulPaintMs: stats(fcp),
      afterDomInteractiveMs: stats(own),
      goalMs: GOAL_FIRST_RENDER_MS,
      ok: stateShownMs.median <= GOAL_FIRST_RENDER_MS,
      chromium: browser.version(),
    };
  } finally {
    await browser.close();
    await app.close();
    await sim.close();
  }
}

/** Builds, measures, writes bench/results/renderer.json, and returns the result. */
export async function runRendererBench(options: { loads?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const loads = options.loads ?? 15;
  const dir = await buildWindow();
  try {
    const result: RendererBenchResult = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, loadAvg1mStart: loadavg()[0] ?? NaN },
      bundle: bundleSizes(dir),
    };
    log(
      `renderer JS one window loads: ${result.bundle.jsBytes} B, ${result.bundle.jsGzipBytes} B gzip (goal ≤ ${GOAL_GZIP_BYTES}); every chunk with all languages ${result.bundle.allJsGzipBytes} B gzip`,
    );
    if (existsSync(CHROMIUM)) {
      result.firstRender = await measureLoads(dir, loads);
      const f = result.firstRender;
      log(
        `first render (state shown) median ${f.stateShownMs.median} ms, p95 ${f.stateShownMs.p95} ms over ${loads} loads (goal ≤ ${GOAL_FIRST_RENDER_MS}); FCP median ${f.firstContentfulPaintMs.median} ms; after domInteractive median ${f.afterDomInteractiveMs.median} ms; load avg ${result.machine.loadAvg1mStart} on ${result.machine.cpus} CPUs`,
      );
    } else {
      result.skipped = `${CHROMIUM} not installed: first render not measured`;
      log(result.skipped);
    }
    result.machine.loadAvg1mEnd = loadavg()[0] ?? NaN;
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/renderer.json', `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const raw = process.env.BENCH_RENDERER_LOADS;
  const loads = raw === undefined ? 15 : Number(raw);
  if (!Number.isInteger(loads) || loads < 1) {
    process.stderr.write(`BENCH_RENDERER_LOADS must be a positive integer, got ${raw}\n`);
    process.exit(2);
  }
  await runRendererBench({ loads });
  process.exit(0);
}
