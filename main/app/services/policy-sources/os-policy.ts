/**
 * Policy through the OS's own channels, merged highest first:
 * - Windows: `HKLM\Software\Policies\GwsSecurePause`, then HKCU's (what Group
 *   Policy and Intune ADMX ingestion write; read with `reg query`);
 * - macOS: managed preferences an MDM profile installs, the user's file then
 *   the machine's;
 * - Linux: `/etc/gws-secure-pause/managed-settings.json`;
 * then, on every OS, today's managed-settings file (its per-OS path, or the
 * `GWS_SECURE_PAUSE_MANAGED_CONFIG` override) unless it is the same file.
 * A missing source is no policy; an unreadable or invalid one is a problem
 * in the result, never an exception.
 */

import { readFileSync } from 'node:fs';
import { managedSettingsPath } from '../../policies/settings.ts';
import { managedPreferencePaths, readPlistDictionary } from './managed-preferences.ts';
import { mergePolicyLayers, toPolicyLayer, type PolicyLayer } from './policy-values.ts';
import { parseRegQuery, POLICY_REGISTRY_KEYS, runRegQuery, type RegQuery } from './reg-query.ts';

/** The Linux policy file (machine-wide, root-owned). */
export const LINUX_POLICY_FILE = '/etc/gws-secure-pause/managed-settings.json';

/** The app id macOS managed preferences are named after (electron-builder.yml `appId`). */
export const MAC_APP_ID = 'com.example.gws-secure-pause';

/** What {@link readOsPolicy} reads through (real by default; recorded output in tests). */
export interface OsPolicyOptions {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** The OS user (macOS per-user managed preferences). */
  user: string;
  regQuery?: RegQuery;
  readFile?: (path: string) => Buffer;
  /** Root of managed preferences (tests). */
  macRoot?: string;
}

/** A JSON policy file as a layer: absent = empty; unreadable or not an object = a problem. */
export function readJsonPolicy(path: string, read: (p: string) => Buffer = readFileSync): PolicyLayer {
  let text: string;
  try {
    text = read(path).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { source: path, values: {}, problems: [] };
    return { source: path, values: {}, problems: [`Policy ${path} could not be read (${code ?? 'error'}).`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { source: path, values: {}, problems: [`Policy ${path} is not valid JSON; ignored.`] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { source: path, values: {}, problems: [`Policy ${path} is not a JSON object; ignored.`] };
  return toPolicyLayer(path, data as Record<string, unknown>);
}

/** The Windows registry layers, HKLM first. */
async function registryLayers(regQuery: RegQuery): Promise<PolicyLayer[]> {
  const layers: PolicyLayer[] = [];
  for (const key of POLICY_REGISTRY_KEYS) {
    try {
      const output = await regQuery(key);
      layers.push(toPolicyLayer(key, output === undefined ? {} : parseRegQuery(output)));
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      layers.push({ source: key, values: {}, problems: [`Policy ${key} could not be read (${why}).`] });
    }
  }
  return layers;
}

/** The macOS managed-preferences layers, the user's first. */
function macLayers(options: OsPolicyOptions): PolicyLayer[] {
  return managedPreferencePaths(MAC_APP_ID, options.user, options.macRoot).map((path) => {
    const read = readPlistDictionary(path, options.readFile);
    if (read.kind === 'absent') return { source: path, values: {}, problems: [] };
    if (read.kind === 'problem') return { source: path, values: {}, problems: [read.problem] };
    return toPolicyLayer(path, read.values);
  });
}

/** Reads every policy channel of this OS and merges them, highest first. */
export async function readOsPolicy(options: OsPolicyOptions): Promise<PolicyLayer> {
  let layers: PolicyLayer[];
  if (options.platform === 'win32') layers = await registryLayers(options.regQuery ?? runRegQuery);
  else if (options.platform === 'darwin') layers = macLayers(options);
  else layers = [readJsonPolicy(LINUX_POLICY_FILE, options.readFile)];
  const todays = managedSettingsPath(options.platform, options.env);
  if (!layers.some((layer) => layer.source === todays)) layers.push(readJsonPolicy(todays, options.readFile));
  return mergePolicyLayers(layers);
}
