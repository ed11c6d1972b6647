import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, entryHash, parseEntryLine } from '../../../../main/core/compliance/audit-entry.ts';
import {
  AuditLog,
  archivesOf,
  type AuditFs,
  type AuditWriteStatus,
} from '../../../../main/core/compliance/audit-log.ts';
import { toCsv, verifyAuditFiles } from '../../../../main/core/compliance/audit-verify.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gws-audit-'));
  dirs.push(dir);
  return dir;
}

/** Every file of the log: archives (oldest first) and the active file. */
function allFiles(file: string): string[] {
  return [...archivesOf(file), ...(existsSync(file) ? [file] : [])];
}

const SHIFT_START = Date.UTC(2026, 11, 1, 16, 0, 0);

/**
 * A whole evening shift crossing midnight: 120 calls, each answered, paused,
 * reminded, resumed (one in ten auto-resumed), with sign-in and sign-out,
 * rotating by size (16 KiB) and at the UTC day change.
 */
function writeShift(file: string): { log: AuditLog; entries: number } {
  let now = SHIFT_START;
  const log = AuditLog.open({ file, agent: 'agent1', now: () => now, maxBytes: 16_384 });
  log.append({ action: 'sign-in', result: 'confirmed', latencyMs: 120 });
  for (let call = 0; call < 120; call++) {
    const callId = `0${call.toString(16).padStart(15, '0')}`;
    now += 60_000;
    log.append({ action: 'pause', result: 'requested', callId });
    log.append({ action: 'pause', result: 'accepted', callId, latencyMs: 40 });
    log.append({ action: 'pause', result: 'confirmed', callId, latencyMs: 55 });
    now += 31_000;
    log.append({ action: 'reminder', result: 'level-1', callId, detail: 'pausedForMs=30000' });
    if (call % 10 === 0) {
      log.append({ action: 'auto-resume', result: 'confirmed', callId, detail: 'pausedForMs=120000' });
    } else {
      log.append({ action: 'resume', result: 'requested', callId });
      log.append({ action: 'resume', result: 'confirmed', callId, latencyMs: 61 });
    }
    now += 180_000;
  }
  log.append({ action: 'sign-out', result: 'confirmed' });
  return { log, entries: log.seq };
}

let template: { dir: string; entries: number; head: string } | undefined;
/** A copy of one shift's log (written once per file: each entry is fsynced, which takes a while). */
function shiftFile(): string {
  if (!template) {
    const dir = tempDir();
    const { log, entries } = writeShift(join(dir, 'audit.jsonl'));
    log.close();
    template = { dir, entries, head: log.head };
  }
  const dir = tempDir();
  cpSync(template.dir, dir, { recursive: true });
  return join(dir, 'audit.jsonl');
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

describe('audit log: a whole shift', () => {
  it('chains every entry across size and day rotation, and verify accepts it', () => {
    const file = shiftFile();
    const { entries, head } = template as { entries: number; head: string };
    const files = allFiles(file);
    expect(files.length, 'rotated by size and by day').toBeGreaterThan(3);
    const report = verifyAuditFiles([...files].reverse()); // any order
    expect(report.failure).toBeUndefined();
    expect(report.entries).toBe(entries);
    expect(report.head).toBe(head);
    // The first entry of each later file links to the last of the file before it.
    for (const [i, archive] of files.entries()) {
      if (i === 0) continue;
      const first = parseEntryLine(lines(archive)[0] as string);
      const previousLast = parseEntryLine(lines(files[i - 1] as string).at(-1) as string);
      if (!first.ok || !previousLast.ok) throw new Error('unreadable entry');
      expect(first.entry.prevHash).toBe(previousLast.entry.hash);
      expect(first.entry.action).toBe('log-rotated');
    }
    const days = new Set(report.verified.map((e) => e.at.slice(0, 10)));
    expect([...days]).toEqual(['2026-12-01', '2026-12-02']);
    expect(report.verified.some((e) => e.action === 'log-rotated' && e.result === 'day')).toBe(true);
    expect(report.verified[0]).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, action: 'sign-in' });
  });

  it('reopening continues the chain where it stopped (a restart of the app)', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const first = AuditLog.open({ file, agent: 'agent1' });
    first.append({ action: 'sign-in', result: 'confirmed' });
    const head = first.head;
    first.close();
    const second = AuditLog.open({ file, agent: 'agent1' });
    const entry = second.append({ action: 'sign-out', result: 'confirmed' });
    expect(entry).toMatchObject({ seq: 2, prevHash: head });
    expect(second.recovered).toBeUndefined();
    expect(verifyAuditFiles([file]).ok).toBe(true);
  });

  it('refuses prose, URLs or card-like data in an entry and writes nothing', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = AuditLog.open({ file, agent: 'agent1' });
    expect(() => log.append({ action: 'pause', result: 'refused', detail: 'https://u:pw@host/' })).toThrow();
    expect(() => log.append({ action: 'pause', result: 'Refused by the server: 4111 1111' })).toThrow();
    expect(() => log.append({ action: 'pause', result: 'ok', callId: 'id with spaces' })).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('audit verify: each kind of tampering names the first bad line', () => {
  /** Rewrites the active file's lines. */
  function tamper(file: string, change: (lines: string[]) => string[]): void {
    writeFileSync(file, `${change(lines(file)).join('\n')}\n`);
  }

  it.each([
    [
      'edited',
      (l: string[]) =>
        l.map((line, i) => (i === 4 ? JSON.stringify({ ...JSON.parse(line), result: 'x' }) : line)),
      5,
      /edited/,
    ],
    [
      'edited and re-hashed',
      (l: string[]) =>
        l.map((line, i) => {
          if (i !== 4) return line;
          const { hash: _old, ...rest } = { ...JSON.parse(line), result: 'x' };
          return JSON.stringify({ ...rest, hash: entryHash(rest) });
        }),
      5,
      /entry \d+ was edited \(and re-hashed\): entry \d+'s prevHash no longer matches/,
    ],
    ['removed', (l: string[]) => l.filter((_, i) => i !== 4), 5, /removed, reordered or inserted/],
    [
      'reordered',
      (l: string[]) => [...l.slice(0, 4), l[5] as string, l[4] as string, ...l.slice(6)],
      5,
      /removed, reordered or inserted/,
    ],
    [
      'inserted (with a correctly recomputed hash)',
      (l: string[]) => {
        const before = parseEntryLine(l[3] as string);
        if (!before.ok) throw new Error('bad fixture');
        const forged = {
          ...before.entry,
          seq: before.entry.seq + 1,
          result: 'forged',
          prevHash: before.entry.hash,
        };
        const line = JSON.stringify({ ...forged, hash: entryHash(forged) });
        return [...l.slice(0, 4), line, ...l.slice(4)];
      },
      6,
      /removed, reordered or inserted/,
    ],
    [
      'garbled mid-file',
      (l: string[]) => l.map((line, i) => (i === 4 ? line.slice(0, 30) : line)),
      5,
      /unreadable/,
    ],
  ] as const)('%s', (_kind, change, badLine, reason) => {
    const file = shiftFile();
    const active = file;
    tamper(active, change);
    const report = verifyAuditFiles(allFiles(file));
    expect(report.ok).toBe(false);
    expect(report.failure?.file).toBe(active);
    expect(report.failure?.line).toBe(badLine);
    expect(report.failure?.reason).toMatch(reason);
  });

  it('a missing rotated file or a missing first entry is caught', () => {
    const file = shiftFile();
    const files = allFiles(file);
    const withoutSecond = files.filter((_, i) => i !== 1);
    const gap = verifyAuditFiles(withoutSecond);
    expect(gap.failure).toMatchObject({ file: files[2], line: 1 });
    const withoutFirst = verifyAuditFiles(files.slice(1));
    expect(withoutFirst.failure?.reason).toMatch(/genesis/);
    expect(verifyAuditFiles(files.slice(1), { partial: true }).ok).toBe(true);
  });

  it('a rewritten tail is caught against a head recorded elsewhere', () => {
    const file = shiftFile();
    const files = allFiles(file);
    const head = verifyAuditFiles(files).head;
    tamper(file, (l) => l.slice(0, -1)); // the last entry cut off: the chain alone cannot tell
    expect(verifyAuditFiles(files).ok).toBe(true);
    expect(verifyAuditFiles(files, { head }).failure?.reason).toMatch(/head/);
  });
});

describe('audit log: crash and torn line', () => {
  it('a torn last line is reported, closed, recorded, and the chain continues', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = AuditLog.open({ file, agent: 'agent1' });
    for (let i = 0; i < 5; i++) log.append({ action: 'pause', result: 'requested', callId: 'c1' });
    log.close();
    appendFileSync(file, '{"seq":6,"at":"2026-12-0'); // a write cut short by a crash
    const torn = verifyAuditFiles([file]);
    expect(torn.ok).toBe(true);
    expect(torn.entries).toBe(5);
    expect(torn.notes.join()).toMatch(/audit.jsonl:6: torn last line/);

    const reopened = AuditLog.open({ file, agent: 'agent1' });
    expect(reopened.recovered).toMatchObject({ file, line: 6 });
    reopened.append({ action: 'resume', result: 'requested', callId: 'c1' });
    reopened.close();
    const after = verifyAuditFiles([file]);
    expect(after.failure).toBeUndefined();
    expect(after.entries).toBe(7); // 5 + log-recovered + resume
    expect(after.verified[5]).toMatchObject({ action: 'log-recovered', detail: 'line=6 bytes=24' });
    expect(after.notes.join()).toMatch(/torn line, recovered by entry 6/);
  });

  it('killing a writing process (SIGKILL) leaves a log that verifies up to the last intact entry', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/main/core/compliance/audit-writer-child.ts', file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let written = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      const seqs = chunk.toString().trim().split('\n');
      written = Number(seqs.at(-1));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitFor(() => written >= 300, 15_000, 'child wrote 300 entries');
    child.kill('SIGKILL');
    await exited;
    const files = allFiles(file);
    const report = verifyAuditFiles(files);
    expect(report.failure).toBeUndefined();
    // Every entry the child reported written (fsynced before it printed) is there.
    expect(report.entries).toBeGreaterThanOrEqual(written);
    const reopened = AuditLog.open({ file, agent: 'agent1' });
    reopened.append({ action: 'sign-in', result: 'confirmed' });
    reopened.close();
    expect(verifyAuditFiles(allFiles(file)).ok).toBe(true);
    expect(readdirSync(dir).length).toBeGreaterThan(1);
  });
});

describe('npm run audit', () => {
  function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/audit-cli.ts', ...args], {
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('verify exits 0 on an intact log and 1 naming file:line on a tampered copy; export writes CSV', () => {
    const file = shiftFile();
    const files = allFiles(file);
    const intact = cli('verify', ...files);
    expect(intact.stdout).toMatch(/^OK: \d+ entries, chain intact; head [0-9a-f]{64}$/m);
    expect(intact.status).toBe(0);

    writeFileSync(file, readFileSync(file, 'utf8').replace('"level-1"', '"level-0"'));
    const broken = cli('verify', ...files);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`BROKEN: ${file}:`);
    expect(broken.stdout).toMatch(/was edited/);

    const csv = cli('export', ...files.slice(0, -1), '--csv', '--from', '2026-12-02', '--to', '2026-12-02');
    expect(csv.status).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe(
      'seq,at,agent,callId,action,result,latencyMs,detail,agentDn,hostName,osUser,appVersion,trigger,' +
        'ruleId,connId,callUuid,recordingFile,outcome,clockOffsetMs,prevHash,hash',
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((row) => row.split(',')[1]?.startsWith('2026-12-02'))).toBe(true);
    expect(cli('verify', join(tempDir(), 'missing.jsonl')).status).toBe(2);
  }, 60_000);
});

// Helpers used only to keep toCsv honest about quoting.
describe('toCsv', () => {
  it('quotes cells that could split a row or start a formula', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = AuditLog.open({ file, agent: '=cmd,x', now: () => SHIFT_START });
    log.append({ action: 'pause', result: 'requested', callId: 'c1' });
    log.close();
    const csv = toCsv(verifyAuditFiles([file]).verified);
    expect(csv.split('\n')[1]).toContain(`"'=cmd,x"`);
  });
});

/** Real fs, with a switch that makes writes fail like a full disk (after writing part of the line). */
function fullDiskFs(): AuditFs & { full: boolean; refuseRename: boolean; truncateFails: boolean } {
  const state = { full: false, refuseRename: false, truncateFails: false };
  const enospc = (): Error =>
    Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  return Object.assign(state, {
    openSync: (path: string, flags: string, mode?: number) => fs.openSync(path, flags, mode),
    writeSync: (fd: number, buffer: Buffer, offset: number) => {
      if (!state.full) return fs.writeSync(fd, buffer, offset);
      const remaining = buffer.length - offset;
      if (remaining > 10) return fs.writeSync(fd, buffer, offset, Math.floor(remaining / 2)); // a torn write
      throw enospc();
    },
    fsyncSync: (fd: number) => fs.fsyncSync(fd),
    ftruncateSync: (fd: number, length: number) => {
      if (state.truncateFails) throw enospc();
      fs.ftruncateSync(fd, length);
    },
    fstatSync: (fd: number) => fs.fstatSync(fd),
    closeSync: (fd: number) => fs.closeSync(fd),
    renameSync: (from: string, to: string) => {
      if (state.refuseRename)
        throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' });
      fs.renameSync(from, to);
    },
  });
}

describe('audit log: the machine misbehaves', () => {
  it('disk full: no torn entry left, one failure reported, the entries kept and written when space returns', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const disk = fullDiskFs();
    const clock = new ManualClock();
    const statuses: AuditWriteStatus[] = [];
    const log = AuditLog.open({ file, agent: 'agent1', fs: disk, clock, onStatus: (s) => statuses.push(s) });
    log.append({ action: 'pause', result: 'requested', callId: 'c1' });
    disk.full = true;
    expect(() => log.append({ action: 'pause', result: 'confirmed', callId: 'c1' })).toThrow(
      /kept and written/,
    );
    for (let i = 0; i < 15; i++) log.append({ action: 'resume', result: 'confirmed', callId: `c${i}` }); // no burst
    expect(statuses.map((s) => s.state)).toEqual(['failing']);
    expect(log.writeStatus).toMatchObject({ state: 'failing', pending: 16, lost: 0 });
    expect(lines(file)).toHaveLength(1); // the partial line was cut back
    expect(verifyAuditFiles([file]).notes).toEqual([]);

    disk.full = false;
    clock.advance(60_000); // the retry timer writes them without waiting for the next event
    expect(statuses.map((s) => s.state)).toEqual(['failing', 'ok']);
    const report = verifyAuditFiles([file]);
    expect(report.failure).toBeUndefined();
    expect(report.entries).toBe(17);
    expect(report.verified.map((e) => e.result).slice(0, 2)).toEqual(['requested', 'confirmed']);
    log.close();
  });

  it('disk full beyond the memory limit: the gap is recorded as an entry (from, to, how many)', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const disk = fullDiskFs();
    let now = Date.UTC(2026, 11, 1, 10, 0, 0);
    const log = AuditLog.open({ file, agent: 'agent1', fs: disk, now: () => now, maxPending: 3 });
    log.append({ action: 'sign-in', result: 'confirmed' });
    disk.full = true;
    for (let i = 0; i < 8; i++) {
      now += 1_000;
      try {
        log.append({ action: 'pause', result: 'requested', callId: `c${i}` });
      } catch {
        // the first failure throws once
      }
    }
    disk.full = false;
    expect(log.retry()).toBe(true);
    log.close();
    const report = verifyAuditFiles([file]);
    expect(report.ok).toBe(true);
    expect(report.verified.map((e) => e.action)).toEqual(['sign-in', 'pause', 'pause', 'pause', 'log-gap']);
    expect(report.verified.at(-1)?.detail).toBe(
      'from=2026-12-01T10:00:04.000Z to=2026-12-01T10:00:08.000Z lost=5',
    );
    expect(report.notes.join()).toMatch(/entries lost to a write failure/);
  });

  it('a torn line a failed write could not cut back is recorded as a write failure, not tampering', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const disk = fullDiskFs();
    const log = AuditLog.open({ file, agent: 'agent1', fs: disk });
    log.append({ action: 'sign-in', result: 'confirmed' });
    disk.full = true;
    disk.truncateFails = true;
    expect(() => log.append({ action: 'pause', result: 'requested', callId: 'c1' })).toThrow();
    disk.full = false;
    disk.truncateFails = false;
    log.append({ action: 'pause', result: 'confirmed', callId: 'c1' });
    log.close();
    const report = verifyAuditFiles([file]);
    expect(report.failure).toBeUndefined();
    expect(report.verified.map((e) => `${e.action}:${e.result}`)).toEqual([
      'sign-in:confirmed',
      'log-recovered:write-failed',
      'pause:requested',
      'pause:confirmed',
    ]);
    expect(report.notes.join()).toMatch(/torn line, recovered by entry 2 \(a failed write\)/);
    expect(report.warnings).toEqual([]);
  });

  it('a refused rotation keeps writing to the active file and retries', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const disk = fullDiskFs();
    let now = Date.UTC(2026, 11, 1, 10, 0, 0);
    const log = AuditLog.open({ file, agent: 'agent1', fs: disk, now: () => now, maxBytes: 4_096 });
    disk.refuseRename = true;
    for (let i = 0; i < 30; i++) log.append({ action: 'pause', result: 'requested', callId: `c${i}` });
    expect(archivesOf(file)).toEqual([]);
    expect(lines(file).length).toBe(30); // still writing
    disk.refuseRename = false;
    now += 120_000; // past the back-off
    log.append({ action: 'pause', result: 'requested', callId: 'after' });
    log.close();
    expect(archivesOf(file)).toHaveLength(1);
    const report = verifyAuditFiles(allFiles(file));
    expect(report.ok).toBe(true);
    expect(report.verified.find((e) => e.action === 'log-rotated')?.detail).toMatch(/retries=1/);
  });

  it('a second writer is refused naming the owner; a lock left by a dead process is taken over', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const log = AuditLog.open({ file, agent: 'agent1' });
    expect(() => AuditLog.open({ file, agent: 'agent1' })).toThrow(/already open in this process/);
    const other = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/main/core/compliance/audit-writer-child.ts', file, '--once'],
      { encoding: 'utf8' },
    );
    expect(other.status).not.toBe(0);
    expect(other.stderr).toContain(`is in use by process ${process.pid}`);
    log.close();

    writeFileSync(`${file}.lock`, '999999999\n'); // a pid that is not alive
    const taken = AuditLog.open({ file, agent: 'agent1' });
    expect(readFileSync(`${file}.lock`, 'utf8').trim()).toBe(String(process.pid));
    taken.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('one appended line of garbage is called garbage by verify, not a torn line', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = AuditLog.open({ file, agent: 'agent1' });
    log.append({ action: 'pause', result: 'requested', callId: 'c1' });
    log.close();
    appendFileSync(file, 'rm -rf / # nothing to see\n');
    const report = verifyAuditFiles([file]);
    expect(report.ok).toBe(true);
    expect(report.notes.join()).not.toMatch(/torn/);
    expect(report.warnings.join()).toMatch(/NOT a torn entry.*garbage.*verify --syslog/);
    const reopened = AuditLog.open({ file, agent: 'agent1' });
    expect(reopened.recovered?.kind).toBe('garbage-line');
    reopened.close();
    expect(verifyAuditFiles([file]).warnings.join()).toMatch(/not an entry \(garbage, not a torn write\)/);
  });
});
