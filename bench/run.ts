import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { runToggleLatency } from './toggle-latency.ts';

/**
 * `npm run bench`: toggle latency over both Bayeux transports, written to
 * bench/results/toggle-latency.json (committed, so changes show in review).
 * `BENCH_CYCLES` overrides the cycle count (minimum 200 for a recorded run).
 */
const cycles = Number(process.env.BENCH_CYCLES ?? 200);
if (!Number.isInteger(cycles) || cycles < 1) {
  process.stderr.write(`BENCH_CYCLES must be a positive integer, got ${process.env.BENCH_CYCLES}\n`);
  process.exit(2);
}

const results = [];
for (const transport of ['long-polling', 'websocket'] as const) {
  process.stderr.write(`toggle latency: ${cycles} cycles over ${transport}…\n`);
  const result = await runToggleLatency(cycles, transport);
  results.push(result);
  process.stderr.write(
    `  toggle→paused    median ${result.toggleToPaused.median} ms, p95 ${result.toggleToPaused.p95} ms\n` +
      `  toggle→recording median ${result.toggleToRecording.median} ms, p95 ${result.toggleToRecording.p95} ms\n`,
  );
}

const report = {
  benchmark: 'toggle-latency',
  description:
    'ms from toggleRecording() to the derived status paused/recording confirmed by the server event; embedded simulator over loopback',
  measuredAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  results,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/toggle-latency.json', import.meta.url),
  `${JSON.stringify(report, null, 2)}\n`,
);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
