/**
 * What the installer ships, checked on the Linux `dir` target packed with the
 * project's electron-builder.yml around a STAND-IN Electron folder (the real
 * Electron binary cannot be downloaded on our build machines; see
 * stand-in-electron.ts). The packed app is never started: nothing here shows
 * it runs in Electron. Run with `npm run pack:check` (builds first).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAY_ICON_IDS, trayIconFileNames } from '../../main/app/policies/tray-icon-paths.ts';
import { REPO_ROOT } from '../../scripts/generate-icons.ts';
import { ensureBuilt, openAsar, packLinuxDir, type AsarView, type PackedApp } from './pack-linux-dir.ts';
import { STAND_IN_MESSAGE, STOCK_FUSE_WIRE, readFuseWire } from './stand-in-electron.ts';

/** The project packed: this repository. */
const PROJECT = REPO_ROOT;

interface PackageJson {
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readJson = (path: string): PackageJson => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/**
 * Names of every package reachable from package.json `dependencies` (and
 * their dependencies and optional dependencies), resolved the way Node does:
 * nested node_modules first, then each parent's.
 */
function productionClosure(root: string): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const resolveFrom = (fromDir: string, name: string): string | undefined => {
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dir === root || dirname(dir) === dir) return undefined;
    }
  };
  const visit = (pkgDir: string): void => {
    if (seen.has(pkgDir)) return;
    seen.add(pkgDir);
    const pkg = readJson(join(pkgDir, 'package.json'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const at = resolveFrom(pkgDir, dep);
      if (!at) continue; // an optional dependency not installed on this platform
      names.add(dep);
      visit(at);
    }
  };
  visit(root);
  return names;
}

/** Package names of every `node_modules/<name>` (or `@scope/name`) folder in the asar, nested ones too. */
function shippedPackages(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const m of file.matchAll(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)) names.add(m[1]!);
  }
  return names;
}

let workDir: string;
let packed: PackedApp;
let asar: AsarView;

beforeAll(async () => {
  await ensureBuilt(PROJECT);
  workDir = mkdtempSync(join(tmpdir(), 'gws-pack-check-'));
  packed = await packLinuxDir(PROJECT, join(workDir, 'dist'), join(workDir, 'stand-in-electron'));
  asar = openAsar(packed.asarPath);
}, 180_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed Linux app (stand-in Electron)', () => {
  it('was packed around the stand-in Electron, not a downloaded one', () => {
    expect(packed.log).toMatch(/using custom unpacked Electron distribution/);
    expect(readFileSync(packed.executable, 'latin1')).toContain(STAND_IN_MESSAGE);
  });

  it('ships the built main, preload and renderer, and package.json main points at a shipped file', () => {
    expect(asar.files).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/index.js',
        '/out/preload/preload.cjs',
        '/out/renderer/index.html',
      ]),
    );
    const main = readJson(join(PROJECT, 'package.json')).main;
    const shippedPkg = JSON.parse(asar.read('/package.json').toString('utf8')) as PackageJson;
    expect(shippedPkg.main, 'package.json "main"').toBeDefined();
    expect(shippedPkg.main).toBe(main);
    expect(asar.files).toContain(posix.join('/', shippedPkg.main ?? ''));
  });

  it('ships a main entry and preload that are valid JavaScript (the stand-in cannot start them)', async () => {
    const main = readJson(join(PROJECT, 'package.json')).main ?? 'out/main/index.js';
    // The main bundle is an ES module (package "type": "module"), the preload CommonJS.
    const checks: [string, string][] = [
      [posix.join('/', main), 'main.mjs'],
      ['/out/preload/preload.cjs', 'preload.cjs'],
    ];
    for (const [inAsar, name] of checks) {
      const file = join(workDir, name);
      writeFileSync(file, asar.read(inAsar));
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
        execFile(process.execPath, ['--check', file], (error, _stdout, err) =>
          done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr: err }),
        );
      });
      expect({ file: inAsar, code, syntax: stderr.split('\n').slice(0, 5).join('\n') }).toEqual({
        file: inAsar,
        code: 0,
        syntax: '',
      });
    }
  });

  it('ships every tray icon and the app icon, identical to the committed ones', () => {
    for (const id of TRAY_ICON_IDS) {
      for (const name of trayIconFileNames(id)) {
        const rel = `assets/tray/${name}`;
        expect(asar.files, rel).toContain(`/${rel}`);
        expect(asar.read(`/${rel}`).equals(readFileSync(join(PROJECT, rel))), rel).toBe(true);
      }
    }
    expect(asar.files).toContain('/assets/icon.png');
  });

  it('ships the simulator inside the main bundle, for demo mode', () => {
    const mainJs = asar.files.filter((f) => f.startsWith('/out/main/') && /\.[cm]?js$/.test(f));
    const text = mainJs.map((f) => asar.read(f).toString('utf8')).join('\n');
    // The demo caller's first number and the simulator's Bayeux handshake refusal.
    expect(text).toContain('15551230042');
    expect(text).toContain('403::Handshake denied');
  });

  it('ships nothing but the bundles, the run-time icons, package.json and production node_modules', () => {
    const ours = asar.files.filter((f) => !f.startsWith('/node_modules/'));
    const allowed = /^\/(package\.json|out\/.+|assets\/tray\/[^/]+\.png|assets\/icon\.png)$/;
    expect(ours.filter((f) => !allowed.test(f))).toEqual([]);
    // No sources, tests or source maps, anywhere outside node_modules.
    expect(ours.filter((f) => /\.(ts|tsx|svelte|map)$|\.test\.|\/test\//.test(f))).toEqual([]);
  });

  it('ships only production dependencies: every one of them, no devDependency', () => {
    const root = readJson(join(PROJECT, 'package.json'));
    const closure = productionClosure(PROJECT);
    const shipped = shippedPackages(asar.files);
    expect([...shipped].filter((name) => !closure.has(name)).sort(), 'not production dependencies').toEqual(
      [],
    );
    expect(Object.keys(root.dependencies ?? {}).filter((name) => !shipped.has(name))).toEqual([]);
    const devOnly = Object.keys(root.devDependencies ?? {}).filter((name) => !closure.has(name));
    expect(devOnly).toEqual(expect.arrayContaining(['electron', 'electron-builder', 'tsx', 'vitest']));
    expect(devOnly.filter((name) => shipped.has(name))).toEqual([]);
  });

  it('flipped the Electron fuses in the (stand-in) binary as electron-builder.yml says', () => {
    const before = STOCK_FUSE_WIRE;
    const wire = readFuseWire(readFileSync(packed.executable));
    const fuse = (i: number): string => wire[i] ?? '?';
    expect({
      runAsNode: fuse(0),
      enableNodeOptionsEnvironmentVariable: fuse(2),
      enableNodeCliInspectArguments: fuse(3),
      enableEmbeddedAsarIntegrityValidation: fuse(4),
      onlyLoadAppFromAsar: fuse(5),
    }).toEqual({
      runAsNode: '0',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
    });
    // Fuses the config does not name keep Electron's defaults.
    expect([fuse(1), fuse(6), fuse(7)]).toEqual([before[1], before[6], before[7]]);
  });

  it('records a SHA-256 integrity hash for every file in app.asar', () => {
    expect(asar.files.length).toBeGreaterThan(0);
    expect(asar.allFilesHaveIntegrity).toBe(true);
  });
});
