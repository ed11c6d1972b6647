/**
 * `npm run bench`: one run, side by side, against the simulator (faye) and the
 * CometD-server peer, written to bench/results/bench.json and printed as a
 * table with ratios and the speed goals. Not part of `npm test`. Ours and the
 * official client run interleaved cycle by cycle (bench/paired.ts).
 *
 * Env: BENCH_CYCLES (POST→event cycles per client × server × transport, default 500),
 * BENCH_OVERHEAD_CYCLES (default 200), BENCH_APPLY_CALLS (default 100000),
 * BENCH_SCALE (agent counts, default "100,500,1000"; "" skips),
 * BENCH_SCALE_SAMPLES (steady samples per count, default 300),
 * BENCH_GWS_LOAD_MINUTES (simulated shift of section g, default 60),
 * BENCH_ONLY (comma list of sections a,b,c,d,e,f,g,w; default all), where g is
 * the GWS load (GET /me/calls per agent per minute, ours beside the old
 * policy) and w is the
 * window: renderer JS gzip size and first render in Chromium, written
 * to bench/results/renderer.json (BENCH_RENDERER_LOADS cold loads, default 15).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runEventApply } from './event-apply.ts';
import { runFloor } from './floor.ts';
import { runGwsLoad } from './gws-load.ts';
import { runOfficial } from './official.ts';
import { runOurs } from './ours.ts';
import { runOverhead } from './overhead.ts';
import { runPaired } from './paired.ts';
import { runRendererBench } from './renderer.ts';
import { checkGoals, formatReport, type BenchReport } from './report.ts';
import { runScale } from './scale.ts';
import { startPeerTarget, startSimulatorTarget, withTarget } from './targets.ts';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`${name} must be a positive integer, got ${raw}\n`);
    process.exit(2);
  }
  return n;
}

const cycles = intEnv('BENCH_CYCLES', 500);
const overheadCycles = intEnv('BENCH_OVERHEAD_CYCLES', 200);
const applyCalls = intEnv('BENCH_APPLY_CALLS', 100_000);
const scaleSamples = intEnv('BENCH_SCALE_SAMPLES', 300);
const scaleCounts = (process.env.BENCH_SCALE ?? '100,500,1000').split(',').filter(Boolean).map(Number);
const only = new Set((process.env.BENCH_ONLY ?? 'a,b,c,d,e,f,g,w').split(','));
const log = (line: string) => process.stderr.write(`${line}\n`);
const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

const started = Date.now();
const report: BenchReport = {
  ours: [],
  official: [],
  floor: [],
  overhead: [],
  eventApply: undefined,
  scale: [],
  gwsLoad: undefined,
};
const loadAtStart = loadavg();

for (const start of [startSimulatorTarget, startPeerTarget]) {
  await withTarget(start, async (target) => {
    if (only.has('c')) {
      log(`(c) floor on ${target.name}…`);
      report.floor.push(await runFloor(target, cycles));
    }
    for (const transport of target.transports) {
      if (only.has('a') && only.has('b')) {
        log(
          `(a)+(b) ours and the official client interleaved on ${target.name} over ${transport}: ${cycles} cycles each…`,
        );
        const paired = await runPaired(target, transport, cycles);
        report.ours.push(paired.ours);
        report.official.push(paired.official);
      } else if (only.has('a')) {
        log(`(a) ours on ${target.name} over ${transport}: ${cycles} cycles…`);
        report.ours.push(await runOurs(target, transport, cycles));
      } else if (only.has('b')) {
        log(`(b) official CometD client on ${target.name} over ${transport}: ${cycles} cycles…`);
        report.official.push(await runOfficial(target, transport, cycles));
      }
      if (only.has('d')) {
        log(`(d) overhead on ${target.name} over ${transport}: ${overheadCycles} cycles…`);
        report.overhead.push(await runOverhead(target, transport, overheadCycles));
      }
    }
  });
}
if (only.has('e')) {
  log(`(e) event apply: ${applyCalls} calls…`);
  report.eventApply = runEventApply(applyCalls);
}
if (only.has('f')) {
  for (const agents of scaleCounts) {
    log(`(f) scale: ${agents} agents…`);
    report.scale.push(await runScale(agents, scaleSamples));
  }
}

if (only.has('g')) {
  const minutes = intEnv('BENCH_GWS_LOAD_MINUTES', 60);
  log(`(g) GWS load: a ${minutes}-minute simulated shift, ours and the old policy…`);
  report.gwsLoad = await runGwsLoad(minutes);
}

if (only.has('w')) {
  log('(w) the window: renderer bundle size and first render in Chromium…');
  await runRendererBench({ loads: intEnv('BENCH_RENDERER_LOADS', 15), log });
}

const goals = checkGoals(report);
const result = {
  benchmark: 'issue-9',
  command: 'npm run bench',
  measuredAt: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  commit: git('rev-parse', 'HEAD'),
  bayeuxConnectionCommit: git('log', '-1', '--format=%h %s', '--', 'main/core/bayeux/connection.ts'),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  loadAverage: {
    atStart: loadAtStart.map((n) => Math.round(n * 100) / 100),
    atEnd: loadavg().map((n) => Math.round(n * 100) / 100),
  },
  settings: { cycles, overheadCycles, applyCalls, scaleCounts, scaleSamples },
  ...report,
  goals,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/bench.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${formatReport(report)}\n\nGoals:\n`);
for (const g of goals) process.stdout.write(`  [${g.met ? 'met' : 'MISSED'}] ${g.goal}: ${g.detail}\n`);
process.stdout.write(
  `\n${result.durationSeconds} s, node ${result.node}, ${result.cpus} × ${result.cpuModel}, load ${result.loadAverage.atStart.join('/')} → ${result.loadAverage.atEnd.join('/')}\n` +
    `commit ${result.commit}; bayeux-connection.ts at ${result.bayeuxConnectionCommit}\nwritten to bench/results/bench.json\n`,
);
