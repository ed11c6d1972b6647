/**
 * `npm run audit -- verify F... [--partial] [--head HASH]`
 * `npm run audit -- verify --syslog SIEMFILE [F...] [--partial]`
 * `npm run audit -- export F... --csv [--from D --to D] [--partial]`
 * `npm run audit -- report [--from D --to D] [--csv|--html] [--cap MIN] FILE...`
 *
 * For auditors. `verify` exits 0 when the hash chain over the files is intact
 * (printing the entry count and the head hash; warnings — e.g. garbage
 * appended after the last entry — are printed but do not fail it), 1 naming
 * the first bad `file:line` and why, 2 on bad usage or an unreadable file.
 * `verify --syslog` checks the chain from the SIEM's copy (raw RFC 5424 lines
 * as rsyslog stores them), and with the workstation's files compares them
 * with it. `export` writes CSV on stdout; `report` writes every paused span
 * (CSV by default, or one HTML page). When the chain is broken both still
 * write what was verified before the break and exit 1 with the failure on
 * stderr, so a tampered log is never exported silently as if clean.
 */

import { Command } from 'commander';
import { parseBound, toCsv, verifyAuditFiles, type VerifyReport } from '../core/compliance/audit-verify.ts';
import { loadEvidence } from '../core/evidence/evidence-source.ts';
import { pauseSpans } from '../core/evidence/pause-report.ts';
import { spansToCsv, spansToHtml } from '../core/evidence/report-render.ts';
import { verifySiemCopy } from '../core/evidence/siem-verify.ts';

const EXIT_BROKEN = 1;
const EXIT_USAGE = 2;

interface CommonFlags {
  partial?: boolean;
  head?: string;
}

interface VerifyFlags extends CommonFlags {
  syslog?: string;
}

interface RangeFlags {
  from?: string;
  to?: string;
}

interface ReportFlags extends RangeFlags {
  csv?: boolean;
  html?: boolean;
  cap?: string;
  partial?: boolean;
}

function describeFailure(report: VerifyReport): string {
  const failure = report.failure;
  return failure ? `${failure.file}:${failure.line}: ${failure.reason}` : 'unknown failure';
}

function range(flags: RangeFlags): { from?: number; to?: number } {
  return {
    ...(flags.from === undefined ? {} : { from: parseBound(flags.from, false) }),
    ...(flags.to === undefined ? {} : { to: parseBound(flags.to, true) }),
  };
}

function verifyLocal(files: string[], flags: CommonFlags): number {
  if (files.length === 0) throw new Error('verify needs audit files (or --syslog FILE)');
  const report = verifyAuditFiles(files, flags);
  for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
  for (const warning of report.warnings) process.stdout.write(`WARNING: ${warning}\n`);
  if (!report.ok) {
    process.stdout.write(
      `BROKEN: ${describeFailure(report)}\n(${report.entries} entries intact before it)\n`,
    );
    return EXIT_BROKEN;
  }
  const warned = report.warnings.length > 0 ? ` (${report.warnings.length} warning(s) above)` : '';
  process.stdout.write(`OK: ${report.entries} entries, chain intact; head ${report.head}${warned}\n`);
  return 0;
}

function verifySyslog(siemFile: string, local: string[], flags: CommonFlags): number {
  const report = verifySiemCopy(siemFile, { ...(flags.partial ? { partial: true } : {}), local });
  for (const chain of report.chains) {
    const head = chain.entries.at(-1);
    process.stdout.write(
      `${chain.problems.length === 0 ? 'OK' : 'BROKEN'}: ${chain.key} (agents ${chain.agents.join(', ')}): ` +
        `${chain.entries.length} entries, ${chain.duplicates} duplicates${head ? `; head ${head.seq} ${head.hash}` : ''}\n`,
    );
    for (const problem of chain.problems) process.stdout.write(`  ${problem}\n`);
  }
  for (const problem of report.localProblems) process.stdout.write(`BROKEN: ${problem}\n`);
  if (report.chains.length === 0) process.stdout.write(`BROKEN: no audit entries found in ${siemFile}\n`);
  if (report.ignoredLines > 0) process.stdout.write(`note: ${report.ignoredLines} other line(s) ignored\n`);
  return report.ok ? 0 : EXIT_BROKEN;
}

function exportCsv(files: string[], flags: CommonFlags & RangeFlags & { csv?: boolean }): number {
  if (!flags.csv) throw new Error('export needs a format: --csv');
  const bounds = range(flags);
  const report = verifyAuditFiles(files, flags);
  process.stdout.write(toCsv(report.verified, bounds));
  if (!report.ok) {
    process.stderr.write(
      `audit: chain BROKEN at ${describeFailure(report)}; exported only the entries before it\n`,
    );
    return EXIT_BROKEN;
  }
  return 0;
}

function report(files: string[], flags: ReportFlags): number {
  if (flags.csv && flags.html) throw new Error('report: choose one of --csv and --html');
  const capMinutes = flags.cap === undefined ? 10 : Number(flags.cap);
  if (!Number.isFinite(capMinutes) || capMinutes <= 0)
    throw new Error(`--cap must be minutes > 0, not ${flags.cap}`);
  const evidence = loadEvidence(files, flags.partial ?? false);
  const spans = pauseSpans(evidence.chains, { ...range(flags), capMs: capMinutes * 60_000 });
  process.stdout.write(flags.html ? spansToHtml(spans, evidence) : spansToCsv(spans));
  if (!evidence.ok) {
    process.stderr.write(`audit: the evidence did not verify:\n${evidence.lines.join('\n')}\n`);
    return EXIT_BROKEN;
  }
  return 0;
}

function buildProgram(setCode: (code: number) => void): Command {
  const program = new Command()
    .name('npm run audit --')
    .description(
      'Verify, export or report tamper-evident audit logs (JSON Lines, SHA-256 chained) and SIEM copies.',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) });
  program
    .command('verify')
    .description('check the hash chain over the files, or from the SIEM copy (--syslog)')
    .argument('[files...]', 'audit files (any order); with --syslog, the workstation files to compare')
    .option('--syslog <file>', "the SIEM's copy: raw RFC 5424 lines as rsyslog stores them")
    .option('--partial', 'accept a chain that starts after the genesis entry')
    .option('--head <hash>', 'the head hash recorded elsewhere; the last entry must carry it')
    .action((files: string[], flags: VerifyFlags) => {
      setCode(
        flags.syslog === undefined ? verifyLocal(files, flags) : verifySyslog(flags.syslog, files, flags),
      );
    });
  program
    .command('export')
    .description('write the verified entries as CSV on stdout')
    .argument('<files...>', 'audit files (any order)')
    .option('--csv', 'CSV output')
    .option('--from <date>', 'first day (YYYY-MM-DD, UTC) or ISO date-time')
    .option('--to <date>', 'last day (inclusive) or ISO date-time')
    .option('--partial', 'accept a chain that starts after the genesis entry')
    .action((files: string[], flags: CommonFlags & RangeFlags & { csv?: boolean }) => {
      setCode(exportCsv(files, flags));
    });
  program
    .command('report')
    .description('every paused span per call, with anomalies flagged (CSV, or --html)')
    .argument('<files...>', 'audit files or SIEM exports')
    .option('--from <date>', 'first day (YYYY-MM-DD, UTC) or ISO date-time')
    .option('--to <date>', 'last day (inclusive) or ISO date-time')
    .option('--csv', 'CSV output (the default)')
    .option('--html', 'one HTML page: a timeline and a table per day')
    .option('--cap <minutes>', 'flag spans longer than this (default 10)')
    .option('--partial', 'accept a chain that starts after the genesis entry')
    .action((files: string[], flags: ReportFlags) => {
      setCode(report(files, flags));
    });
  return program;
}

function main(argv: string[]): number {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    program.parse(argv);
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    if (exitCode !== undefined) return exitCode === 0 ? 0 : EXIT_USAGE;
    process.stderr.write(`audit: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  return code;
}

process.exitCode = main(process.argv);
