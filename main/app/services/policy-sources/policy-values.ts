/**
 * Turns what one OS policy channel holds into settings values, key by key,
 * against the settings schema: registry DWORDs 0/1 become booleans where the
 * setting is a boolean, MULTI_SZ is refused; a bad value drops only its key,
 * an unknown key is ignored; both are reported (to the support log and the
 * settings screen), never thrown: a typo in a GPO must not stop an agent.
 */

import type { PolicyKey, PolicySettings } from '../../policies/update-settings.ts';
import { policySettingsSchema } from '../../policies/update-settings.ts';

/** Values one source set, and what was wrong with the rest. */
export interface PolicyLayer {
  /** Where it came from, e.g. `HKLM\Software\Policies\GwsSecurePause`. */
  source: string;
  values: Partial<PolicySettings>;
  problems: string[];
}

const KEYS = Object.keys(policySettingsSchema.shape) as PolicyKey[];

/** Whether `key`'s schema accepts booleans (then DWORD 0/1 means false/true). */
function isBooleanKey(key: PolicyKey): boolean {
  return policySettingsSchema.shape[key].safeParse(true).success;
}

/** A raw value as the schema expects it: DWORD 0/1 for a boolean key; everything else unchanged. */
function coerce(key: PolicyKey, raw: unknown): unknown {
  if (isBooleanKey(key) && (raw === 0 || raw === 1)) return raw === 1;
  return raw;
}

/** Validates `raw` (name → value) from `source`; never throws. */
export function toPolicyLayer(source: string, raw: Readonly<Record<string, unknown>>): PolicyLayer {
  const values: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const key of KEYS) {
    if (!(key in raw)) continue;
    const parsed = policySettingsSchema.shape[key].safeParse(coerce(key, raw[key]));
    if (parsed.success) values[key] = parsed.data;
    else bad.push(key);
  }
  const unknown = Object.keys(raw).filter((k) => !(KEYS as string[]).includes(k));
  const problems: string[] = [];
  if (bad.length > 0) problems.push(`Policy ${source}: invalid ${bad.join(', ')}; those keys are ignored.`);
  if (unknown.length > 0) problems.push(`Policy ${source}: unknown ${unknown.join(', ')}; ignored.`);
  return { source, values: values as Partial<PolicySettings>, problems };
}

/** The merged policy: the first layer that sets a key wins (layers highest first). */
export function mergePolicyLayers(layers: readonly PolicyLayer[]): PolicyLayer {
  const values: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) Object.assign(values, layer.values);
  return {
    source: layers.map((l) => l.source).join(' > ') || 'none',
    values: values as Partial<PolicySettings>,
    problems: layers.flatMap((l) => l.problems),
  };
}
