/**
 * The headless CLI's command line. Every flag is checked while parsing, so a
 * bad one is refused at once by commander with a message naming the flag and
 * what it accepts (exit 1), before anything starts: numbers have their
 * ranges (a timer never overflows to 1 ms), and `--ca-file` must be a
 * readable file holding at least one PEM certificate (the settings' own rule,
 * {@link caFileProblem}) — not a file that would fail later, deep in a TLS
 * handshake, naming nothing.
 */

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { caFileProblem } from '../../app/policies/settings.ts';
import type { Transport } from '../../../contract/ipc-contract.ts';
import { describeValue } from '../../core/ports/redact.ts';

/** The parsed flags. */
export interface Flags {
  server?: string;
  username?: string;
  passwordEnv?: string;
  transport: Transport;
  caFile?: string;
  proxy?: string;
  proxyEnv?: string;
  recordingTimeoutMs?: number;
  reconcileIntervalMs?: number;
  auditFile?: string;
  reminderSeconds?: number;
  autoResumeSeconds?: number;
}

/**
 * A commander parser for an integer flag in `[min, max]`. The error names the
 * allowed range (commander prefixes the flag's name); values beyond a timer's
 * 2^31-1 ms are never accepted, so no timer can overflow to 1 ms.
 */
export function intInRange(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** commander's parser of `--ca-file`: the path, when it holds a PEM certificate; else why not. */
export function caFileFlag(value: string): string {
  const problem = caFileProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

/** The command line: flags, their help, and commander's messages on stderr. */
function program(): Command {
  return new Command()
    .name('npm run headless --')
    .description('GWS secure-pause core without a UI: JSON lines on stdout, commands on stdin.')
    .option('--server <url>', 'GWS base URL; without it the embedded simulator is started')
    .option('--username <user>', 'GWS user name (required with --server)')
    .option('--password-env <VAR>', 'environment variable holding the password (else a prompt)')
    .addOption(
      new Option('--transport <transport>', 'Bayeux transport')
        .choices(['auto', 'websocket', 'long-polling'])
        .default('auto'),
    )
    .option('--ca-file <pem>', 'extra CA certificates (PEM), added to the default roots', caFileFlag)
    .option('--proxy <url>', 'HTTP(S) proxy URL without credentials')
    .option('--proxy-env <VAR>', 'environment variable holding the proxy URL (may carry credentials)')
    .option(
      '--recording-timeout-ms <ms>',
      'wait for recording confirmations, 100 to 600000 (default 5000)',
      intInRange(100, 600_000),
    )
    .option(
      '--reconcile-interval-ms <ms>',
      're-read calls from the server this often, 500 to 60000 (default 5000)',
      intInRange(500, 60_000),
    )
    .option(
      '--audit-file <file>',
      'append the tamper-evident audit log to this file (npm run audit -- verify)',
    )
    .option(
      '--reminder-seconds <n>',
      'pause reminders at N, 2N, 4N s, 5 to 3600 (default 30)',
      intInRange(5, 3600),
    )
    .option(
      '--auto-resume-seconds <n>',
      'resume after M s paused, 0 (off, the default) to 7200',
      intInRange(0, 7200),
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) });
}

/** Parses `argv`: the flags, or the exit code once the problem was said on stderr. */
export function parseFlags(argv: readonly string[] = process.argv): Flags | number {
  const command = program();
  try {
    command.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`headless: ${describeValue(error)}\n`);
    return 2;
  }
  return command.opts<Flags>();
}
