import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The project's own copies of the documented GWS event fixtures
 * (`test/fixtures/gws-events`), so `npm test` passes on a clone of this
 * repository alone. They were copied from `../shared/fixtures/gws-events`
 * (the ground truth beside the checkout); test/fixtures/gws-events.test.ts
 * checks that both still agree wherever that folder exists.
 */
export const FIXTURES_DIR: URL = new URL('../../fixtures/gws-events/', import.meta.url);

/** The same folder as a file-system path (for `path.join` users). */
export const FIXTURES_PATH: string = fileURLToPath(FIXTURES_DIR);

/**
 * The shared ground truth, when present: `GWS_SHARED_FIXTURES_DIR`, else
 * `../shared/fixtures/gws-events` beside the repository. `undefined` when
 * neither exists (a clone on its own); only the agreement test reads it.
 */
export function sharedFixturesDir(): URL | undefined {
  const fromEnv = process.env.GWS_SHARED_FIXTURES_DIR;
  const dir = fromEnv
    ? pathToFileURL(`${fromEnv.replace(/\/+$/, '')}/`)
    : new URL('../../../../shared/fixtures/gws-events/', import.meta.url);
  return existsSync(dir) ? dir : undefined;
}

/** Names of every fixture file in `dir` (default: the project's own), sorted. */
export function fixtureNames(dir: URL = FIXTURES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Parsed JSON of one fixture file from `dir` (default: the project's own). */
export function loadFixture(name: string, dir: URL = FIXTURES_DIR): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Record<string, unknown>;
}
