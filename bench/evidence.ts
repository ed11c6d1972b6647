/**
 * Evidence pipeline speed: the rate the syslog shipper moves audit entries
 * into a real rsyslog over TLS (goal ≥ 5,000 entries/s from one process: a
 * floor's backlog after an outage must drain fast), and the time `verify`
 * takes over 1 million entries (goal ≤ 10 s: an assessor checks a year of a
 * workstation's log in one go).
 *
 * The spool is written directly (a real chain, signed with the same
 * functions the log uses, rotated into 10 MiB files as the log rotates) so
 * that the fsync per entry of a live log does not dominate the set-up. The
 * rate is end to end: from `start()` until rsyslog's file holds every entry.
 * Needs Debian `rsyslog` + `rsyslog-gnutls` + `openssl` (skipped otherwise).
 * Run alone: `node --import tsx bench/evidence.ts [shipEntries] [verifyEntries]`.
 */

import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENESIS_HASH, entryHash, entryLine, type AuditEntry } from '../main/core/compliance/audit-entry.ts';
import { archiveName, archivesOf } from '../main/core/compliance/audit-log.ts';
import { verifyAuditFiles } from '../main/core/compliance/audit-verify.ts';
import { SyslogShipper } from '../main/core/evidence/syslog-shipper.ts';
import { rsyslogAvailable, startRsyslog } from '../test/main/helpers/rsyslog.ts';
import { waitFor } from '../test/main/helpers/wait-for.ts';

/** The printed figures. */
export interface EvidenceBenchResult {
  shipped: number;
  /** Entries per second into rsyslog (undefined when rsyslog is not installed). */
  shipPerSecond: number | undefined;
  verified: number;
  verifySeconds: number;
}

const ROTATE_BYTES = 10 * 1024 * 1024;

/** Writes a chained log of `count` entries under `dir`, rotated like the live log; returns the active file. */
export function writeSpool(dir: string, count: number): string {
  const active = join(dir, 'audit.jsonl');
  let prevHash = GENESIS_HASH;
  let fileFirst = 1;
  let size = 0;
  let fd = openSync(active, 'w');
  const start = Date.UTC(2026, 0, 1);
  let pending = '';
  for (let seq = 1; seq <= count; seq++) {
    const unsigned = {
      seq,
      at: new Date(start + seq * 1_000).toISOString(),
      agent: 'agent1',
      callId: `call-${Math.floor(seq / 6)}`,
      action: seq % 2 ? 'pause' : 'resume',
      result: 'confirmed',
      latencyMs: 40,
      hostName: 'ws-bench',
      trigger: 'hotkey',
      prevHash,
    } as const;
    const entry = { ...unsigned, hash: entryHash(unsigned) } as AuditEntry;
    const line = entryLine(entry);
    if (size + line.length > ROTATE_BYTES) {
      writeSync(fd, pending);
      pending = '';
      closeSync(fd);
      renameSync(active, archiveName(active, fileFirst));
      fd = openSync(active, 'w');
      fileFirst = seq;
      size = 0;
    }
    pending += line;
    size += line.length;
    if (pending.length > 1 << 20) {
      writeSync(fd, pending);
      pending = '';
    }
    prevHash = entry.hash;
  }
  writeSync(fd, pending);
  closeSync(fd);
  return active;
}

/** Lines in a file (counted from its bytes: rsyslog writes one line per message). */
function countLines(file: string): number {
  try {
    if (statSync(file).size === 0) return 0;
  } catch {
    return 0;
  }
  const bytes = readFileSync(file);
  let lines = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
  return lines;
}

/** Ships `count` entries to a real rsyslog over TLS; entries per second end to end. */
async function shipRate(count: number): Promise<number | undefined> {
  if (!rsyslogAvailable()) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'gws-bench-ship-'));
  const rsyslog = await startRsyslog(dir);
  try {
    const active = writeSpool(dir, count);
    const shipper = new SyslogShipper({
      auditFile: active,
      target: `tls://127.0.0.1:${rsyslog.port}`,
      ca: readFileSync(rsyslog.ca, 'utf8'),
      batchSize: 2_000,
    });
    const started = performance.now();
    shipper.start();
    await waitFor(() => countLines(rsyslog.received) >= count, 120_000, 'rsyslog storing every entry');
    const seconds = (performance.now() - started) / 1000;
    await shipper.stop();
    return Math.round(count / seconds);
  } finally {
    await rsyslog.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Verifies a chain of `count` entries in rotated files; seconds. */
function verifyTime(count: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'gws-bench-verify-'));
  try {
    const active = writeSpool(dir, count);
    const files = [...archivesOf(active), active];
    const started = performance.now();
    const report = verifyAuditFiles(files, { keepEntries: false });
    const seconds = (performance.now() - started) / 1000;
    if (!report.ok || report.entries !== count) throw new Error(`verify failed: ${report.failure?.reason}`);
    return Math.round(seconds * 100) / 100;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs both measurements. */
export async function runEvidenceBench(
  shipEntries = 50_000,
  verifyEntries = 1_000_000,
): Promise<EvidenceBenchResult> {
  const shipPerSecond = await shipRate(shipEntries);
  const verifySeconds = verifyTime(verifyEntries);
  return { shipped: shipEntries, shipPerSecond, verified: verifyEntries, verifySeconds };
}

/** The printed lines. */
export function formatEvidenceBench(result: EvidenceBenchResult): string {
  const ship =
    result.shipPerSecond === undefined
      ? 'SIEM shipping: skipped (rsyslog, rsyslog-gnutls or openssl not installed)'
      : `SIEM shipping: ${result.shipPerSecond} entries/s into rsyslog over TLS (${result.shipped} entries; goal ≥ 5000)`;
  return `${ship}\nverify: ${result.verified} entries in ${result.verifySeconds} s (goal ≤ 10 s)`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runEvidenceBench(
    Number(process.argv[2] ?? 50_000),
    Number(process.argv[3] ?? 1_000_000),
  );
  process.stdout.write(`${formatEvidenceBench(result)}\n`);
}
