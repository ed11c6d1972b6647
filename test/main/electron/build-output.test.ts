/**
 * `npm run build` (electron-vite) into a temporary folder, and what must hold
 * for Electron to load it — checked without Electron: the layout
 * electron-builder packs, bundles that parse, a CommonJS preload that only
 * requires `electron`, a main bundle whose whole import graph loads (with
 * `electron` mapped to the shared fake) and exports `bootApp`, and that the
 * BUILT main boots what `npm start` launches (`--demo`) under the fake: the
 * demo signs in agent1 and the global hotkey is registered.
 */

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../contract/ipc-contract.ts';
import { electronArgs } from '../../../scripts/start.ts';
const root = fileURLToPath(new URL('../../..', import.meta.url));
let out: string;

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  // Inside the project (gitignored out/): the bundle needs package.json's "type":"module" and node_modules.
  mkdirSync(join(root, 'out'), { recursive: true });
  out = mkdtempSync(join(root, 'out', 'test-build-'));
  const built = await run(join(root, 'node_modules', '.bin', 'electron-vite'), ['build', '--outDir', out]);
  expect(built.code, built.output).toBe(0);
}, 240_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the electron-vite build', () => {
  it('has the layout electron-builder packs: out/main/index.js, out/preload/preload.cjs, out/renderer/index.html', () => {
    for (const file of ['main/index.js', 'preload/preload.cjs', 'renderer/index.html']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('both bundles parse (node --check)', async () => {
    for (const file of ['main/index.js', 'preload/preload.cjs']) {
      const checked = await run(process.execPath, ['--check', join(out, file)]);
      expect(checked.code, `${file}: ${checked.output}`).toBe(0);
    }
  });

  it('the preload is CommonJS and requires nothing but electron (a sandboxed preload can do no more)', () => {
    const preload = readFileSync(join(out, 'preload/preload.cjs'), 'utf8');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
    // Channel names only: the contract's zod schemas stay in main (they made the preload 182 KB).
    expect(preload).not.toContain('ZodError');
    expect(preload.length).toBeLessThan(20_000);
  });

  it("the built preload exposes exactly the contract's methods and invokes their channels", async () => {
    // The method names are compiled into the preload at build time; a build that lost them would load a window with
    // no API at all. Load the built file with a stand-in electron and look at what it exposes.
    const script = [
      "const Module = require('node:module');",
      'const exposed = {}; const invoked = [];',
      'const fake = { contextBridge: { exposeInMainWorld: (k, v) => (exposed[k] = v) },',
      '  ipcRenderer: { invoke: (...a) => (invoked.push(a[0]), Promise.resolve()), on() {}, removeListener() {} } };',
      'const load = Module._load;',
      "Module._load = function (r, ...rest) { return r === 'electron' ? fake : load.call(this, r, ...rest); };",
      `require(${JSON.stringify(join(out, 'preload/preload.cjs'))});`,
      "exposed.gwsApi.getState(); exposed.gwsApi.command({ name: 'toggle' });",
      'console.log(JSON.stringify({ keys: Object.keys(exposed), methods: Object.keys(exposed.gwsApi), invoked }));',
    ].join('\n');
    const result = await run(process.execPath, ['-e', script]);
    expect(result.code, result.output).toBe(0);
    const seen = JSON.parse(result.output.trim().split('\n').pop() ?? '{}') as {
      keys: string[];
      methods: string[];
      invoked: string[];
    };
    expect(seen.keys).toEqual(['gwsApi']);
    expect([...seen.methods].sort()).toEqual([...API_METHODS].sort());
    expect(seen.invoked).toEqual(['gws:get-state', 'gws:command']);
  });

  it('the main bundle loads with all its dependencies and exports bootApp (electron mapped to the fake)', async () => {
    const loaded = await runWithFake(
      `const m = await import(${JSON.stringify(mainUrl())}); console.log('bootApp:' + typeof m.bootApp);`,
    );
    expect(loaded.output).toContain('bootApp:function');
    expect(loaded.code).toBe(0);
  });

  it('the built main boots what npm start launches: the demo signs in agent1 with Ctrl+Alt+P registered', async () => {
    const home = mkdtempSync(join(out, 'boot-'));
    const script = [
      `const fake = await import(${JSON.stringify(fakeUrl())});`,
      `const { bootApp } = await import(${JSON.stringify(mainUrl())});`,
      `fake.app.setPathBase(${JSON.stringify(home)});`,
      `const booting = bootApp({ argv: ${JSON.stringify([process.execPath, ...electronArgs([])])},`,
      `  env: { GWS_SECURE_PAUSE_MANAGED_CONFIG: ${JSON.stringify(join(home, 'none.json'))} },`,
      `  outDir: ${JSON.stringify(out)} });`,
      `fake.app.fireReady();`,
      `const running = await booting;`,
      `const session = running.service.getState().session;`,
      `const hotkey = fake.globalShortcut.isRegistered('CommandOrControl+Alt+P');`,
      `await running.quit();`,
      `console.log('booted:' + JSON.stringify({ demo: session.demo, username: session.username, phase: session.phase, hotkey }));`,
      `process.exit(0);`,
    ].join('\n');
    const booted = await runWithFake(script);
    expect(booted.output).toContain(
      'booted:{"demo":true,"username":"agent1","phase":"signed-in","hotkey":true}',
    );
    expect(booted.code).toBe(0);
  }, 60_000);
});

const fakeUrl = (): string => pathToFileURL(join(root, 'test/fakes/electron-fake.ts')).href;
const mainUrl = (): string => pathToFileURL(join(out, 'main/index.js')).href;

/** Runs an ES module script in Node with tsx and `electron` resolved to the shared fake. */
async function runWithFake(script: string): Promise<{ code: number | null; output: string }> {
  const hooks = join(out, 'hooks.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(specifier, context, next) {\n` +
      `  if (specifier === 'electron') return next(${JSON.stringify(fakeUrl())}, context);\n` +
      `  return next(specifier, context);\n}\n`,
  );
  const register = join(out, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  return run(process.execPath, [
    '--import',
    'tsx',
    '--import',
    register,
    '--input-type=module',
    '-e',
    script,
  ]);
}
