import { readFileSync, readdirSync } from 'node:fs';

/**
 * The shared GWS fixtures (read-only, never copied): /work/shared/fixtures/gws-events,
 * found relative to this repository (test/main/helpers → ../../../../shared).
 */
export const FIXTURES_DIR = new URL('../../../../shared/fixtures/gws-events/', import.meta.url);

/** Names of every fixture file. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Parsed JSON of one fixture file. */
export function loadFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, FIXTURES_DIR), 'utf8')) as Record<string, unknown>;
}
