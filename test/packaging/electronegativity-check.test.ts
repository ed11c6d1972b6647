/**
 * scripts/electronegativity-check.ts: the CI gate must fail on a finding
 * (Electronegativity's own CLI exits 0 whatever it finds) and pass a main
 * process written the way the tool can verify. Runs the real tool on small
 * app folders in a temp dir.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue, scan } from '../../scripts/electronegativity-check.ts';
import { REPO_ROOT } from '../../scripts/generate-icons.ts';

const run = promisify(execFile);
let dir: string;

/**
 * Writes a minimal project under `dir/name`: package.json, the main process
 * source `main/index.ts`, the built renderer page and a renderer bundle that
 * uses private class fields (as the Svelte runtime does).
 */
function project(name: string, mainTs: string, html: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'main'), { recursive: true });
  mkdirSync(join(root, 'out', 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name, main: 'out/main/index.js' }));
  writeFileSync(join(root, 'main', 'index.ts'), mainTs);
  writeFileSync(join(root, 'out', 'renderer', 'index.html'), html);
  writeFileSync(
    join(root, 'out', 'renderer', 'assets', 'index.js'),
    'class Source { #value = 0; get v() { return this.#value; } }\nexport { Source };\n',
  );
  return root;
}

/**
 * The tool flags every `script-src 'self'` for manual review (Google's CSP
 * evaluator: 'self' is risky where JSONP or uploads are hosted); a file://
 * app has neither, and says so in an `eng-disable` comment. The tool only
 * honours that comment on the flagged line (or the file's first line), and
 * only when it holds nothing but check ids.
 */
const SAFE_HTML = `<!doctype html><html><head>
<!-- script-src 'self' is the app's own file:// bundle: no JSONP, no uploads. -->
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'"> <!-- eng-disable CSP_GLOBAL_CHECK -->
<title>x</title></head><body></body></html>`;

/** A main process that states every safeguard where Electronegativity can see it. */
const SAFE_MAIN = `
const { app, BrowserWindow, session } = require('electron');
app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    webPreferences: {
      preload: 'preload.cjs', /* eng-disable PRELOAD_JS_CHECK: exposes only the IPC contract via contextBridge */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.loadFile('index.html');
});
`;

const UNSAFE_MAIN = SAFE_MAIN.replace('nodeIntegration: false', 'nodeIntegration: true').replace(
  'contextIsolation: true',
  'contextIsolation: false',
);

async function check(root: string): Promise<{ code: number; output: string }> {
  const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const script = join(REPO_ROOT, 'scripts', 'electronegativity-check.ts');
  try {
    // Without VITEST in the environment: under it the child prints nothing (seen here; cause not traced).
    const { VITEST: _vitest, ...env } = process.env;
    const { stdout, stderr } = await run(process.execPath, [tsx, script, '--root', root], {
      timeout: 60_000,
      env,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eng-check-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('electronegativity-check', () => {
  it('exits 1 and names each finding when the window turns off context isolation', async () => {
    const { code, output } = await check(project('unsafe', UNSAFE_MAIN, SAFE_HTML));
    expect(code).toBe(1);
    expect(output).toMatch(/CONTEXT_ISOLATION_JS_CHECK \w+\/\w+ main\/index\.ts:\d+:\d+/);
    expect(output).toMatch(/Electronegativity: [1-9]\d* finding\(s\)/);
  }, 90_000);

  it('finds nothing in a main process whose safeguards the tool can see, and parses a bundle with #private fields', async () => {
    const result = await scan(project('safe', SAFE_MAIN, SAFE_HTML));
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.unparsed).toEqual([]);
    expect(result.checks).toBeGreaterThan(30);
  }, 90_000);

  it('counts a file it cannot parse as a failure instead of calling it clean', async () => {
    const result = await scan(project('broken', `${SAFE_MAIN}\nconst = ;`, SAFE_HTML));
    expect(result.unparsed.map((e) => e.file)).toEqual(['main/index.ts']);
  }, 90_000);
});
