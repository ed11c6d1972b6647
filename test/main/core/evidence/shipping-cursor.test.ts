import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../../main/core/compliance/audit-entry.ts';
import { AuditLog, archiveFirstSeq, archivesOf } from '../../../../main/core/compliance/audit-log.ts';
import {
  cursorFileOf,
  readCursor,
  shippedArchives,
  writeCursor,
} from '../../../../main/core/evidence/shipping-cursor.ts';
import { tempDir } from './evidence-fixtures.ts';

describe('shipping cursor', () => {
  it('starts at the genesis, survives a rewrite, refuses a corrupt file instead of guessing', () => {
    const file = join(tempDir(), 'audit.jsonl.syslog-cursor.json');
    expect(readCursor(file)).toEqual({ seq: 0, hash: GENESIS_HASH });
    writeCursor(file, { seq: 7, hash: 'a'.repeat(64) });
    expect(readCursor(file)).toEqual({ seq: 7, hash: 'a'.repeat(64) });
    expect(existsSync(`${file}.tmp`)).toBe(false);
    writeFileSync(file, '{"seq":');
    expect(() => readCursor(file)).toThrow(/not valid: move it away/);
  });

  it('only archives wholly taken by the SIEM may be deleted by retention', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = AuditLog.open({ file, agent: 'agent1', maxBytes: 2_048 });
    for (let i = 0; i < 40; i++) log.append({ action: 'pause', result: 'requested', callId: `c${i}` });
    const head = log.seq;
    log.close();
    const archives = archivesOf(file);
    expect(archives.length).toBeGreaterThan(2);
    const secondFirst = archiveFirstSeq(archives[1] as string) as number;
    expect(shippedArchives(file, { seq: 0, hash: GENESIS_HASH })).toEqual([]);
    expect(shippedArchives(file, { seq: secondFirst - 2, hash: GENESIS_HASH })).toEqual([]);
    expect(shippedArchives(file, { seq: secondFirst - 1, hash: GENESIS_HASH })).toEqual([archives[0]]);
    expect(shippedArchives(file, { seq: head, hash: GENESIS_HASH })).toEqual(archives);
    expect(cursorFileOf(file)).toBe(`${file}.syslog-cursor.json`);
    expect(readFileSync(file, 'utf8')).toMatch(/log-rotated/);
  });
});
