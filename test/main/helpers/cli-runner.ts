/**
 * Runs the headless CLI as a child process (real stdin/stdout pipes) and
 * collects its JSON lines, so tests read like an operator at a terminal.
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** A running CLI and what it printed. */
export interface Cli {
  child: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  stdout: () => string;
  stderr: () => string;
  send(command: string): void;
  exited: Promise<number | null>;
  /** Waits for a stdout JSON line matching `predicate`. */
  line(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
}

const children: ChildProcessWithoutNullStreams[] = [];

/** Kills every CLI still running (call in afterEach). */
export function killClis(): void {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
}

/** Starts `main/cli/headless-cli.ts` with `args` and extra environment variables. */
export function runCli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/headless-cli.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  children.push(child);
  let out = '';
  let err = '';
  const lines: Record<string, unknown>[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    const parts = out.split('\n');
    const complete = parts.slice(lines.length, -1);
    for (const part of complete) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stdout: () => out,
    stderr: () => err,
    send: (command) => child.stdin.write(`${command}\n`),
    exited,
    line: (predicate, timeoutMs = 20_000) =>
      waitFor(
        () => lines.find(predicate),
        timeoutMs,
        'a matching CLI line',
        () => ({ lines, err }),
      ),
  };
}

/** A predicate for a status line showing `recording`. */
export const status = (recording: string) => (l: Record<string, unknown>) =>
  l.type === 'status' && l.recording === recording;
