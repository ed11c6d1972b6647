import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { LiteAgent } from './lite-agent.ts';
import { round, sleep, stats, within, type LatencyStats } from './stats.ts';

/**
 * (f) The simulator at N agents, each with a live long-poll (raw HTTP Bayeux
 * clients, one process; the simulator in its own process): pause → event
 * latency from the POST to the event on that agent's long-poll, measured
 * (1) steady: `steadySamples` pause/resume cycles by 8 agents at a time,
 * round-robin over all N, and (2) burst: all N agents pause at the same moment.
 * RSS is the simulator process's resident set with every long-poll held.
 */
export interface ScaleResult {
  agents: number;
  setupSeconds: number;
  steady: LatencyStats;
  burst: LatencyStats;
  simRssMB: number;
  pollFailures: number;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Starts bench/scale-sim.ts with `agents` agents; resolves with its URL once it listens. */
export async function startSimProcess(agents: number): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_SIM_NODE_ARGS: extra node flags for the simulator process, e.g. `--cpu-prof --cpu-prof-dir=prof`.
  const extra = (process.env.BENCH_SIM_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'bench/scale-sim.ts', String(agents)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await within(
    new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.once('exit', (code) => reject(new Error(`scale simulator exited with ${code}`)));
    }),
    30_000,
    'scale simulator start',
  );
  return { child, url };
}

function rssMB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return round(kb / 1024, 1);
  } catch {
    return Number.NaN;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index] as T, index);
      }
    }),
  );
  return results;
}

/** POSTs to the simulator's control API. */
function control(url: string, path: string, body: unknown, agent: Agent): Promise<void> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end(text);
  });
}

export async function runScale(agents: number, steadySamples: number): Promise<ScaleResult> {
  const { child, url } = await startSimProcess(agents);
  const lite = Array.from({ length: agents }, (_, i) => new LiteAgent(url, `agent${i + 1}`));
  const controlAgent = new Agent({ keepAlive: true, maxSockets: 16 });
  try {
    const t0 = Date.now();
    // Each agent polls as soon as it is signed in: a handshaken client that does not connect expires.
    await pool(lite, 32, async (a) => {
      await a.signIn();
      a.startPolling();
    });
    await pool(lite, 16, async (a) => {
      await control(
        url,
        '/sim/calls',
        { agent: a.user, from: '15551230042', state: 'Established', recording: true },
        controlAgent,
      );
    });
    // Every call's Established event has arrived on its agent's long-poll.
    const deadline = Date.now() + 60_000;
    while (lite.some((a) => a.callId === undefined)) {
      if (Date.now() > deadline) {
        const missing = lite.filter((a) => a.callId === undefined);
        const failures = lite.reduce((n, a) => n + a.failures, 0);
        throw new Error(`${missing.length} agents did not see their call (poll failures: ${failures})`);
      }
      await sleep(20);
    }
    const setupSeconds = round((Date.now() - t0) / 1000, 1);
    // Steady: 8 agents at a time, round-robin over all of them.
    const steady = await pool(
      Array.from({ length: steadySamples }, (_, i) => i),
      8,
      async (i) => {
        const a = lite[i % agents] as LiteAgent;
        const paused = await within(a.cycle('PauseCallRecording'), 10_000, `${a.user} pause`);
        await within(a.cycle('ResumeCallRecording'), 10_000, `${a.user} resume`);
        return paused;
      },
    );
    // Burst: every agent pauses at once.
    const burst = await within(Promise.all(lite.map((a) => a.cycle('PauseCallRecording'))), 60_000, 'burst');
    const simRssMB = rssMB(child.pid);
    await within(Promise.all(lite.map((a) => a.cycle('ResumeCallRecording'))), 60_000, 'burst resume');
    return {
      agents,
      setupSeconds,
      steady: stats(steady),
      burst: stats(burst),
      simRssMB,
      pollFailures: lite.reduce((n, a) => n + a.failures, 0),
    };
  } finally {
    for (const a of lite) a.stop();
    controlAgent.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
