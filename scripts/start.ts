/**
 * `npm start`: build the app (`electron-vite build`), then launch Electron on
 * it in demo mode (`--demo`: the embedded simulator with its demo caller).
 *
 * Where the Electron binary cannot be obtained (our build machines: the
 * `electron` package is installed for its types only, `dist/` is missing),
 * it prints ONE sentence naming what to run instead and exits 1 — checked
 * first, so there is no wasted build, no stack trace and no hang. It never
 * calls `require('electron')`: that path lookup tries to download the binary.
 *
 * Flags: `--skip-build` (launch the existing `out/`), `--no-demo` (use the
 * saved settings). Environment: `ELECTRON_OVERRIDE_DIST_PATH` (as the
 * `electron` package honours it) points at another Electron folder.
 *
 * {@link electronArgs} is exported so the desktop boot test boots exactly
 * the command line launched here; importing this file runs nothing.
 */

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Exit code when Electron cannot be launched here. */
const EXIT_NO_ELECTRON = 1;

/** The sentence printed when there is no Electron binary. */
const NO_ELECTRON_MESSAGE =
  'The desktop app cannot start here because the Electron binary is not installed ' +
  '(node_modules/electron/dist is missing): run `npm run web` for the browser mode ' +
  'or `npm run headless` for the command-line client instead.';

/**
 * The Electron executable the `electron` package would use, or undefined when
 * it is not there. Mirrors the package's own lookup (`path.txt` +
 * `dist/`, or `ELECTRON_OVERRIDE_DIST_PATH`) without its download fallback.
 */
function findElectronBinary(
  electronDir: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative
      ? join(electronDir, 'dist', relative)
      : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`npm start: could not run ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * The arguments Electron is launched with: the app folder, and `--demo`
 * unless `--no-demo` was given (`process.argv` in the app is then
 * `[electron, '.', '--demo']`).
 */
export function electronArgs(scriptArgs: readonly string[]): string[] {
  return ['.', ...(scriptArgs.includes('--no-demo') ? [] : ['--demo'])];
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const electron = findElectronBinary(join(root, 'node_modules', 'electron'), process.env);
  if (!electron) {
    process.stderr.write(`${NO_ELECTRON_MESSAGE}\n`);
    return EXIT_NO_ELECTRON;
  }
  if (!args.includes('--skip-build')) {
    const bin = join(
      root,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
    );
    const built = await run(bin, ['build'], process.env);
    if (built !== 0) {
      process.stderr.write(`npm start: the build failed (exit ${built}); see the messages above.\n`);
      return built;
    }
  }
  // Electron must run as Electron, not as Node, whatever the caller's shell has set.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return run(electron, electronArgs(args), env);
}

/** True when this file is the script being run (not imported by a test). */
const isEntryPoint =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (isEntryPoint) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
