/**
 * Issue 10.3 and 10.7 at the command line: bad flags are named with their
 * range, secrets in URLs never reach the output, a proxy with credentials
 * works from an environment variable, and a closed stdout ends the session
 * cleanly. Every test asserts over everything the CLI printed.
 */

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

    cli.child.stdout.destroy(); // the reader of our output went away
    await ctl.createCall({ state: 'Established', recording: true }); // → a status line → EPIPE

    expect(await cli.exited).toBe(0);
    expect(await inSession()).toBe(false);
    expect(cli.stderr()).not.toMatch(/Error|at .*\.ts:\d+/); // no stack trace
  });
});
