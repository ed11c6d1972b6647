import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entryHash } from '../../../../main/core/compliance/audit-entry.ts';
import { verifySiemCopy } from '../../../../main/core/evidence/siem-verify.ts';
import { shiftRecords, siemLine, writeLog, writeSiem } from './evidence-fixtures.ts';

describe('verify from the SIEM copy', () => {
  const { file: localFile, entries } = writeLog(shiftRecords(5));
  const lines = entries.map((e) => siemLine(e));

  it('accepts the chain with at-least-once duplicates and other traffic, counting them', () => {
    const resent = [...lines.slice(0, 12), ...lines.slice(8)]; // a resend after a reconnect
    const report = verifySiemCopy(writeSiem(['<13>1 - other-host sshd - - - hello', ...resent]));
    expect(report.chains.map((c) => c.problems)).toEqual([[]]);
    expect(report.ok).toBe(true);
    expect(report.chains[0]).toMatchObject({ key: 'ws-0042', agents: ['agent1'], duplicates: 4 });
    expect(report.chains[0]?.entries.map((e) => e.hash)).toEqual(entries.map((e) => e.hash));
    expect(report.ignoredLines).toBe(1);
  });

  it('keeps one chain per workstation', () => {
    const other = writeLog(shiftRecords(2), 'agent2').entries.map((e) => siemLine(e, 'ws-0099'));
    const mixed = lines.flatMap((line, i) => [line, ...(other[i] ? [other[i]] : [])]);
    const report = verifySiemCopy(writeSiem(mixed));
    expect(report.ok).toBe(true);
    expect(report.chains.map((c) => [c.key, c.entries.length])).toEqual([
      ['ws-0042', entries.length],
      ['ws-0099', other.length],
    ]);
  });

  it.each([
    ['a gap', () => lines.filter((_, i) => i !== 6 && i !== 7), /gap: entries 7–8 are missing/],
    [
      'a reorder',
      () => [...lines.slice(0, 5), lines[6], lines[5], ...lines.slice(7)],
      /entry 6 first arrived after entry 7: reordered/,
    ],
    [
      'an edit',
      () => lines.map((l, i) => (i === 4 ? l.replace(/result="[a-z]+"/, 'result="refused"') : l)),
      /entry 5 was edited: its hash/,
    ],
    [
      'an edit, re-hashed',
      () => {
        const edited = { ...(entries[4] as (typeof entries)[number]), result: 'refused' };
        const rehashed = { ...edited, hash: entryHash(edited) };
        return lines.map((l, i) => (i === 4 ? siemLine(rehashed) : l));
      },
      /entry 5 was edited \(and re-hashed\)/,
    ],
    ['a start after entry 1', () => lines.slice(3), /entries 1–3 are missing/],
  ] as const)('names %s', (_kind, change, problem) => {
    const report = verifySiemCopy(writeSiem(change() as string[]));
    expect(report.ok).toBe(false);
    expect(report.chains[0]?.problems.join('\n')).toMatch(problem);
  });

  it("catches the workstation's file edited and re-hashed after shipping, and a truncated workstation log", () => {
    const siem = writeSiem(lines);
    expect(verifySiemCopy(siem, { local: [localFile] }).ok).toBe(true);

    // Rewrite the local tail from entry 10 on with a consistent, re-hashed chain: the local verify passes.
    const forged = [...entries.slice(0, 9)];
    for (const original of entries.slice(9)) {
      const prev = forged.at(-1) as (typeof entries)[number];
      const unsigned = {
        ...original,
        result: original.seq === 10 ? 'refused' : original.result,
        prevHash: prev.hash,
      };
      const { hash: _old, ...rest } = unsigned;
      forged.push({ ...unsigned, hash: entryHash(rest) });
    }
    writeFileSync(localFile, forged.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const tampered = verifySiemCopy(siem, { local: [localFile] });
    expect(tampered.ok).toBe(false);
    expect(tampered.localProblems.join('\n')).toMatch(
      /entry 10 differs from the SIEM's copy: changed after shipping/,
    );

    writeFileSync(
      localFile,
      entries
        .slice(0, 15)
        .map((e) => `${JSON.stringify(e)}\n`)
        .join(''),
    );
    const truncated = verifySiemCopy(siem, { local: [localFile] });
    expect(truncated.localProblems.join('\n')).toMatch(
      /ends at entry 15 but the SIEM holds entries up to 21: the local log was truncated/,
    );
  });
});
