/**
 * macOS managed preferences: what an MDM configuration profile
 * (`com.apple.ManagedClient.preferences` payload, see
 * build/policy/gws-secure-pause.mobileconfig) makes the system write to
 * `/Library/Managed Preferences/<appId>.plist` (per machine) and
 * `/Library/Managed Preferences/<user>/<appId>.plist` (per user). The files
 * are usually binary plists, sometimes XML: `@plist/parse` reads both.
 *
 * Tested from files written here: no macOS or MDM runs on our build machines.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@plist/parse';

/** The managed-preferences files for `appId`, highest first (the user's file overrides the machine's). */
export function managedPreferencePaths(
  appId: string,
  user: string,
  root = '/Library/Managed Preferences',
): string[] {
  return [join(root, user, `${appId}.plist`), join(root, `${appId}.plist`)];
}

/** Outcome of reading one file: absent, its top-level dictionary, or why it could not be used. */
export type PlistRead =
  | { kind: 'absent' }
  | { kind: 'values'; values: Record<string, unknown> }
  | { kind: 'problem'; problem: string };

/** Reads a plist file (binary or XML) whose top level must be a dictionary; never throws. */
export function readPlistDictionary(path: string, read: (p: string) => Buffer = readFileSync): PlistRead {
  let bytes: Buffer;
  try {
    bytes = read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return {
      kind: 'problem',
      problem: `Managed preferences ${path} could not be read (${code ?? 'error'}).`,
    };
  }
  let value: unknown;
  try {
    const exact = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    value = parse(exact);
  } catch {
    return { kind: 'problem', problem: `Managed preferences ${path} is not a property list; ignored.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
    return { kind: 'problem', problem: `Managed preferences ${path} is not a dictionary; ignored.` };
  }
  return { kind: 'values', values: value as Record<string, unknown> };
}
