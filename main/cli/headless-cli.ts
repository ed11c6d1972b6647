/**
 * `npm run headless -- [--server URL --username U] [--password-env VAR] [--transport auto|websocket|long-polling]`
 *
 * The agent core without a window: one JSON object per line on stdout
 * (`status` on every change, `result` per command, `error`), commands one per
 * line on stdin. Without `--server` it starts the embedded simulator (demo
 * calls ring) and signs in agent1. The password is never read from argv and
 * never printed: `--password-env VAR`, else a hidden prompt on the terminal.
 * A proxy with credentials comes from `--proxy-env VAR`, never from argv.
 *
 * Robust against its surroundings: a closed stdout (EPIPE) ends the session
 * cleanly (exit 0), and an unexpected exception or rejection still ends the
 * contact-center session before exiting 1 with one line on stderr.
 */

import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createAgentCore, type AgentCore } from '../core/agent-core.ts';
import type { BayeuxTransport } from '../core/bayeux/connection.ts';
import type { CommandResult } from '../core/state/commands.ts';
import { AuditLog } from '../core/compliance/audit-log.ts';
import type { CompliantCore } from '../core/compliance/compliance-events.ts';
import { complianceLine } from '../core/compliance/event-lines.ts';
import { withCompliance } from '../core/compliance/with-compliance.ts';
import { describeValue, redactText } from '../core/ports/redact.ts';
import type { WorkspaceSnapshot } from '../core/state/workspace.ts';

/** Commands accepted on stdin, mapped to core calls. */
const STDIN_COMMANDS: Readonly<Record<string, (core: CompliantCore) => Promise<CommandResult>>> = {
  toggle: (core) => core.toggleRecording(),
  pause: (core) => core.pauseRecording(),
  resume: (core) => core.resumeRecording(),
  start: (core) => core.startRecording(),
  stop: (core) => core.stopRecording(),
  answer: (core) => core.answer(),
  hold: (core) => core.hold(),
  retrieve: (core) => core.retrieve(),
  hangup: (core) => core.hangup(),
  ready: (core) => core.ready(),
  'not-ready': (core) => core.notReady(),
  'keep-paused': async (core) => core.keepPaused(),
};

/** Exit code when the server refused the credentials while reconnecting (terminal `signed-out`). */
const EXIT_SIGNED_OUT = 3;

/** Embedded demo credentials (the simulator's default agent1). */
const DEMO_AGENT = { username: 'agent1', password: 'agent1' } as const;

interface Flags {
  server?: string;
  username?: string;
  passwordEnv?: string;
  transport: BayeuxTransport;
  caFile?: string;
  proxy?: string;
  proxyEnv?: string;
  recordingTimeoutMs?: number;
  reconcileIntervalMs?: number;
  auditFile?: string;
  reminderSeconds?: number;
  autoResumeSeconds?: number;
}

/** False once stdout is gone (EPIPE): nothing more is written there. */
let stdoutOpen = true;

function emit(line: Record<string, unknown>): void {
  if (!stdoutOpen) return;
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * A commander parser for an integer flag in `[min, max]`. The error names the
 * allowed range (commander prefixes the flag's name); values beyond a timer's
 * 2^31-1 ms are never accepted, so no timer can overflow to 1 ms.
 */
function intInRange(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** The shutdown of the running session, for the last-resort handlers. */
let emergencyStop: (() => Promise<unknown>) | undefined;

/**
 * Last resort: an exception nobody caught (or a rejection nobody handled)
 * still ends the contact-center session, then exits 1 with one clear line.
 */
function onFatal(kind: string) {
  return (error: unknown): void => {
    process.stderr.write(`headless: fatal ${kind}: ${describeValue(error)}\n`);
    const stop = emergencyStop ?? (async () => undefined);
    emergencyStop = undefined;
    const bound = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
    void Promise.race([stop().catch(() => undefined), bound]).then(() => process.exit(1));
  };
}

/** Reads a password from the terminal without echoing it; the prompt goes to stderr. */
async function promptPassword(username: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new Error('no terminal to prompt for the password: pass --password-env VAR');
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(`Password for ${username}: `, (answer) => {
        process.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  } finally {
    rl.close();
  }
}

function statusLine(snapshot: WorkspaceSnapshot): Record<string, unknown> {
  return {
    type: 'status',
    connection: snapshot.connection,
    recording: snapshot.status,
    callId: snapshot.statusCallId ?? null,
    agentState: snapshot.agentState ?? null,
    calls: snapshot.calls.map((c) => ({ id: c.id, state: c.state, recording: c.recording, stale: c.stale })),
    ...(snapshot.pausedSince === undefined ? {} : { pausedSince: Math.round(snapshot.pausedSince) }),
    ...(snapshot.otherPausedCallIds.length === 0 ? {} : { otherPausedCallIds: snapshot.otherPausedCallIds }),
  };
}

async function main(): Promise<number> {
  const program = new Command()
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
    .option('--ca-file <pem>', 'extra CA certificates, added to the default roots')
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
  try {
    program.parse();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`headless: ${describeValue(error)}\n`);
    return 2;
  }
  const flags = program.opts<Flags>();

  let closeSimulator: (() => Promise<void>) | undefined;
  let serverUrl = flags.server;
  let username = flags.username;
  let password: string;
  try {
    if (serverUrl === undefined) {
      const { startSimulator } = await import('../../simulator/index.ts');
      const sim = await startSimulator({ demo: true });
      closeSimulator = () => sim.close();
      serverUrl = sim.url;
      username = DEMO_AGENT.username;
      password = DEMO_AGENT.password;
      emit({ type: 'info', message: `embedded simulator at ${sim.url}, signed in as ${username}` });
    } else {
      if (!username) throw new Error('--username is required with --server');
      if (flags.proxy !== undefined && /@/.test(flags.proxy)) {
        throw new Error(
          '--proxy must not carry credentials (they would show in the process list): use --proxy-env VAR',
        );
      }
      if (flags.passwordEnv !== undefined) {
        const value = process.env[flags.passwordEnv];
        if (value === undefined) throw new Error(`environment variable ${flags.passwordEnv} is not set`);
        password = value;
        // Read once, then gone from the environment children would inherit.
        delete process.env[flags.passwordEnv];
      } else {
        password = await promptPassword(username);
      }
    }
  } catch (error) {
    return fatal((error as Error).message, closeSimulator);
  }

  let proxyUrl = flags.proxy;
  if (flags.proxyEnv !== undefined) {
    proxyUrl = process.env[flags.proxyEnv];
    if (proxyUrl === undefined) {
      return fatal(`environment variable ${flags.proxyEnv} is not set`, closeSimulator);
    }
  }
  let audit: AuditLog | undefined;
  try {
    audit = flags.auditFile ? AuditLog.open({ file: flags.auditFile, agent: username ?? '' }) : undefined;
  } catch (error) {
    return fatal(`--audit-file ${flags.auditFile}: ${(error as Error).message}`, closeSimulator);
  }
  if (audit?.recovered) {
    const { file, line } = audit.recovered;
    emit({
      type: 'info',
      message: `audit log ${file}: torn line ${line} from a crash, recorded; the chain continues`,
    });
  }
  const agentCore: AgentCore = createAgentCore({
    serverUrl,
    username,
    password,
    transport: flags.transport,
    ...(flags.caFile ? { extraCaFile: flags.caFile } : {}),
    ...(proxyUrl ? { proxyUrl } : {}),
    ...(flags.recordingTimeoutMs ? { recordingTimeoutMs: flags.recordingTimeoutMs } : {}),
    ...(flags.reconcileIntervalMs ? { reconcileIntervalMs: flags.reconcileIntervalMs } : {}),
  });
  const core = withCompliance(agentCore, {
    ...(audit ? { audit } : {}),
    ...(flags.reminderSeconds === undefined ? {} : { reminderSeconds: flags.reminderSeconds }),
    ...(flags.autoResumeSeconds === undefined ? {} : { autoResumeSeconds: flags.autoResumeSeconds }),
  });

  let last = '';
  let signedOut: (() => void) | undefined;
  const signedOutPromise = new Promise<void>((resolve) => {
    signedOut = resolve;
  });
  core.subscribe((event) => {
    if (event.type === 'error') {
      const { code, severity, message, callId } = event;
      return emit({ type: 'error', code, severity, message, ...(callId === undefined ? {} : { callId }) });
    }
    if (event.type !== 'state') return emit(complianceLine(event));
    if (event.state.connection === 'signed-out') signedOut?.();
    const line = statusLine(event.state);
    const key = JSON.stringify(line);
    if (key === last) return;
    last = key;
    emit(line);
  });

  let quitting: Promise<number> | undefined;
  const quit = (): Promise<number> => {
    quitting ??= (async () => {
      await core.stop();
      audit?.close();
      await closeSimulator?.();
      emit({ type: 'bye' });
      return 0;
    })();
    return quitting;
  };
  emergencyStop = quit;
  // The reader of our stdout went away (EPIPE): end the session cleanly, exit 0.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdoutOpen = false;
    if (error.code !== 'EPIPE') process.stderr.write(`headless: stdout failed: ${describeValue(error)}\n`);
    void quit().then((code) => process.exit(code));
  });

  const started = await core.start();
  if (!started.ok) {
    emergencyStop = undefined;
    return fatal(started.message, closeSimulator, started.code);
  }
  process.once('SIGINT', () => void quit().then((code) => process.exit(code)));
  process.once('SIGTERM', () => void quit().then((code) => process.exit(code)));

  // The server refused the credentials while reconnecting: nothing more will
  // happen by itself, so say so and exit non-zero (3) rather than sit there.
  void signedOutPromise.then(async () => {
    const message = 'signed out: the server refused the credentials while reconnecting; sign in again';
    emit({ type: 'error', message });
    process.stderr.write(`headless: ${message}\n`);
    await quit();
    process.exit(EXIT_SIGNED_OUT);
  });

  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const raw of lines) {
    const command = raw.trim();
    if (command === '') continue;
    if (command === 'quit') break;
    const run = STDIN_COMMANDS[command];
    if (!run) {
      emit({
        type: 'error',
        message: `unknown command "${command.slice(0, 40)}"; use one of: ${[...Object.keys(STDIN_COMMANDS), 'quit'].join(', ')}`,
      });
      continue;
    }
    const result = await run(core);
    emit({ type: 'result', command, ...result });
  }
  return quit();
}

async function fatal(
  message: string,
  cleanup: (() => Promise<void>) | undefined,
  code?: string,
): Promise<number> {
  const safe = redactText(message);
  emit({ type: 'error', ...(code === undefined ? {} : { code }), message: safe });
  process.stderr.write(`headless: ${safe}\n`);
  await cleanup?.();
  return 1;
}

process.on('uncaughtException', onFatal('exception'));
process.on('unhandledRejection', onFatal('unhandled rejection'));

main().then(
  (code) => process.exit(code),
  (error: unknown) => onFatal('failure')(error),
);
