/**
 * `npm run headless` as an operator runs it (a child process with real pipes):
 * a call driven through stdin and stdout against a server or the embedded
 * simulator, and the exits an operator must be able to tell apart (bad
 * credentials, unreachable server, signed out while reconnecting). Secrets —
 * the password, anything typed that is not a command — are never printed.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.ts';
import { FAST_POLL_SIM_OPTIONS, TEST_SIM_OPTIONS } from '../helpers/core-harness.ts';
import { killClis, runCli, status } from '../helpers/cli-runner.ts';
import { simControl } from '../helpers/sim-control.ts';
const SECRET = 'Sup3r-s3cret-pw';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  killClis();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('headless CLI', () => {
  it('drives a call through stdin/stdout against a server, never printing the password', async () => {
    const sim = await startSimulator({
      ...TEST_SIM_OPTIONS,
      agents: [{ userName: 'agent1', password: SECRET, dn: '7001' }],
    });
    cleanups.push(() => sim.close());
    const ctl = simControl(sim.url);
    const cli = runCli(['--server', sim.url, '--username', 'agent1', '--password-env', 'GWS_TEST_PW'], {
      GWS_TEST_PW: SECRET,
    });
    await cli.line(status('no-call'));

    const callId = await ctl.createCall({ state: 'Ringing' });
    await cli.line((l) => l.type === 'status' && JSON.stringify(l.calls).includes('Ringing'));
    cli.send('answer');
    await cli.line((l) => l.type === 'result' && l.command === 'answer' && l.ok === true);
    await cli.line((l) => status('recording')(l) && l.callId === callId);

    cli.send('toggle');
    await cli.line(status('pausing'));
    await cli.line(status('paused'));
    cli.send('toggle');
    const resumedAt = cli.lines.indexOf(await cli.line(status('resuming')));
    await cli.line((l) => cli.lines.indexOf(l) >= resumedAt && status('recording')(l));

    await ctl.release(callId);
    await cli.line((l) => cli.lines.indexOf(l) >= resumedAt && status('no-call')(l));

    cli.send('frobnicate');
    await cli.line((l) => l.type === 'error' && String(l.message).includes('unknown command "frobnicate"'));
    // Anything else typed is not echoed back: stdin may carry a card number.
    cli.send('4111 1111 1111 1111');
    await cli.line((l) => l.type === 'error' && String(l.message).includes('(19 characters, not shown)'));

    cli.send('quit');
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).not.toContain(SECRET);
    expect(cli.stdout()).not.toContain('4111');
    expect(cli.stderr()).not.toContain(SECRET);
    const statusLines = cli.lines.filter((l) => l.type === 'status');
    expect(statusLines.map((l) => l.recording)).toEqual(
      expect.arrayContaining(['pausing', 'paused', 'resuming', 'recording', 'no-call']),
    );
  });

  it('starts the embedded simulator and signs in agent1 without --server', async () => {
    const cli = runCli([]);
    const info = await cli.line((l) => l.type === 'info');
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(String(info.message))?.[0];
    expect(url).toBeDefined();
    await cli.line(
      (l) => l.type === 'status' && l.connection === 'connected' && l.recording !== 'disconnected',
    );
    const callId = await simControl(url ?? '').createCall({ state: 'Established', recording: true });
    await cli.line((l) => status('recording')(l) && l.callId === callId);
    cli.send('toggle');
    await cli.line(status('paused'));
    cli.send('quit');
    expect(await cli.exited).toBe(0);
  });

  it('exits non-zero with a clear message on bad credentials', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    cleanups.push(() => sim.close());
    const cli = runCli(['--server', sim.url, '--username', 'agent1', '--password-env', 'PW'], {
      PW: 'nope-wrong',
    });
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/check the user name and password/);
    expect(cli.lines).toContainEqual({
      type: 'error',
      code: 'bad-credentials',
      message: expect.stringMatching(/sign-in refused/),
    });
    expect(cli.stdout() + cli.stderr()).not.toContain('nope-wrong');
  });

  it('exits non-zero when the server is unreachable', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    const url = sim.url;
    await sim.close();
    const cli = runCli(['--server', url, '--username', 'agent1', '--password-env', 'PW'], { PW: 'agent1' });
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/cannot reach GWS/);
  });

  it('exits 3 saying "signed out" when the server refuses the credentials while reconnecting', async () => {
    const sim = await startSimulator({ ...TEST_SIM_OPTIONS, ...FAST_POLL_SIM_OPTIONS });
    cleanups.push(() => sim.close());
    const ctl = simControl(sim.url);
    const cli = runCli(['--server', sim.url, '--username', 'agent1', '--password-env', 'PW'], {
      PW: 'agent1',
    });
    await cli.line(status('no-call'));
    await ctl.fault({ badBody: 'json', httpStatus: 401, scope: 'rest', count: 1_000_000 });
    await ctl.fault({ bayeuxAdvice: 'none', count: 1 });
    expect(await cli.exited).toBe(3);
    expect(cli.stderr()).toMatch(/signed out/);
    expect(cli.lines).toContainEqual(expect.objectContaining({ type: 'status', connection: 'signed-out' }));
  });

  it('refuses a password on the command line and explains how to give one', async () => {
    const server = ['--server', 'http://127.0.0.1:9', '--username', 'agent1'];
    const argv = runCli([...server, '--password', 'x']);
    const noTty = runCli(server);
    const unset = runCli([...server, '--password-env', 'NOPE_UNSET']);
    const [argvCode, noTtyCode, unsetCode] = await Promise.all([argv.exited, noTty.exited, unset.exited]);

    expect(argvCode).not.toBe(0);
    expect(argv.stderr()).toMatch(/unknown option '--password'/);
    expect(noTtyCode).toBe(1);
    expect(noTty.stderr()).toMatch(/--password-env/);
    expect(unsetCode).toBe(1);
    expect(unset.stderr()).toMatch(/NOPE_UNSET is not set/);
  });
});
