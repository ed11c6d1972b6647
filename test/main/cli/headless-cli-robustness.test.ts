/**
 * The headless CLI against hostile input and surroundings: bad flags are
 * named with their range (a CA file that is not PEM is named with the
 * reason), secrets in URLs never reach the output, a proxy with credentials
 * works from an environment variable, and whatever makes the CLI exit — a
 * closed stdout, a hang-up, a 600 MB line on stdin — the contact-center
 * session is ended first. Every test asserts over everything the CLI printed.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.ts';
import { TEST_SIM_OPTIONS } from '../helpers/core-harness.ts';
import { killClis, runCli, status, type Cli } from '../helpers/cli-runner.ts';
import { simControl } from '../helpers/sim-control.ts';
import { startRelay } from '../helpers/tcp-relay.ts';
import { waitFor } from '../helpers/wait-for.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  killClis();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Every byte the CLI wrote, for "never printed" checks. */
const everything = (cli: Cli) => cli.stdout() + cli.stderr();

/** A simulator and a CLI signed in to it as agent1, with agent1's contact-center session started. */
async function signedInCli() {
  const sim = await startSimulator(TEST_SIM_OPTIONS);
  cleanups.push(() => sim.close());
  const ctl = simControl(sim.url);
  const cli = runCli(['--server', sim.url, '--username', 'agent1', '--password-env', 'PW'], {
    PW: 'agent1',
  });
  await cli.line(status('no-call'));
  const inSession = async () =>
    (await ctl.state()).agents.find((a) => a.userName === 'agent1')?.inContactCenterSession === true;
  await waitFor(inSession, 5_000, 'contact-center session started');
  return { sim, ctl, cli, inSession };
}

/** Writes `megabytes` MiB of `byte` on the CLI's stdin without a newline, honouring backpressure. */
async function writeHugeLine(cli: Cli, megabytes: number, byte: string): Promise<void> {
  const chunk = Buffer.alloc(1 << 20, byte);
  cli.child.stdin.on('error', () => undefined); // a CLI that died says so by its exit, asserted by the caller
  for (let i = 0; i < megabytes && cli.child.exitCode === null; i++) {
    if (!cli.child.stdin.write(chunk)) {
      await Promise.race([new Promise((resolve) => cli.child.stdin.once('drain', resolve)), cli.exited]);
    }
  }
}

describe('headless CLI flags', { timeout: 60_000 }, () => {
  it.each([
    ['--recording-timeout-ms', 'abc', /--recording-timeout-ms.*from 100 to 600000/],
    ['--recording-timeout-ms', '0', /--recording-timeout-ms.*from 100 to 600000/],
    ['--recording-timeout-ms', '2147483648', /--recording-timeout-ms.*from 100 to 600000/],
    ['--reconcile-interval-ms', '1e10', /--reconcile-interval-ms.*from 500 to 60000/],
  ])('refuses %s %s with a message naming the flag and the allowed range', async (flag, value, message) => {
    const cli = runCli([flag, value]);
    const code = await cli.exited;
    expect(code).not.toBe(0);
    expect(cli.stderr()).toMatch(message);
  });

  it('never echoes a password from a server URL, whether it parses or not', async () => {
    const unparsable = runCli(
      ['--server', 'https://agent1:Hunter2pw@gws example.com', '--username', 'u'],
      {},
    );
    const parsable = runCli(
      ['--server', 'https://agent1:Hunter2pw@gws.example.com', '--username', 'u', '--password-env', 'PW'],
      {
        PW: 'x',
      },
    );
    const proxyArgv = runCli(
      [
        '--server',
        'https://gws.example.com',
        '--username',
        'u',
        '--password-env',
        'PW',
        '--proxy',
        'http://p:Hunter2pw@127.0.0.1:9',
      ],
      { PW: 'x' },
    );
    expect(await unparsable.exited).not.toBe(0);
    expect(await parsable.exited).toBe(1);
    expect(await proxyArgv.exited).toBe(1);
    expect(parsable.stderr()).toMatch(/must not carry credentials/);
    expect(proxyArgv.stderr()).toMatch(/--proxy-env/);
    for (const cli of [unparsable, parsable, proxyArgv]) expect(everything(cli)).not.toContain('Hunter2pw');
  });

  it('refuses a CA file that is not a PEM certificate, naming the file and why, before starting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gws-ca-flag-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const notPem = join(dir, 'notes.txt');
    writeFileSync(notPem, 'root:x:0:0:root:/root:/bin/bash\n');
    const pem = join(dir, 'ca.pem');
    writeFileSync(pem, rootCertificates[0]!);
    const cases = [
      [notPem, /--ca-file.*notes\.txt holds no PEM certificate/],
      [join(dir, 'missing.pem'), /--ca-file.*missing\.pem cannot be read \(ENOENT\)/],
      [dir, /--ca-file.*is not a regular file/],
    ] as const;
    const clis = cases.map(([file]) => runCli(['--ca-file', file]));
    for (const [i, cli] of clis.entries()) {
      expect(await cli.exited).toBe(1);
      expect(cli.stderr()).toMatch(cases[i]![1]);
      expect(cli.stdout(), 'nothing started: no simulator, no status').toBe('');
    }
    // A real PEM certificate is accepted: the demo starts and signs in.
    const good = runCli(['--ca-file', pem]);
    await good.line(status('no-call'));
    good.send('quit');
    expect(await good.exited).toBe(0);
  });

  it('refuses plain http to a host that is not loopback before sending anything (insecure-url)', async () => {
    const cli = runCli(
      ['--server', 'http://gws.example.com:8090', '--username', 'u', '--password-env', 'PW'],
      {
        PW: 'x',
      },
    );
    expect(await cli.exited).toBe(1);
    expect(cli.lines).toContainEqual(expect.objectContaining({ type: 'error', code: 'insecure-url' }));
  });
});

describe('headless CLI against its surroundings', { timeout: 60_000 }, () => {
  it('works through a proxy whose credentials come from an environment variable, never printing them', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    const proxy = await startRelay(sim.port);
    cleanups.push(
      () => proxy.close(),
      () => sim.close(),
    );
    const proxyUrl = proxy.url.replace('http://', 'http://proxyuser:Pr0xy-s3cret@');
    const cli = runCli(
      ['--server', sim.url, '--username', 'agent1', '--password-env', 'PW', '--proxy-env', 'GWS_PROXY'],
      { PW: 'agent1', GWS_PROXY: proxyUrl },
    );
    await cli.line(status('no-call'));
    const basic = Buffer.from('proxyuser:Pr0xy-s3cret').toString('base64');
    expect(proxy.count(new RegExp(`proxy-authorization: Basic ${basic}`, 'i'))).toBeGreaterThan(0);
    cli.send('quit');
    expect(await cli.exited).toBe(0);
    expect(everything(cli)).not.toContain('Pr0xy-s3cret');
    expect(everything(cli)).not.toContain(basic);
  });

  it('ends the contact-center session and exits 0 when stdout is closed (EPIPE)', async () => {
    const { ctl, cli, inSession } = await signedInCli();

    cli.child.stdout.destroy(); // the reader of our output went away
    await ctl.createCall({ state: 'Established', recording: true }); // → a status line → EPIPE

    expect(await cli.exited).toBe(0);
    expect(await inSession()).toBe(false);
    expect(cli.stderr()).not.toMatch(/Error|at .*\.ts:\d+/); // no stack trace
  });

  it('a hang-up (SIGHUP, the terminal closed) ends the contact-center session before exiting', async () => {
    const { cli, inSession } = await signedInCli();
    cli.child.kill('SIGHUP');
    await cli.exited;
    expect(await inSession()).toBe(false);
  });

  it('a 600 MB line on stdin is refused and dropped; the session goes on, and the end of input ends it', async () => {
    const { cli, inSession } = await signedInCli();
    // Digits as a card number would be: V8 cannot hold this as one string (the limit is ~512 M characters).
    await writeHugeLine(cli, 600, '4');
    cli.child.stdin.write('\nready\n');
    await cli.line((l) => l.type === 'error' && /line too long \(629145600 bytes/.test(String(l.message)));
    await cli.line((l) => l.type === 'result' && l.command === 'ready' && l.ok === true);
    expect(await inSession(), 'still signed in after the long line').toBe(true);

    cli.child.stdin.end();
    expect(await cli.exited).toBe(0);
    expect(await inSession(), 'EndContactCenterSession sent before exit').toBe(false);
    expect(everything(cli)).not.toMatch(/4{16}/);
    expect(cli.stderr()).toBe('');
  });
});
