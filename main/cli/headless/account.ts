/**
 * Where the headless CLI signs in, and with what: the embedded simulator and
 * its demo agent when no `--server` is given (demo calls ring, its `/sim`
 * control API on, so a developer can drive calls), else the server from the
 * flags. Secrets never come from argv: the password from `--password-env VAR`
 * (read once, then removed from the environment children would inherit) or a
 * hidden prompt on the terminal, a proxy with credentials from `--proxy-env
 * VAR`. Every refusal is an Error whose message names the flag.
 */

import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { checkHttpUrl } from '../../core/gws/config.ts';
import type { Flags } from './flags.ts';

/** Embedded demo credentials (the simulator's default agent1). */
export const DEMO_AGENT = { username: 'agent1', password: 'agent1' } as const;

/** What to sign in with; `closeSimulator` when the embedded simulator runs. */
export interface Account {
  serverUrl: string;
  username: string;
  password: string;
  proxyUrl?: string;
  /** The embedded simulator, started for this run (the demo). */
  simulator?: { url: string; close(): Promise<void> };
}

/** Resolves the account of this run; throws an Error naming the flag at fault. */
export async function resolveAccount(flags: Flags): Promise<Account> {
  if (flags.server === undefined) {
    const { startSimulator } = await import('../../../simulator/index.ts');
    const simulator = await startSimulator({ demo: true });
    return { serverUrl: simulator.url, ...DEMO_AGENT, simulator };
  }
  checkHttpUrl('server', flags.server);
  const username = flags.username;
  if (!username) throw new Error('--username is required with --server');
  const proxyUrl = proxyOf(flags);
  const password =
    flags.passwordEnv === undefined ? await promptPassword(username) : takeEnv(flags.passwordEnv);
  return { serverUrl: flags.server, username, password, ...(proxyUrl === undefined ? {} : { proxyUrl }) };
}

/** The proxy: `--proxy` without credentials, or `--proxy-env VAR` (which may carry them). */
function proxyOf(flags: Flags): string | undefined {
  if (flags.proxy !== undefined && /@/.test(flags.proxy)) {
    throw new Error(
      '--proxy must not carry credentials (they would show in the process list): use --proxy-env VAR',
    );
  }
  if (flags.proxyEnv === undefined) return flags.proxy;
  const value = process.env[flags.proxyEnv];
  if (value === undefined) throw new Error(`environment variable ${flags.proxyEnv} is not set`);
  return value;
}

/** Reads an environment variable once, then removes it from what children would inherit. */
function takeEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`environment variable ${name} is not set`);
  delete process.env[name];
  return value;
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
