/**
 * Builders for the evidence tests: a workstation's audit log written through
 * the real {@link AuditLog}, and the SIEM copy of it as rsyslog stores it
 * (`%rawmsg%` lines), which a test can then duplicate, drop, edit or reorder.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { AuditEntry } from '../../../../main/core/compliance/audit-entry.ts';
import { AuditLog, type AuditRecord } from '../../../../main/core/compliance/audit-log.ts';
import { verifyAuditFiles } from '../../../../main/core/compliance/audit-verify.ts';
import { SYSLOG_DEFAULTS, formatSyslogMessage } from '../../../../main/core/evidence/syslog-message.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp dir, removed after the test file that made it. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gws-evidence-'));
  dirs.push(dir);
  return dir;
}

/** Writes `records` (each with its wall time) to a new log; returns the file and the entries. */
export function writeLog(
  records: readonly (AuditRecord & { atMs: number })[],
  agent = 'agent1',
): { file: string; entries: AuditEntry[] } {
  const file = join(tempDir(), 'audit.jsonl');
  let now = 0;
  const log = AuditLog.open({ file, agent, now: () => now, rotateDaily: false });
  for (const { atMs, ...record } of records) {
    now = atMs;
    log.append(record);
  }
  log.close();
  return { file, entries: verifyAuditFiles([file]).verified };
}

/** The SIEM line of an entry, as rsyslog stores it. */
export function siemLine(entry: AuditEntry, hostName = 'ws-0042'): string {
  return formatSyslogMessage(entry, { ...SYSLOG_DEFAULTS, hostName });
}

/** Writes SIEM lines to a file. */
export function writeSiem(lines: readonly string[]): string {
  const file = join(tempDir(), 'siem.log');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A short shift: `calls` calls each paused and resumed. */
export function shiftRecords(
  calls: number,
  start = Date.UTC(2026, 11, 1, 9, 0, 0),
): (AuditRecord & { atMs: number })[] {
  const out: (AuditRecord & { atMs: number })[] = [{ action: 'sign-in', result: 'confirmed', atMs: start }];
  for (let i = 0; i < calls; i++) {
    const t = start + (i + 1) * 600_000;
    const callId = `call-${i}`;
    const common = { callId, trigger: 'hotkey', recordingFile: `rec_${i}.mp3` };
    out.push({ action: 'pause', result: 'requested', atMs: t, ...common });
    out.push({ action: 'pause', result: 'confirmed', atMs: t + 80, latencyMs: 80, ...common });
    out.push({ action: 'resume', result: 'requested', atMs: t + 90_000, ...common });
    out.push({ action: 'resume', result: 'confirmed', atMs: t + 90_070, ...common });
  }
  return out;
}
