import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** Runs `npm start`'s script as a child process; resolves with its exit code and output. */
function start(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['scripts/start.ts', ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gws-start-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start (scripts/start.ts)', () => {
  it('without the Electron binary: one sentence naming npm run web and npm run headless, exit 1, no stack trace', async () => {
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here') };
    const result = await start([], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary is not installed/);
    expect(lines[0]).toContain('npm run web');
    expect(lines[0]).toContain('npm run headless');
    expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
  });

  it.skipIf(existsSync(join(root, 'node_modules', 'electron', 'dist')))(
    'on this machine as it is (electron installed for its types only): the same sentence, exit 1',
    async () => {
      const env = { ...process.env };
      delete env.ELECTRON_OVERRIDE_DIST_PATH;
      const result = await start([], env);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('npm run web');
    },
  );

  it('with an Electron (a stand-in executable here) it launches it on the app in demo mode, as Electron not Node', async () => {
    if (process.platform === 'win32') return;
    const fakeDist = join(dir, 'dist');
    const record = join(dir, 'launched.json');
    mkdirSync(fakeDist, { recursive: true });
    const exe = join(fakeDist, 'electron');
    writeFileSync(
      exe,
      `#!/bin/sh\nprintf '{"args":"%s","cwd":"%s","runAsNode":"%s"}' "$*" "$PWD" "$ELECTRON_RUN_AS_NODE" > '${record}'\nexit 7\n`,
    );
    chmodSync(exe, 0o755);
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: fakeDist, ELECTRON_RUN_AS_NODE: '1' };
    const result = await start(['--skip-build'], env);
    expect(result.code).toBe(7);
    const launched = JSON.parse(readFileSync(record, 'utf8')) as Record<string, string>;
    expect(launched).toEqual({ args: '. --demo', cwd: root.replace(/\/$/, ''), runAsNode: '' });
  });
});
