/** `npm run sim` as a newcomer runs it: a child process, its stdout, curl-like requests. */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import got from 'got';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../main/helpers/wait-for.ts';
import { basic } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runSim(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The URL the simulator prints once it listens; fails at once if it exits instead. */
async function urlOf(run: Run): Promise<string> {
  return waitFor(
    () => {
      if (run.child.exitCode !== null) throw new Error(`simulator exited: ${run.stdout()} ${run.stderr()}`);
      return /listening on (http:\/\/[^\s]+)/.exec(run.stdout())?.[1];
    },
    15_000,
    'the simulator to print its URL',
    () => ({ stdout: run.stdout(), stderr: run.stderr() }),
  );
}

function configFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gws-sim-'));
  const file = join(dir, 'sim.json');
  writeFileSync(file, content);
  return file;
}

describe('npm run sim', () => {
  it('prints its URL and the demo credentials, and serves the README curl examples', async () => {
    const run = runSim(['--port', '0']);
    const url = await urlOf(run);
    expect(run.stdout()).toContain('agent1 / agent1  (DN 7001)');
    expect(run.stdout()).toContain('agent3 / agent3  (DN 7003)');
    const me = await got(`${url}/api/v2/me`, { headers: { authorization: basic('agent1') } });
    expect(JSON.parse(me.body)).toMatchObject({ statusCode: 0, user: { userName: 'agent1' } });
    const created = await got.post(`${url}/sim/calls`, {
      body: '{"agent":"agent1","from":"15551230042","state":"Established","recording":true}',
    });
    const { id } = JSON.parse(created.body) as { id: string };
    const state = JSON.parse((await got(`${url}/sim/state`)).body) as {
      calls: Array<{ id: string; recordingState: string }>;
    };
    expect(state.calls).toEqual([expect.objectContaining({ id, recordingState: 'Recording' })]);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('honours --csrf off and a --config file, with flags winning over the file', async () => {
    const file = configFile(JSON.stringify({ csrf: true, callIdStyle: 'connid', participantsFormat: '8.5' }));
    const run = runSim(['--port', '0', '--csrf', 'off', '--config', file]);
    const url = await urlOf(run);
    expect(run.stdout()).toContain('CSRF:   off');
    const start = await got.post(`${url}/api/v2/me`, {
      json: { operationName: 'StartContactCenterSession' },
      headers: { authorization: basic('agent1') },
    });
    expect(JSON.parse(start.body)).toEqual({ statusCode: 0 });
    const created = JSON.parse(
      (await got.post(`${url}/sim/calls`, { json: { agent: 'agent1', from: '15551230042' } })).body,
    ) as {
      id: string;
    };
    expect(created.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('rings agent1 by itself with --demo', async () => {
    const file = configFile(JSON.stringify({ demoIntervalMs: 500 }));
    const run = runSim(['--port', '0', '--demo', '--config', file]);
    const url = await urlOf(run);
    const callsOfAgent1 = async (): Promise<unknown[]> => {
      const res = await got(`${url}/api/v2/me/calls?fields=*`, {
        headers: { authorization: basic('agent1') },
      });
      return (JSON.parse(res.body) as { calls: unknown[] }).calls;
    };
    const calls = await waitFor(
      async () => {
        const now = await callsOfAgent1();
        return now.length > 0 && now;
      },
      5_000,
      'the demo caller to ring agent1',
    );
    expect(calls).toEqual([expect.objectContaining({ state: 'Ringing', callType: 'Inbound' })]);
  });

  it('exits non-zero with a clear message for a bad config, a bad flag and a taken port', async () => {
    const bad = runSim(['--port', '0', '--config', configFile('{"participantsFormat":"9"}')]);
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toMatch(/Invalid simulator options: participantsFormat/);

    const notJson = runSim(['--port', '0', '--config', configFile('port: 1')]);
    expect(await notJson.exited).toBe(1);
    expect(notJson.stderr()).toMatch(/is not a JSON object/);

    const flag = runSim(['--port', 'eighty']);
    expect(await flag.exited).not.toBe(0);
    expect(flag.stderr()).toMatch(/expected a port number/);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const taken = runSim(['--port', String(port)]);
    expect(await taken.exited).toBe(1);
    expect(taken.stderr()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    blocker.close();
  });
});
