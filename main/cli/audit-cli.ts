/**
 * `npm run audit -- verify F... [--partial] [--head HASH]`
 * `npm run audit -- export F... --csv [--from D --to D] [--partial]`
 *
 * For auditors. `verify` exits 0 when the hash chain over the files is intact
 * (printing the entry count and the head hash), 1 naming the first bad
 * `file:line` and why, 2 on bad usage or an unreadable file. `export` writes
 * CSV on stdout (entries in chain order, within the date range); when the
 * chain is broken it still exports the entries verified before the break and
 * exits 1 with the failure on stderr, so a tampered log is never exported
 * silently as if clean.
 */

import { Command } from 'commander';
import { parseBound, toCsv, verifyAuditFiles, type VerifyReport } from '../core/compliance/audit-verify.ts';

const EXIT_BROKEN = 1;
const EXIT_USAGE = 2;

interface CommonFlags {
  partial?: boolean;
  head?: string;
}

function describeFailure(report: VerifyReport): string {
  const failure = report.failure;
  return failure ? `${failure.file}:${failure.line}: ${failure.reason}` : 'unknown failure';
}

function verify(files: string[], flags: CommonFlags): number {
  const report = verifyAuditFiles(files, flags);
  for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
  if (!report.ok) {
    process.stdout.write(
      `BROKEN: ${describeFailure(report)}\n(${report.entries} entries intact before it)\n`,
    );
    return EXIT_BROKEN;
  }
  process.stdout.write(`OK: ${report.entries} entries, chain intact; head ${report.head}\n`);
  return 0;
}

function exportCsv(
  files: string[],
  flags: CommonFlags & { csv?: boolean; from?: string; to?: string },
): number {
  if (!flags.csv) throw new Error('export needs a format: --csv');
  const range = {
    ...(flags.from === undefined ? {} : { from: parseBound(flags.from, false) }),
    ...(flags.to === undefined ? {} : { to: parseBound(flags.to, true) }),
  };
  const report = verifyAuditFiles(files, flags);
  process.stdout.write(toCsv(report.verified, range));
  if (!report.ok) {
    process.stderr.write(
      `audit: chain BROKEN at ${describeFailure(report)}; exported only the entries before it\n`,
    );
    return EXIT_BROKEN;
  }
  return 0;
}

function main(argv: string[]): number {
  let code = 0;
  const program = new Command()
    .name('npm run audit --')
    .description('Verify or export tamper-evident audit logs (JSON Lines, SHA-256 chained).')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) });
  program
    .command('verify')
    .description('check the hash chain over the files (rotated files included)')
    .argument('<files...>', 'audit files (any order)')
    .option('--partial', 'accept a chain that starts after the genesis entry')
    .option('--head <hash>', 'the head hash recorded elsewhere; the last entry must carry it')
    .action((files: string[], flags: CommonFlags) => {
      code = verify(files, flags);
    });
  program
    .command('export')
    .description('write the verified entries as CSV on stdout')
    .argument('<files...>', 'audit files (any order)')
    .option('--csv', 'CSV output')
    .option('--from <date>', 'first day (YYYY-MM-DD, UTC) or ISO date-time')
    .option('--to <date>', 'last day (inclusive) or ISO date-time')
    .option('--partial', 'accept a chain that starts after the genesis entry')
    .action((files: string[], flags: CommonFlags & { csv?: boolean; from?: string; to?: string }) => {
      code = exportCsv(files, flags);
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
