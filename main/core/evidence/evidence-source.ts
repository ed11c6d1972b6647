/**
 * Reads the evidence a report is built from: the workstation's audit files
 * (JSON Lines) or a SIEM export (raw RFC 5424 lines), told apart by their
 * first line; verifies each kind with its verifier, and returns the chains
 * (entries in chain order) with plain-word lines saying what was verified.
 * A broken chain still yields the entries verified before the break, and the
 * lines say so — a report never passes tampered evidence off as clean.
 */

import { openSync, readSync, closeSync } from 'node:fs';
import type { AuditEntry } from '../compliance/audit-entry.ts';
import { verifyAuditFiles } from '../compliance/audit-verify.ts';
import { verifySiemCopy } from './siem-verify.ts';

/** The chains and the verification verdict. */
export interface Evidence {
  chains: AuditEntry[][];
  ok: boolean;
  lines: string[];
}

/** Whether a file is a local audit log (its first line is a JSON entry). */
export function isLocalAuditFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const bytes = readSync(fd, buffer, 0, 16, 0);
    return buffer.toString('utf8', 0, bytes).startsWith('{');
  } finally {
    closeSync(fd);
  }
}

/** Loads and verifies `files` (local files form one chain; each SIEM file yields its chains). */
export function loadEvidence(files: readonly string[], partial = false): Evidence {
  const local = files.filter(isLocalAuditFile);
  const siem = files.filter((f) => !local.includes(f));
  const evidence: Evidence = { chains: [], ok: true, lines: [] };
  if (local.length > 0) {
    const report = verifyAuditFiles(local, { partial });
    evidence.chains.push(report.verified);
    evidence.ok &&= report.ok;
    evidence.lines.push(
      report.ok
        ? `Workstation files (${local.length}): ${report.entries} entries, chain intact, head ${report.head}.`
        : `Workstation files: chain BROKEN at ${report.failure?.file}:${report.failure?.line}: ${report.failure?.reason} (only the ${report.entries} entries before it are reported).`,
      ...report.warnings.map((w) => `Warning: ${w}`),
    );
  }
  for (const file of siem) {
    const report = verifySiemCopy(file, { partial });
    evidence.ok &&= report.ok;
    for (const chain of report.chains) {
      evidence.chains.push(chain.entries);
      evidence.lines.push(
        `SIEM copy ${file}, ${chain.key}: ${chain.entries.length} entries (${chain.duplicates} duplicates), ` +
          (chain.problems.length === 0 ? 'chain intact.' : `PROBLEMS: ${chain.problems.join(' | ')}`),
      );
    }
    if (report.chains.length === 0) evidence.lines.push(`SIEM copy ${file}: no audit entries found.`);
  }
  return evidence;
}
