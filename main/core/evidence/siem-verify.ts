/**
 * Verifies the audit chain from the SIEM's copy (`npm run audit -- verify
 * --syslog FILE`): the raw RFC 5424 lines rsyslog stored, one chain per
 * workstation (HOSTNAME) and OS user. Duplicates from at-least-once shipping
 * (the same seq with the same hash) are tolerated and counted; two different
 * entries with one seq, a missing seq (gap), an edited entry (hash), an
 * edited-and-re-hashed one (successor's prevHash) and an entry that first
 * arrived after a later one (reorder) are each named.
 *
 * With the workstation's files beside it, each local entry is compared with
 * the SIEM's entry of the same seq — so a local file changed after shipping
 * is caught centrally, even when re-hashed — and a local log that ends before
 * the SIEM's head is named as truncated.
 */

import { readFileSync } from 'node:fs';
import { GENESIS_HASH, entryHash, type AuditEntry } from '../compliance/audit-entry.ts';
import { linkProblem, verifyAuditFiles } from '../compliance/audit-verify.ts';
import { entryFromParams, parseSyslogLine } from './syslog-message.ts';

/** One chain found in the SIEM copy. */
export interface SiemChain {
  /** `HOSTNAME` or `HOSTNAME/osUser`. */
  key: string;
  /** Agents seen in it. */
  agents: string[];
  /** Distinct entries (by seq), in chain order. */
  entries: AuditEntry[];
  /** Copies of an entry received more than once (at-least-once resends). */
  duplicates: number;
  /** What breaks the chain; empty when intact. */
  problems: string[];
}

/** Outcome of {@link verifySiemCopy}. */
export interface SiemVerifyReport {
  ok: boolean;
  chains: SiemChain[];
  /** Lines that carry no audit entry of ours (other traffic in the export), counted. */
  ignoredLines: number;
  /** Problems found comparing the workstation's files with the SIEM's copy. */
  localProblems: string[];
}

/** Options of {@link verifySiemCopy}. */
export interface SiemVerifyOptions {
  /** Accept chains that start after entry 1 (the SIEM's retention cut older ones). */
  partial?: boolean;
  /** The workstation's audit files, to compare with the SIEM's copy. */
  local?: readonly string[];
}

interface Arrival {
  entry: AuditEntry;
  line: number;
}

/** The params of the SD element that carries an audit entry (`<name>@<enterprise>` with a prevHash). */
function auditParams(sd: Map<string, Record<string, string>>): Record<string, string> | undefined {
  for (const [id, params] of sd) if (/^[^@]+@\d+$/.test(id) && 'prevHash' in params) return params;
  return undefined;
}

/** Reads the SIEM file into arrivals per chain key, in file order. */
function readArrivals(file: string): { byKey: Map<string, Arrival[]>; ignored: number; bad: string[] } {
  const byKey = new Map<string, Arrival[]>();
  const bad: string[] = [];
  let ignored = 0;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    const message = parseSyslogLine(text);
    const params = message ? auditParams(message.sd) : undefined;
    if (!message || !params) {
      ignored += 1;
      continue;
    }
    const parsed = entryFromParams(params);
    if (!parsed.ok) {
      bad.push(`${file}:${index + 1}: an audit message that is not a valid entry: ${parsed.why}`);
      continue;
    }
    const key = parsed.entry.osUser ? `${message.hostName}/${parsed.entry.osUser}` : message.hostName;
    const list = byKey.get(key) ?? [];
    list.push({ entry: parsed.entry, line: index + 1 });
    byKey.set(key, list);
  }
  return { byKey, ignored, bad };
}

/** Distinct entries by seq (first arrival kept), with duplicates, conflicts and reorders named. */
function dedupe(file: string, arrivals: Arrival[], chain: SiemChain): Map<number, Arrival> {
  const bySeq = new Map<number, Arrival>();
  let highest = 0;
  for (const arrival of arrivals) {
    const { seq, hash } = arrival.entry;
    const first = bySeq.get(seq);
    if (first) {
      if (first.entry.hash === hash) chain.duplicates += 1;
      else {
        chain.problems.push(
          `${file}:${arrival.line}: two different entries carry seq ${seq} (first at line ${first.line}): the chain was rewritten after shipping`,
        );
      }
      continue;
    }
    if (seq < highest) {
      chain.problems.push(
        `${file}:${arrival.line}: entry ${seq} first arrived after entry ${highest}: reordered (or inserted later)`,
      );
    }
    highest = Math.max(highest, seq);
    bySeq.set(seq, arrival);
  }
  return bySeq;
}

/** Checks the distinct entries in seq order: hashes, links, gaps. */
function checkChain(file: string, bySeq: Map<number, Arrival>, chain: SiemChain, partial: boolean): void {
  const ordered = [...bySeq.values()].sort((a, b) => a.entry.seq - b.entry.seq);
  let prev: Arrival | undefined;
  for (const arrival of ordered) {
    const { entry } = arrival;
    if (entryHash(entry) !== entry.hash) {
      chain.problems.push(
        `${file}:${arrival.line}: entry ${entry.seq} was edited: its hash does not match its content`,
      );
    }
    if (!prev && (entry.seq !== 1 || entry.prevHash !== GENESIS_HASH) && !partial) {
      chain.problems.push(
        `entries 1–${entry.seq - 1} are missing: the SIEM copy starts at entry ${entry.seq}`,
      );
    }
    if (prev && entry.seq > prev.entry.seq + 1) {
      const from = prev.entry.seq + 1;
      const to = entry.seq - 1;
      chain.problems.push(`gap: entr${from === to ? `y ${from} is` : `ies ${from}–${to} are`} missing`);
    } else if (prev) {
      const broken = linkProblem(
        { entry: prev.entry, file, line: prev.line },
        { entry, file, line: arrival.line },
      );
      if (broken) chain.problems.push(`${broken.file}:${broken.line}: ${broken.reason}`);
    }
    chain.entries.push(entry);
    prev = arrival;
  }
}

/** Compares the workstation's files with the SIEM's chains; returns the problems. */
function compareLocal(local: readonly string[], chains: SiemChain[]): string[] {
  const report = verifyAuditFiles(local, { partial: true });
  const problems = report.ok
    ? []
    : [`the workstation's files: ${report.failure?.file}:${report.failure?.line}: ${report.failure?.reason}`];
  const first = report.verified[0];
  const chain =
    chains.length === 1
      ? chains[0]
      : chains.find((c) => first && c.entries.some((e) => e.hash === first.hash));
  if (!chain) return [...problems, 'no chain in the SIEM copy matches the workstation files'];
  const siem = new Map(chain.entries.map((e) => [e.seq, e]));
  for (const entry of report.verified) {
    const central = siem.get(entry.seq);
    if (central && central.hash !== entry.hash) {
      problems.push(
        `the workstation's entry ${entry.seq} differs from the SIEM's copy: changed after shipping`,
      );
    }
  }
  const localHead = report.verified.at(-1)?.seq ?? 0;
  const siemHead = chain.entries.at(-1)?.seq ?? 0;
  if (siemHead > localHead) {
    problems.push(
      `the workstation's log ends at entry ${localHead} but the SIEM holds entries up to ${siemHead}: the local log was truncated`,
    );
  }
  return problems;
}

/** Verifies the SIEM's copy in `file` (and compares `options.local` with it). */
export function verifySiemCopy(file: string, options: SiemVerifyOptions = {}): SiemVerifyReport {
  const { byKey, ignored, bad } = readArrivals(file);
  const chains: SiemChain[] = [];
  for (const [key, arrivals] of byKey) {
    const chain: SiemChain = {
      key,
      agents: [...new Set(arrivals.map((a) => a.entry.agent))],
      entries: [],
      duplicates: 0,
      problems: [],
    };
    checkChain(file, dedupe(file, arrivals, chain), chain, options.partial ?? false);
    chains.push(chain);
  }
  if (bad.length > 0) chains[0]?.problems.push(...bad);
  const localProblems = options.local?.length ? compareLocal(options.local, chains) : [];
  const ok =
    chains.length > 0 &&
    bad.length === 0 &&
    chains.every((c) => c.problems.length === 0) &&
    localProblems.length === 0;
  return { ok, chains, ignoredLines: ignored, localProblems };
}
