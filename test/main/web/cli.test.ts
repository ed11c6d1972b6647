/**
 * `npm run web` as the agent runs it (the CLI as a child process): one Open
 * line on stdout; without --server the demo signs in agent1 on the embedded
 * simulator; with --password-env it signs in at once; a bad flag is refused
 * with a message naming it, never a silent exit.
 */

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppView } from '../../../contract/ipc-contract.ts';
import type { WsServerMessage } from '../../../contract/ws-protocol.ts';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.ts';
import { startWebCli, type WebCli } from '../../e2e/helpers/browser-mode.ts';
import { waitFor } from '../helpers/wait-for.ts';

let dir: string;
let sim: RunningSimulator;
const running: WebCli[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gws-web-cli-'));
  mkdirSync(join(dir, 'www'));
  writeFileSync(join(dir, 'www', 'index.html'), '<!doctype html><title>window</title>');
  sim = await startSimulator({ bayeuxTimeoutSec: 2 });
});

afterAll(async () => {
  for (const cli of running) await cli.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the CLI to its exit (for flags it refuses); its code and what it wrote. */
function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/web/cli.ts', '--no-open', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Connects like the page does and collects the state pushes. */
async function views(cli: WebCli): Promise<{ views: AppView[]; ws: WebSocket }> {
  const url = new URL(cli.url);
  const token = url.hash.replace('#token=', '');
  const ws = new WebSocket(`ws://${url.host}/ws?token=${token}`, { origin: url.origin });
  const seen: AppView[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as WsServerMessage;
    if (frame.type === 'state') seen.push(frame.view);
    if (frame.type === 'reply' && frame.id === 1) seen.push(frame.value as AppView);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ id: 1, channel: 'gws:get-state' }));
  return { views: seen, ws };
}

describe('npm run web (the CLI)', () => {
  it('without --server: prints one Open line and runs the demo signed in as agent1', async () => {
    const cli = await startWebCli(join(dir, 'www'));
    running.push(cli);
    expect(cli.stdout()).toMatch(/^Open http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}\n$/);
    const { views: seen, ws } = await views(cli);
    const demo = await waitFor(
      () => seen.find((v) => v.session.demo && v.connection === 'connected'),
      20_000,
      'demo connected',
      () => seen.at(-1),
    );
    expect(demo.session.username).toBe('agent1');
    expect(demo.host).toBe('browser');
    ws.close();
  });

  it('--password-env signs in at once, and stdout is still the one Open line', async () => {
    const cli = await startWebCli(join(dir, 'www'), [
      '--server',
      sim.url,
      '--username',
      'agent1',
      '--password-env',
      'GWS_TEST_PASSWORD',
      '--transport',
      'long-polling',
    ]);
    running.push(cli);
    const { views: seen, ws } = await views(cli);
    await waitFor(
      () => seen.find((v) => v.connection === 'connected' && !v.session.demo),
      20_000,
      'signed in',
    );
    expect(cli.stdout().split('\n').filter(Boolean)).toHaveLength(1);
    ws.close();
  });

  it('the browser it opens does not inherit the password variable', async () => {
    // A stand-in xdg-open that records the environment it was given.
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const dump = join(dir, 'opener-env.txt');
    writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nenv > "$OPENER_DUMP"\n');
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const cli = await startWebCli(
      join(dir, 'www'),
      ['--server', sim.url, '--username', 'agent1', '--password-env', 'GWS_TEST_PASSWORD'],
      { open: true, env: { PATH: `${bin}:${process.env.PATH ?? ''}`, OPENER_DUMP: dump } },
    );
    running.push(cli);
    await waitFor(
      () => existsSync(dump) && readFileSync(dump, 'utf8').includes('OPENER_DUMP='),
      20_000,
      'opener ran',
    );
    expect(readFileSync(dump, 'utf8')).not.toContain('GWS_TEST_PASSWORD=');
  });

  it.each(['99999', '65536', '-1', '80x', ''])(
    'refuses --port %j: a message naming the flag and the range, exit 1, nothing served',
    async (port) => {
      const result = await runToExit(['--static-dir', join(dir, 'www'), '--port', port]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/option '--port <port>' argument .* is invalid\. .*from 0 to 65535/);
    },
  );
});
