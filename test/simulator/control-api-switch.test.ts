/**
 * `controlApi: false`: the app's demo mode runs the simulator
 * with no `/sim` routes at all, so nothing else on the machine can inject calls
 * or faults into what the agent sees; the GWS API itself is unchanged.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import got from 'got';
import { afterEach, describe, expect, it } from 'vitest';
import { RestAgent, basic, createCall, json, startSim } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

const SIM_REQUESTS: Array<[method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown]> = [
  ['GET', '/sim/state'],
  ['POST', '/sim/calls', { agent: 'agent1', from: '15551230042', state: 'Established' }],
  ['POST', '/sim/faults', { dropEvents: 1 }],
  ['DELETE', '/sim/faults'],
  ['POST', '/sim/sessions/expire', { agent: 'agent1' }],
  ['POST', '/sim/restart'],
  ['GET', '/sim'],
];

async function simRequest(url: string, [method, path, body]: (typeof SIM_REQUESTS)[number]) {
  return got(`${url}${path}`, {
    method,
    ...(body === undefined ? {} : { json: body }),
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
}

describe('controlApi option', () => {
  it('off: every /sim route is a plain 404 and nothing changes; REST and sign-in still work', async () => {
    const sim = await startSim({ controlApi: false });
    expect(sim.options.controlApi).toBe(false);
    const agent = new RestAgent(sim);
    await agent.signIn();
    for (const request of SIM_REQUESTS) {
      const res = await simRequest(sim.url, request);
      expect(res.statusCode, `${request[0]} ${request[1]}`).toBe(404);
      expect(JSON.parse(res.body)).toEqual({
        statusCode: 6,
        statusMessage: `Resource ${request[1]} not found`,
      });
    }
    expect(sim.world.calls.size).toBe(0);
    // The session survived the refused /sim/restart and /sim/sessions/expire.
    expect((await agent.get('api/v2/me')).statusCode).toBe(200);
    expect(json(await agent.get('api/v2/me/calls'))).toEqual({ statusCode: 0, uris: [] });
  });

  it('on by default: the same requests reach the control API', async () => {
    const sim = await startSim();
    expect(sim.options.controlApi).toBe(true);
    const id = await createCall(sim);
    expect(sim.world.calls.has(id)).toBe(true);
    expect((await simRequest(sim.url, ['GET', '/sim/state'])).statusCode).toBe(200);
  });

  it('npm run sim -- --no-control-api turns it off and says so', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'simulator/cli.ts', '--port', '0', '--no-control-api', '--quiet'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1] && out.includes('Control API')) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
    });
    expect(out).toMatch(/Control API: off/);
    expect((await simRequest(url, ['GET', '/sim/state'])).statusCode).toBe(404);
    const me = await got(`${url}/api/v2/me`, { headers: { authorization: basic('agent1') } });
    expect(me.statusCode).toBe(200);
  });
});
