/**
 * `npm run web -- [--port P] [--server URL --username U --password-env VAR] [--transport T] [--no-open]`
 *
 * Browser mode: the app's core in Node, the window in the system browser, the
 * API over a loopback WebSocket with a per-run token. Prints exactly one line
 * on stdout, `Open http://127.0.0.1:P/#token=...`; diagnostics go to stderr.
 * Without `--server` it is the demo (embedded simulator, agent1). The password
 * is never read from argv: `--password-env VAR`, else the page asks for it.
 * A bad flag (e.g. `--port 99999`) is refused with commander's message naming
 * the flag and the allowed range, exit 1 — never a silent exit.
 */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { LoggerPort } from '../app/ports/app-ports.ts';
import type { Transport } from '../../contract/ipc-contract.ts';
import { startBrowserApp } from './browser-app.ts';
import { redactingLogger } from '../core/ports/logging.ts';

interface Flags {
  port: number;
  server?: string;
  username?: string;
  passwordEnv?: string;
  transport?: Transport;
  open: boolean;
  staticDir: string;
  verbose: boolean;
}

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../out/renderer-web', import.meta.url));

/**
 * commander's parser of `--port`: a whole number 0-65535. An
 * {@link InvalidArgumentError} is what commander reports as "option '--port
 * <port>' argument '99999' is invalid" (any other error escaped its parse).
 */
function portNumber(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 = any free port).');
  }
  return n;
}

/** Diagnostics on stderr (warnings and errors; everything with --verbose), redacted like the support log. */
function stderrLogger(verbose: boolean): LoggerPort {
  return redactingLogger(rawStderrLogger(verbose));
}

/** The unredacted stderr sink under {@link stderrLogger}. */
function rawStderrLogger(verbose: boolean): LoggerPort {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`web ${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  const quiet = () => undefined;
  return {
    debug: verbose ? write('debug') : quiet,
    info: verbose ? write('info') : quiet,
    warn: write('warn'),
    error: write('error'),
  };
}

/** Opens `url` in the system browser; a failure only means the agent opens it by hand. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no opener here: the printed line is enough
  }
}

/** The command line: flags, their help, and commander's messages on stderr. */
function program(): Command {
  return new Command()
    .name('npm run web --')
    .description(
      'Browser mode: the agent window in your browser, the core in Node (no tray, no global hotkey).',
    )
    .addOption(
      new Option('--port <port>', 'HTTP port on 127.0.0.1 (0 = any free port)')
        .argParser(portNumber)
        .default(0),
    )
    .option('--server <url>', 'GWS base URL; without it the demo runs (embedded simulator, agent1)')
    .option('--username <user>', 'GWS user name (with --server)')
    .option(
      '--password-env <VAR>',
      'environment variable holding the password: sign in at once (else the page asks)',
    )
    .addOption(
      new Option('--transport <transport>', 'Bayeux transport').choices([
        'auto',
        'websocket',
        'long-polling',
      ]),
    )
    .option('--no-open', 'do not open the system browser')
    .option('--static-dir <dir>', 'the built window', DEFAULT_STATIC_DIR)
    .option('--verbose', 'log info and debug lines on stderr', false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) });
}

/** Parses argv: the flags, or the exit code once the problem was said on stderr. */
function parseFlags(): Flags | number {
  const command = program();
  try {
    command.parse();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`web: ${(error as Error).message}\n`);
    return 2;
  }
  return command.opts<Flags>();
}

/** The password from `--password-env`, read once and removed; a number is the exit code of a refusal. */
function takePassword(flags: Flags): string | undefined | number {
  if (flags.passwordEnv === undefined) return undefined;
  if (!flags.server || !flags.username) {
    process.stderr.write('web: --password-env needs --server and --username\n');
    return 2;
  }
  const password = process.env[flags.passwordEnv];
  if (password === undefined) {
    process.stderr.write(`web: environment variable ${flags.passwordEnv} is not set\n`);
    return 2;
  }
  // Read once, then gone: the browser opener (and the browser it starts) inherits our environment.
  delete process.env[flags.passwordEnv];
  return password;
}

async function main(): Promise<number> {
  const flags = parseFlags();
  if (typeof flags === 'number') return flags;
  const password = takePassword(flags);
  if (typeof password === 'number') return password;
  if (!existsSync(`${flags.staticDir}/index.html`)) {
    process.stderr.write(
      `web: the window is not built (${flags.staticDir}/index.html missing): run \`npm run web\`, which builds it first.\n`,
    );
    return 1;
  }
  let app;
  try {
    app = await startBrowserApp({
      staticDir: flags.staticDir,
      port: flags.port,
      ...(flags.server ? { server: flags.server } : {}),
      ...(flags.username ? { username: flags.username } : {}),
      ...(password === undefined ? {} : { password }),
      ...(flags.transport ? { transport: flags.transport } : {}),
      logger: stderrLogger(flags.verbose),
    });
  } catch (error) {
    process.stderr.write(`web: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`Open ${app.web.url}\n`);
  if (app.started && !app.started.ok) {
    process.stderr.write(`web: sign-in failed (${app.started.code}); the page shows the sign-in form.\n`);
  }
  if (flags.open) openBrowser(app.web.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await app.close();
  return 0;
}

process.exit(await main());
