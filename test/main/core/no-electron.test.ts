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
    const files = readdirSync(CORE_DIR)
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
});
