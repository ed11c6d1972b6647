/**
 * VDI density: what one agent costs on a shared host. Starts the headless CLI
 * and browser mode as child processes (demo: the embedded simulator signs in
 * agent1 and rings calls), and reports
 * - start-up to "signed in" (headless: the first status line after the
 *   simulator's "signed in" info; browser mode: the `Open <url>` line),
 * - main-process RSS and V8 heap with a call (headless: once a status line
 *   lists a call; browser mode: after the same settle time),
 * - CPU while idle with a call, over a quiet window, from /proc (Linux).
 * The embedded simulator runs in the same process, so these figures are an
 * upper bound for the agent alone. Electron's own processes (GPU, renderer,
 * utility) cannot run here and are not counted.
 *
 * Run alone: `node --import tsx bench/footprint.ts [--idle-seconds 30]`.
 * bench/run.ts can call {@link measureFootprint} and print {@link footprintRows}.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Prints `process.memoryUsage()` on SIGUSR2, loaded into the child with --import (no code of ours changes). */
const PROBE =
  'data:text/javascript,process.on("SIGUSR2",()=>process.stderr.write("FOOTPRINT "+JSON.stringify(process.memoryUsage())+"\\n"))';

/** One mode's figures. */
export interface Footprint {
  mode: 'headless' | 'browser';
  startupMs: number;
  rssMb: number;
  heapUsedMb: number;
  /** Mean CPU over the idle window, % of one core. */
  idleCpuPercent: number;
  idleSeconds: number;
  withCall: boolean;
}

/** utime+stime of `pid` in clock ticks (Linux /proc). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Resolves with the first line of `stream` matching `re`, or rejects after `ms`. */
function lineMatching(child: ChildProcess, re: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let last = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms} ms`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before a line matching ${re}: ${last.slice(0, 200)}`));
    });
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      last = lines.filter((l) => l.trim() !== '').at(-1) ?? last;
      const hit = lines.find((l) => re.test(l));
      if (hit === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      resolve(hit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

/** Asks the child for its memory (the probe) and reads the answer. */
async function memoryOf(child: ChildProcess): Promise<NodeJS.MemoryUsage> {
  const answer = lineMatching(child, /^FOOTPRINT /, 5_000);
  child.kill('SIGUSR2');
  return JSON.parse((await answer).slice('FOOTPRINT '.length)) as NodeJS.MemoryUsage;
}

/** The command line of each mode (demo: no server, no password anywhere). */
const COMMANDS: Record<
  Footprint['mode'],
  { args: string[]; signedIn: RegExp; withCall: RegExp | undefined }
> = {
  headless: {
    args: ['main/cli/headless-cli.ts'],
    signedIn: /"type":"status".*"connection":"connected"/,
    withCall: /"type":"status".*"calls":\[\{/,
  },
  browser: { args: ['main/web/cli.ts', '--no-open'], signedIn: /^Open http/, withCall: undefined },
};

/** Measures one mode. */
export async function measureMode(mode: Footprint['mode'], idleSeconds: number): Promise<Footprint> {
  const spec = COMMANDS[mode];
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', PROBE, ...spec.args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  try {
    await lineMatching(child, spec.signedIn, 30_000);
    const startupMs = performance.now() - started;
    let withCall = false;
    if (spec.withCall) {
      await lineMatching(child, spec.withCall, 60_000);
      child.stdin?.write('answer\n');
      withCall = true;
    }
    // Settle, then measure CPU over a quiet window: this sleep measures the ABSENCE of work, on purpose.
    await new Promise((r) => setTimeout(r, 3_000));
    const ticksPerSecond = 100; // Linux USER_HZ
    const before = cpuTicks(child.pid!);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const after = cpuTicks(child.pid!);
    const memory = await memoryOf(child);
    return {
      mode,
      startupMs,
      rssMb: memory.rss / 2 ** 20,
      heapUsedMb: memory.heapUsed / 2 ** 20,
      idleCpuPercent: ((after - before) / ticksPerSecond / idleSeconds) * 100,
      idleSeconds,
      withCall,
    };
  } finally {
    child.stdin?.end();
    child.kill('SIGTERM');
  }
}

/** A mode that could not be measured, and why (e.g. browser mode's window not built). */
export interface NotMeasured {
  mode: Footprint['mode'];
  error: string;
}

/** Both modes, one after the other (never side by side: they would share the cores). */
export async function measureFootprint(idleSeconds = 30): Promise<(Footprint | NotMeasured)[]> {
  const results: (Footprint | NotMeasured)[] = [];
  for (const mode of ['headless', 'browser'] as const) {
    try {
      results.push(await measureMode(mode, idleSeconds));
    } catch (error) {
      results.push({ mode, error: (error as Error).message });
    }
  }
  return results;
}

/** Table rows for the bench report. */
export function footprintRows(results: readonly (Footprint | NotMeasured)[]): string[] {
  return [
    'footprint (main process incl. embedded simulator; Electron processes not measurable here)',
    'mode      start-up   RSS MB  heap MB  idle CPU %  (window, call)',
    ...results.map((r) =>
      'error' in r
        ? `${r.mode.padEnd(9)} not measured: ${r.error}`
        : `${r.mode.padEnd(9)} ${`${r.startupMs.toFixed(0)} ms`.padStart(8)}  ${r.rssMb.toFixed(1).padStart(6)}  ${r.heapUsedMb
            .toFixed(1)
            .padStart(
              7,
            )}  ${r.idleCpuPercent.toFixed(2).padStart(10)}  (${r.idleSeconds} s, ${r.withCall ? 'with call' : 'no call'})`,
    ),
    'goal: idle CPU < 0.5 % of one core with a call',
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--idle-seconds');
  const idle = at > 0 ? Number(process.argv[at + 1]) : 30;
  const results = await measureFootprint(idle);
  console.log(footprintRows(results).join('\n'));
}
