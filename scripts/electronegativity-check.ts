/**
 * `npm run electronegativity`: Doyensec's Electronegativity over the desktop
 * app (the built bundles in `out/` and the sources in `main/` and `preload/`),
 * failing on any finding.
 *
 * Why a script: the tool's CLI exits 0 whatever it finds, and its CLI does not
 * even start in this repository (it `require`s `commander` without depending
 * on it and gets our commander 14, whose API it cannot use). So this runs the
 * tool's own programmatic runner (the function its CLI calls), reads the
 * issues it returns, prints each one and exits 1 when there is any, or when a
 * file could not be parsed (an unread file is not a clean file).
 *
 * Built JavaScript (`out/**` `.js`/`.cjs`/`.mjs`) is staged with a `.ts`
 * suffix so the tool reads it with its TypeScript parser: its JavaScript path
 * (esprima, then babel + escope) cannot walk private class fields (`#x`, in
 * the Svelte runtime and our own bundles: "Unknown node type
 * ClassPrivateProperty"), and JavaScript is valid TypeScript syntax. Reported
 * paths are mapped back to the real file names.
 *
 * The main-process and preload bundles (`out/main`, `out/preload`) are not
 * scanned: they are built from `main/` and `preload/`, which are, and bundling
 * drops inline comments, so a justified `eng-disable` comment next to the code
 * would not apply there and every finding would be reported twice. What only
 * exists built (the renderer HTML and bundles under `out/`) is scanned.
 *
 * The folders are staged into one temporary folder and scanned together: the
 * global checks (CSP, navigation limits, permission handler) look for the
 * safeguard anywhere in the app, so scanning the preload alone would report
 * safeguards the main process does have.
 *
 * Left out, and why: `AvailableSecurityFixesGlobalCheck` downloads Electron's
 * release list from GitHub (our CI has no internet, and "is there a newer
 * Electron" is a release-process question, not a property of this tree).
 *
 * Usage: `tsx scripts/electronegativity-check.ts [--root <dir>]` (`--root`
 * defaults to the repository).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';

/** What Electronegativity reports per finding (the fields this script reads). */
export interface ElectronegativityIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  shortenedURL?: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview?: boolean;
}

/** A file Electronegativity could not parse; `tolerable` = parsed with warnings. */
export interface ElectronegativityError {
  file: string;
  message: string;
  tolerable: boolean;
}

interface RunnerOptions {
  input: string;
  isRelative?: boolean;
  excludeFromScan?: string[];
  electronVersionOverride?: string;
}

interface RunnerResult {
  globalChecks: number;
  atomicChecks: number;
  errors: ElectronegativityError[];
  issues: ElectronegativityIssue[];
}

/** Folders of the app that are scanned, relative to the project root. */
export const SCANNED_FOLDERS = ['out', 'main', 'preload'] as const;

/** Bundles of the scanned sources, left out of the scan (see the file comment). */
export const SKIPPED_BUNDLES = ['out/main', 'out/preload'] as const;

/** Checks switched off, lower-cased class names as the runner expects, each with its reason above. */
export const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

/**
 * `ELECTRON_VERSION_JSON_CHECK` at INFORMATIONAL severity only records which
 * Electron package.json names (the input of the skipped release check); it is
 * not a weakness and would otherwise fire on every tree. Its other uses stay.
 */
export function isVersionNote(issue: ElectronegativityIssue): boolean {
  return issue.id === 'ELECTRON_VERSION_JSON_CHECK' && issue.severity.name === 'INFORMATIONAL';
}

/** Built JavaScript file names, staged with {@link STAGED_SUFFIX}. */
const BUILT_JS = /\.(c|m)?js$/;

/** Suffix that makes the tool parse built JavaScript as TypeScript. */
const STAGED_SUFFIX = '.ts';

/** Maps a staged path (`out/main/index.js.ts`) back to the real one. */
function unstage(file: string): string {
  return file.replace(/\.(c|m)?js\.ts$/, (m) => m.slice(0, -STAGED_SUFFIX.length));
}

/** The outcome of one scan. */
export interface ScanResult {
  checks: number;
  issues: ElectronegativityIssue[];
  /** Files that could not be parsed at all (a failure). */
  unparsed: ElectronegativityError[];
}

/**
 * Scans `root`'s {@link SCANNED_FOLDERS} (those that exist) plus its
 * package.json with Electronegativity's runner.
 *
 * @throws Error when `out/` is missing (build first) or the runner fails.
 */
export async function scan(root: string): Promise<ScanResult> {
  if (!existsSync(join(root, 'out')))
    throw new Error(`${join(root, 'out')} is missing: run \`npm run build\` first`);
  // The tool and the Electron version come from this repository's node_modules, whatever folder is scanned.
  const require = createRequire(import.meta.url);
  const runner = require('@doyensec/electronegativity') as (o: RunnerOptions) => Promise<RunnerResult>;
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  try {
    const app = join(stage, 'app');
    for (const folder of SCANNED_FOLDERS) {
      if (existsSync(join(root, folder))) cpSync(join(root, folder), join(app, folder), { recursive: true });
    }
    for (const bundle of SKIPPED_BUNDLES) rmSync(join(app, bundle), { recursive: true, force: true });
    for (const entry of readdirSync(join(app, 'out'), { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath, entry.name);
      if (entry.isFile() && BUILT_JS.test(entry.name)) renameSync(file, `${file}${STAGED_SUFFIX}`);
    }
    cpSync(join(root, 'package.json'), join(app, 'package.json'));
    const result = await runner({
      input: app,
      isRelative: true,
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion,
    });
    return {
      checks: result.globalChecks + result.atomicChecks,
      issues: result.issues
        .filter((issue) => !isVersionNote(issue))
        .map((issue) => ({ ...issue, file: unstage(issue.file) })),
      unparsed: result.errors
        .filter((e) => !e.tolerable)
        .map((e) => ({ ...e, file: unstage(relative(app, e.file).replaceAll('\\', '/')) })),
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** One line per finding: `ID severity/confidence file:line:col description (url)`. */
export function formatIssue(issue: ElectronegativityIssue): string {
  const review = issue.manualReview ? ' [manual review]' : '';
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  const url = issue.shortenedURL ? ` (${issue.shortenedURL})` : '';
  return `${issue.id} ${issue.severity.name}/${issue.confidence.name}${review} ${where} ${issue.description}${url}`;
}

async function main(): Promise<number> {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const opts = new Command()
    .name('electronegativity-check')
    .description('Electronegativity over out/, main/ and preload/; exit 1 on any finding')
    .option('--root <dir>', 'project root', repoRoot)
    .parse()
    .opts<{ root: string }>();
  const root = resolve(opts.root);
  const result = await scan(root);
  const scanned = SCANNED_FOLDERS.filter((f) => existsSync(join(root, f))).join(', ');
  for (const e of result.unparsed) console.error(`UNPARSED ${e.file}: ${e.message}`);
  for (const issue of result.issues) console.error(formatIssue(issue));
  const bad = result.issues.length + result.unparsed.length;
  const summary =
    `Electronegativity: ${result.issues.length} finding(s), ${result.unparsed.length} unparsed file(s) ` +
    `in ${scanned} (not ${SKIPPED_BUNDLES.join(', ')}: built from main/, preload/) ` +
    `(${result.checks} checks; skipped: AvailableSecurityFixesGlobalCheck, it needs the internet).`;
  (bad > 0 ? console.error : console.log)(summary);
  return bad > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  // exitCode, not exit(): let stdout and stderr drain.
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`electronegativity-check: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
