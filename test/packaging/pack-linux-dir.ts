/**
 * Builds what the packaging check needs and packs the Linux `dir` target with
 * the project's real electron-builder.yml around a STAND-IN Electron (see
 * stand-in-electron.ts: the real binary cannot be downloaded here).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, getRawHeader } from '@electron/asar';
import { writeStandInElectronDist } from './stand-in-electron.ts';

const run = promisify(execFile);

/** The built main entry electron-vite writes and package.json `main` names. */
export const BUILT_MAIN = 'out/main/index.js';

/** Source folders whose changes make `out/` stale. */
const SOURCE_DIRS = ['main', 'preload', 'renderer', 'simulator'];

/** The newest modification time (ms) of any file under `dir`, 0 when absent. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Runs `electron-vite build` in `projectDir` unless the bundles exist and are
 * newer than every source file (so a stale `out/` is never what gets checked).
 *
 * @returns whether a build ran.
 */
export async function ensureBuilt(projectDir: string): Promise<boolean> {
  const needed = [BUILT_MAIN, 'out/preload/preload.cjs', 'out/renderer/index.html'];
  const present = needed.every((rel) => existsSync(join(projectDir, rel)));
  if (present) {
    const built = Math.min(...needed.map((rel) => statSync(join(projectDir, rel)).mtimeMs));
    const sources = Math.max(...SOURCE_DIRS.map((dir) => newestMtime(join(projectDir, dir))));
    if (built >= sources) return false;
  }
  const cli = join(projectDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  await run(process.execPath, [cli, 'build'], { cwd: projectDir, timeout: 120_000, maxBuffer: 16 << 20 });
  return true;
}

/**
 * The environment for electron-builder: no code-signing discovery, no colour
 * codes, and without `VITEST` (builder-util silences its log under vitest, and
 * the test reads the log).
 */
function builderEnv(): NodeJS.ProcessEnv {
  const { VITEST: _vitest, ...env } = process.env;
  return { ...env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', FORCE_COLOR: '0' };
}

/** Where the packed Linux app landed. */
export interface PackedApp {
  /** `<output>/linux-unpacked`. */
  appOutDir: string;
  /** The renamed stand-in executable. */
  executable: string;
  /** `resources/app.asar`. */
  asarPath: string;
  /** electron-builder's output, for failure messages. */
  log: string;
}

/**
 * Packs `projectDir` with its electron-builder.yml for Linux, `dir` target
 * only (no AppImage/deb: those need tools downloaded), into `outputDir`, with
 * a stand-in Electron written to `standInDir`. Fuses are flipped on the
 * stand-in like on a real binary.
 */
export async function packLinuxDir(
  projectDir: string,
  outputDir: string,
  standInDir: string,
): Promise<PackedApp> {
  const electronPkg = JSON.parse(
    readFileSync(join(projectDir, 'node_modules/electron/package.json'), 'utf8'),
  ) as {
    version: string;
  };
  writeStandInElectronDist(standInDir, electronPkg.version);
  const cli = join(projectDir, 'node_modules', 'electron-builder', 'cli.js');
  const args = [
    cli,
    '--linux',
    'dir',
    '--x64',
    '--projectDir',
    projectDir,
    '--publish',
    'never',
    `-c.electronDist=${standInDir}`,
    `-c.directories.output=${outputDir}`,
  ];
  const { stdout, stderr } = await run(process.execPath, args, {
    cwd: projectDir,
    timeout: 150_000,
    maxBuffer: 16 << 20,
    env: builderEnv(),
  });
  const appOutDir = join(outputDir, 'linux-unpacked');
  const config = readFileSync(join(projectDir, 'electron-builder.yml'), 'utf8');
  const executableName = /^\s+executableName:\s*(\S+)/m.exec(config)?.[1] ?? 'gws-secure-pause';
  return {
    appOutDir,
    executable: join(appOutDir, executableName),
    asarPath: join(appOutDir, 'resources', 'app.asar'),
    log: `${stdout}${stderr}`,
  };
}

/** The files (not folders) of an asar archive, as `/`-rooted POSIX paths, and a reader. */
export interface AsarView {
  files: string[];
  /** Whether every file entry carries a SHA-256 integrity record (what asar integrity checks). */
  allFilesHaveIntegrity: boolean;
  read: (path: string) => Buffer;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  link?: string;
  integrity?: { algorithm: string; hash: string };
}

/** Opens an asar archive with `@electron/asar` (shipped with electron-builder) by walking its header. */
export function openAsar(asarPath: string): AsarView {
  const { header } = getRawHeader(asarPath) as unknown as { header: HeaderNode };
  const files: string[] = [];
  let allFilesHaveIntegrity = true;
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = `${prefix}/${name}`;
      if (child.files) walk(child, path);
      else if (child.link === undefined) {
        files.push(path);
        if (child.integrity?.algorithm !== 'SHA256') allFilesHaveIntegrity = false;
      }
    }
  };
  walk(header, '');
  files.sort();
  return { files, allFilesHaveIntegrity, read: (path) => extractFile(asarPath, path.replace(/^\//, '')) };
}
