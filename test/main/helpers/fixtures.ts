import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The shared GWS fixtures (read-only, never copied): `../shared/fixtures/gws-events`
 * beside the repository (from test/main/helpers that is ../../../../shared).
 * A checkout elsewhere (a CI clone in a temp dir) can point `GWS_FIXTURES_DIR`
 * at them; if neither exists the tests fail saying so, rather than skipping.
 */
export const FIXTURES_DIR: URL = process.env.GWS_FIXTURES_DIR
  ? pathToFileURL(`${process.env.GWS_FIXTURES_DIR.replace(/\/+$/, '')}/`)
  : new URL('../../../../shared/fixtures/gws-events/', import.meta.url);

function requireFixturesDir(): void {
  if (!existsSync(FIXTURES_DIR)) {
    throw new Error(
      `GWS fixtures not found at ${FIXTURES_DIR.pathname}: they live in ../shared/fixtures/gws-events ` +
        'beside the repository; set GWS_FIXTURES_DIR when the checkout is elsewhere',
    );
  }
}

/** Names of every fixture file. */
export function fixtureNames(): string[] {
  requireFixturesDir();
  return readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Parsed JSON of one fixture file. */
export function loadFixture(name: string): Record<string, unknown> {
  requireFixturesDir();
  return JSON.parse(readFileSync(new URL(name, FIXTURES_DIR), 'utf8')) as Record<string, unknown>;
}
