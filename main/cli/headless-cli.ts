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
 * The app layer is the one composition the desktop and browser mode use
 * ({@link createAppStack}: settings, session controller, cores wrapped with
 * compliance, app service), with this CLI's ports only: settings and
 * passwords in memory for the run, its compliance flags, and its printer on
 * the session's events.
 *
 * Robust against its surroundings: whatever makes it exit — `quit`, the end
 * of stdin, SIGINT/SIGTERM/SIGHUP, a closed stdout (EPIPE, exit 0), the server
 * refusing the credentials (exit 3), an unexpected exception or rejection
 * (exit 1, one line on stderr) — the contact-center session is ended first
 * ({@link createExitGuard}). A line on stdin longer than a command can be is
 * refused and dropped as it streams ({@link boundedLines}).
 */

import type { CommandName } from '../../contract/ipc-contract.ts';
import { createAppStack, type AppStack } from '../app/services/app-stack.ts';
import { createMemorySecretStore } from '../app/services/memory-secret-store.ts';
import { createMemorySettingsStore } from '../app/services/memory-settings-store.ts';
import { AuditLog } from '../core/compliance/audit-log.ts';
import { redactText } from '../core/ports/redact.ts';
import { resolveAccount, type Account } from './headless/account.ts';
import { createExitGuard } from './headless/exit-guard.ts';
import { parseFlags, type Flags } from './headless/flags.ts';
import { boundedLines, MAX_COMMAND_BYTES } from './headless/input-lines.ts';
import { sessionPrinter, stdoutWriter } from './headless/printer.ts';

/** Commands accepted on stdin, mapped to the app's command names. */
const STDIN_COMMANDS: Readonly<Record<string, CommandName>> = {
  toggle: 'toggle',
  pause: 'pause',
  resume: 'resume',
  start: 'start-recording',
  stop: 'stop-recording',
  answer: 'answer',
  hold: 'hold',
  retrieve: 'retrieve',
  hangup: 'hangup',
  ready: 'ready',
  'not-ready': 'not-ready',
  'keep-paused': 'keep-paused',
};

/** Exit code when the server refused the credentials while reconnecting (terminal `signed-out`). */
const EXIT_SIGNED_OUT = 3;

/** A word that may be echoed back in "unknown command": stdin may carry anything, card numbers included. */
const ECHOABLE = /^[a-z][a-z-]{0,39}$/i;

const writer = stdoutWriter();
const guard = createExitGuard();

/** One run of the CLI: the session, and how it ends. */
interface Run {
  stack: AppStack;
  /** Ends the session (EndContactCenterSession), closes the audit log and the embedded simulator; once. */
  teardown(): Promise<void>;
  /** {@link Run.teardown}, then `bye` on stdout: the normal end (quit, end of input, a signal). */
  quit(): Promise<number>;
}

/** Runs the CLI; resolves with the exit code once the session has ended. */
async function main(): Promise<number> {
  const flags = parseFlags();
  if (typeof flags === 'number') return flags;
  let account: Account;
  try {
    account = await resolveAccount(flags);
  } catch (error) {
    return fatal((error as Error).message);
  }
  const simulator = account.simulator;
  const closeSimulator = simulator ? () => simulator.close() : undefined;
  if (simulator) {
    writer.emit({
      type: 'info',
      message: `embedded simulator at ${simulator.url}, signed in as ${account.username}`,
    });
  }
  let audit: AuditLog | undefined;
  try {
    audit = flags.auditFile ? openAudit(flags.auditFile, account.username) : undefined;
  } catch (error) {
    return fatal(`--audit-file ${flags.auditFile}: ${(error as Error).message}`, closeSimulator);
  }
  const run = startRun(flags, account, audit);
  const started = await run.stack.session.signIn({
    serverUrl: account.serverUrl,
    username: account.username,
    password: account.password,
    rememberPassword: false,
    transport: flags.transport,
    ...(flags.caFile ? { extraCaFile: flags.caFile } : {}),
    ...(account.proxyUrl ? { proxyUrl: account.proxyUrl } : {}),
  });
  if (!started.ok) return fatal(started.message, run.teardown, started.code, secretsOf(account));
  guard.setCleanup(run.quit);
  await readCommands(run.stack);
  return run.quit();
}

/** What must never be printed even if a server echoes it: the password and the proxy URL (it may carry one). */
function secretsOf(account: Account): string[] {
  return [account.password, ...(account.proxyUrl ? [account.proxyUrl] : [])];
}

/** Opens the audit log (`--audit-file`); a torn last line from a crash is said and recorded. */
function openAudit(file: string, agent: string): AuditLog {
  const audit = AuditLog.open({ file, agent });
  if (audit.recovered) {
    const { line } = audit.recovered;
    writer.emit({
      type: 'info',
      message: `audit log ${audit.recovered.file}: torn line ${line} from a crash, recorded; the chain continues`,
    });
  }
  return audit;
}

/** Builds the app stack with this CLI's ports, prints its events, and arms every way out. */
function startRun(flags: Flags, account: Account, audit: AuditLog | undefined): Run {
  const stack = createAppStack({
    // Nobody renders the view here; its host only says: no tray, no global hotkey.
    host: 'browser',
    store: createMemorySettingsStore({ transport: flags.transport }),
    secrets: createMemorySecretStore(),
    compliance: {
      ...(audit ? { audit } : {}),
      ...(flags.reminderSeconds === undefined ? {} : { reminderSeconds: flags.reminderSeconds }),
      ...(flags.autoResumeSeconds === undefined ? {} : { autoResumeSeconds: flags.autoResumeSeconds }),
    },
    coreOptions: {
      ...(flags.recordingTimeoutMs ? { recordingTimeoutMs: flags.recordingTimeoutMs } : {}),
      ...(flags.reconcileIntervalMs ? { reconcileIntervalMs: flags.reconcileIntervalMs } : {}),
    },
  });
  let ending: Promise<void> | undefined;
  let quitting: Promise<number> | undefined;
  const teardown = (): Promise<void> =>
    (ending ??= (async () => {
      await stack.service.dispose();
      audit?.close();
      await account.simulator?.close();
    })());
  const run: Run = {
    stack,
    teardown,
    quit: () =>
      (quitting ??= teardown().then(() => {
        writer.emit({ type: 'bye' });
        return 0;
      })),
  };
  guard.setCleanup(teardown);
  const secrets = secretsOf(account);
  const redact = (text: string): string => redactText(text, secrets);
  stack.session.subscribe(
    sessionPrinter(
      writer,
      onceOnly(() => void signedOut(run)),
      redact,
    ),
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => void guard.exit(0));
  // The reader of our stdout went away (EPIPE): end the session cleanly, exit 0.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    writer.close();
    if (error.code !== 'EPIPE') process.stderr.write(`headless: stdout failed: ${error.code ?? 'error'}\n`);
    void guard.exit(0);
  });
  return run;
}

/** `fn`, run on the first call only. */
function onceOnly(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/**
 * The server refused the credentials while reconnecting: nothing more will
 * happen by itself, so say so and exit non-zero (3) rather than sit there.
 */
async function signedOut(run: Run): Promise<void> {
  const message = 'signed out: the server refused the credentials while reconnecting; sign in again';
  writer.emit({ type: 'error', message });
  process.stderr.write(`headless: ${message}\n`);
  await run.quit();
  await guard.exit(EXIT_SIGNED_OUT);
}

/** Runs stdin's commands until `quit` or the end of input; a line too long for a command is refused. */
async function readCommands(stack: AppStack): Promise<void> {
  for await (const line of boundedLines(process.stdin)) {
    if ('tooLong' in line) {
      writer.emit({
        type: 'error',
        message: `line too long (${line.tooLong} bytes; a command has at most ${MAX_COMMAND_BYTES}): ignored`,
      });
      continue;
    }
    const command = line.text.trim();
    if (command === '') continue;
    if (command === 'quit') return;
    const name = STDIN_COMMANDS[command];
    if (!name) {
      const shown = ECHOABLE.test(command) ? `"${command}"` : `(${command.length} characters, not shown)`;
      writer.emit({
        type: 'error',
        message: `unknown command ${shown}; use one of: ${[...Object.keys(STDIN_COMMANDS), 'quit'].join(', ')}`,
      });
      continue;
    }
    const result = await stack.service.command({ name });
    writer.emit({ type: 'result', command, ...result });
  }
}

/** Says why the run cannot go on (redacted), runs `cleanup`, and answers exit code 1. */
async function fatal(
  message: string,
  cleanup?: () => Promise<void>,
  code?: string,
  secrets: readonly string[] = [],
): Promise<number> {
  const safe = redactText(message, secrets);
  writer.emit({ type: 'error', ...(code === undefined ? {} : { code }), message: safe });
  process.stderr.write(`headless: ${safe}\n`);
  await cleanup?.();
  return 1;
}

process.on('uncaughtException', guard.fatal('exception'));
process.on('unhandledRejection', guard.fatal('unhandled rejection'));

main().then(
  (code) => guard.exit(code),
  (error: unknown) => guard.fatal('failure')(error),
);
