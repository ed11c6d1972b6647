import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../main/core/compliance/audit-log.ts';
import { shiftRecords, siemLine, tempDir, writeLog, writeSiem } from '../core/evidence/evidence-fixtures.ts';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/audit-cli.ts', ...args], {
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const DAY1 = Date.UTC(2026, 11, 1, 8, 0, 0);
const DAY2 = Date.UTC(2026, 11, 2, 8, 0, 0);

/** Two days of a floor's evidence, with one of each anomaly on the second day. */
function twoDays(): (AuditRecord & { atMs: number })[] {
  const base = { hostName: 'ws-0042', appVersion: '0.1.0' };
  const records = [...shiftRecords(12, DAY1), ...shiftRecords(6, DAY2)].map((r) => ({ ...base, ...r }));
  const t = DAY2 + 5 * 3_600_000;
  records.push(
    { ...base, action: 'pause', result: 'requested', callId: 'c-refused', trigger: 'window', atMs: t },
    { ...base, action: 'pause', result: 'refused', callId: 'c-refused', atMs: t + 200 },
    {
      ...base,
      action: 'pause',
      result: 'confirmed',
      callId: 'c-hungup',
      trigger: 'hotkey',
      recordingFile: 'rec_h.mp3',
      atMs: t + 600_000,
    },
    { ...base, action: 'call-ended-while-paused', result: 'ended', callId: 'c-hungup', atMs: t + 700_000 },
    {
      ...base,
      action: 'payment-step',
      result: 'began',
      callId: 'c-late',
      trigger: 'extension',
      atMs: t + 1_200_000,
    },
    {
      ...base,
      action: 'pause',
      result: 'requested',
      callId: 'c-late',
      trigger: 'extension',
      ruleId: 'checkout',
      atMs: t + 1_230_000,
    },
    {
      ...base,
      action: 'pause',
      result: 'confirmed',
      callId: 'c-late',
      recordingFile: 'rec_l.mp3',
      clockOffsetMs: 2_300,
      atMs: t + 1_230_090,
    },
    { ...base, action: 'resume', result: 'confirmed', callId: 'c-late', atMs: t + 2_100_000 },
  );
  return records;
}

describe('npm run audit: evidence commands', () => {
  it('verify --syslog passes on the SIEM copy and catches the workstation file changed after shipping', () => {
    const { file, entries } = writeLog(twoDays());
    const siem = writeSiem([...entries, ...entries.slice(-5)].map((e) => siemLine(e)));
    const ok = cli('verify', '--syslog', siem, file);
    expect(ok.stdout).toMatch(
      /^OK: ws-0042 \(agents agent1\): \d+ entries, 5 duplicates; head \d+ [0-9a-f]{64}$/m,
    );
    expect(ok.status).toBe(0);

    writeFileSync(file, readFileSync(file, 'utf8').replace('"rec_h.mp3"', '"rec_x.mp3"'));
    const tampered = cli('verify', '--syslog', siem, file);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/BROKEN: .*was edited/);
    expect(cli('verify', '--syslog', join(tempDir(), 'missing.log')).status).toBe(2);
  }, 60_000);

  it('verify names a line of garbage appended after the last entry instead of passing it as a torn line', () => {
    const { file } = writeLog(shiftRecords(1));
    writeFileSync(file, `${readFileSync(file, 'utf8')}hello from someone else\n`);
    const result = cli('verify', file);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^WARNING: .*:6: the last line is NOT a torn entry/m);
    expect(result.stdout).toMatch(
      /^OK: 5 entries, chain intact; head [0-9a-f]{64} \(1 warning\(s\) above\)$/m,
    );
  }, 30_000);

  it('report --csv lists every span with its anomalies, within --from/--to', () => {
    const { file } = writeLog(twoDays());
    const all = cli('report', '--csv', file);
    expect(all.status).toBe(0);
    expect(all.stdout.trim().split('\n')).toHaveLength(1 + 12 + 6 + 3);
    const day2 = cli('report', '--from', '2026-12-02', '--to', '2026-12-02', file);
    const rows = day2.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(6 + 3);
    expect(day2.stdout).toMatch(/c-refused,.*,false,false,pause never confirmed/);
    expect(day2.stdout).toMatch(/c-hungup,.*rec_h\.mp3,true,false,call ended while paused/);
    expect(day2.stdout).toMatch(
      /c-late,.*extension,rec_l\.mp3,true,true,"?pause requested after the payment step began; clock offset 2300 ms/,
    );
    expect(cli('report', '--csv', '--html', file).status).toBe(2);
  }, 60_000);

  it('report --html is a page an assessor can read: a timeline and a table per day (checked in Chromium)', async () => {
    const { file, entries } = writeLog(twoDays());
    const siem = writeSiem(entries.map((e) => siemLine(e)));
    const result = cli('report', '--html', siem);
    expect(result.status).toBe(0);
    const page = join(tempDir(), 'report.html');
    writeFileSync(page, result.stdout);
    expect(existsSync(file)).toBe(true);

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await tab.goto(`file://${page}`);
      expect(await tab.locator('h2').allTextContents()).toEqual([
        '2026-12-01 — 12 paused spans',
        '2026-12-02 — 9 paused spans',
      ]);
      expect(await tab.locator('svg.timeline').count()).toBe(2);
      expect(await tab.locator('svg.timeline rect.bar.anomaly').count()).toBe(3);
      expect(await tab.locator('tr.flag').count()).toBe(3);
      await expect(tab.locator('.summary').textContent()).resolves.toMatch(/Evidence verified/);
      const shot = await tab.screenshot({ fullPage: true });
      expect(shot.length).toBeGreaterThan(10_000);
      if (process.env.UPDATE_SCREENSHOTS) writeFileSync('docs/screenshots/audit-report.png', shot);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
