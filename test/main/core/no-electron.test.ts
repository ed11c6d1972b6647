import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CORE_DIR = new URL('../../../main/core/', import.meta.url);

/**
 * Loads every core module in a fresh Node process whose resolvers (ESM hook
 * and CommonJS `require`) fail loudly on `electron`, so an indirect import
 * through any dependency is caught too — even once electron is installed.
 */
const PROBE = `
import Module, { register } from 'node:module';
const forbidden = (s) => s === 'electron' || s.startsWith('electron/');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (forbidden(request)) { console.log('ELECTRON-REQUIRED'); process.exit(3); }
  return original.call(this, request, ...rest);
};
register('data:text/javascript,' + encodeURIComponent(
  "export async function resolve(s, c, next) { if (s === 'electron' || s.startsWith('electron/')) { console.log('ELECTRON-IMPORTED'); process.exit(3); } return next(s, c); }"
));
for (const file of process.argv.slice(1)) await import(file);
console.log('LOADED ' + (process.argv.length - 1));
`;

describe('core layering', () => {
  it('loads every main/core module in plain Node without resolving electron', () => {
    const files = (readdirSync(CORE_DIR, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fileURLToPath(new URL(f, CORE_DIR)));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', PROBE, ...files],
      { cwd: REPO, encoding: 'utf8', timeout: 15_000 },
    );
    expect(result.stdout.trim()).toBe(`LOADED ${files.length}`);
    expect(result.status).toBe(0);
  });

  it('runs the headless CLI (its whole static import graph) without resolving electron', () => {
    const cli = fileURLToPath(new URL('../../../main/cli/headless-cli.ts', import.meta.url));
    // The CLI runs on import; --help makes it exit 0 once every static import has loaded.
    const probe = PROBE.replace(
      'for (const file of process.argv.slice(1)) await import(file);',
      'const cli = process.argv[1]; process.argv = [process.argv[0], cli, "--help"]; await import(cli);',
    );
    expect(probe).not.toBe(PROBE);
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe, cli], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.stdout).not.toMatch(/ELECTRON/);
    expect(result.stderr).toMatch(/Usage:/);
    expect(result.status).toBe(0);
  });
});
