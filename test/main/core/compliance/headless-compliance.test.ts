/**
 * The headless CLI's compliance flags end to end (real process, real
 * simulator, real clock): `--audit-file`, `--reminder-seconds`,
 * `--auto-resume-seconds`, and the JSON lines it prints for them.
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../../simulator/index.ts';
import { verifyAuditFiles } from '../../../../main/core/compliance/audit-verify.ts';
import { TEST_SIM_OPTIONS } from '../../helpers/core-harness.ts';
import { killClis, runCli, status } from '../../helpers/cli-runner.ts';
import { simControl } from '../../helpers/sim-control.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  killClis();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('headless CLI compliance flags', () => {
  it('prints reminders and the auto-resume, and leaves an audit log that verifies', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    cleanups.push(() => sim.close());
    const ctl = simControl(sim.url);
    const auditFile = join(mkdtempSync(join(tmpdir(), 'gws-cli-audit-')), 'audit.jsonl');
    const cli = runCli(
      [
        '--server',
        sim.url,
        '--username',
        'agent1',
        '--password-env',
        'PW',
        '--audit-file',
        auditFile,
        '--reminder-seconds',
        '5',
        '--auto-resume-seconds',
        '12',
      ],
      { PW: 'agent1' },
    );
    await cli.line(status('no-call'));
    const callId = await ctl.createCall({ state: 'Established', recording: true });
    await cli.line((l) => status('recording')(l) && l.callId === callId);
    cli.send('toggle');
    await cli.line(status('paused'));
    const reminder = await cli.line((l) => l.type === 'reminder');
    expect(reminder).toEqual({ type: 'reminder', level: 1, callId, pausedForMs: expect.any(Number) });
    expect(reminder.pausedForMs).toBeGreaterThanOrEqual(5_000);
    const warning = await cli.line((l) => l.type === 'auto-resume-warning');
    expect(warning).toMatchObject({ callId, resumeInMs: expect.any(Number) });
    const resumed = await cli.line((l) => l.type === 'auto-resume', 20_000);
    expect(resumed).toMatchObject({ callId, severity: 'info', phase: 'done', ok: true });
    await cli.line((l) => status('recording')(l) && cli.lines.indexOf(l) > cli.lines.indexOf(resumed));
    cli.send('quit');
    expect(await cli.exited).toBe(0);

    const report = verifyAuditFiles([auditFile]);
    expect(report.failure).toBeUndefined();
    const actions = report.verified.map((e) => `${e.action}:${e.result}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'sign-in:confirmed',
        'pause:confirmed',
        'reminder:level-1',
        'auto-resume-warning:announced',
        'auto-resume:requested',
        'auto-resume:confirmed',
        'sign-out:confirmed',
      ]),
    );
    expect(readFileSync(auditFile, 'utf8')).not.toContain('agent1:agent1');
  }, 40_000);

  it('refuses an out-of-range compliance flag, naming it and the range', async () => {
    const cli = runCli(['--reminder-seconds', '2']);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/--reminder-seconds.*'2' is invalid.*5 to 3600/);
    const auto = runCli(['--auto-resume-seconds', '99999']);
    expect(await auto.exited).toBe(1);
    expect(auto.stderr()).toMatch(/--auto-resume-seconds.*0 to 7200/);
  });
});
