import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { stats, type LatencyStats } from './stats.ts';
import type { BenchTarget } from './targets.ts';

/**
 * (c) The floor: a POST the server refuses at once (no credentials → 401), on
 * one keep-alive socket, with Node's bare http client. No client stack, no
 * event: what one HTTP round trip costs against that server on this machine.
 */
export interface FloorResult {
  server: string;
  refusedPost: LatencyStats;
}

export async function runFloor(target: BenchTarget, samples: number): Promise<FloorResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({ operationName: 'PauseCallRecording' });
  const url = new URL('/api/v2/me/calls/0123456789abcdef', target.url);
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      const req = request(url, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        if (res.statusCode !== 401) reject(new Error(`expected 401, got ${res.statusCode}`));
        res.resume();
        res.on('end', () => resolve(performance.now() - start));
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    for (let i = 0; i < 50; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await once());
    return { server: target.name, refusedPost: stats(times) };
  } finally {
    agent.destroy();
  }
}
