/**
 * The settings layer: the user's settings (validated key by key against the
 * contract's schema, defaults for the rest), and IT's managed settings whose
 * keys win and are locked. A corrupt or invalid file is backed up, replaced by
 * defaults and reported in `problems`; nothing here ever throws at the agent.
 */

import { readFileSync } from 'node:fs';
import { win32 } from 'node:path';
import {
  DEFAULT_SETTINGS,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsKey,
  type SettingsPatch,
  type SettingsView,
} from '../../../contract/ipc-contract.ts';
import type { PasswordStorage, SettingsStorePort } from '../ports/app-ports.ts';

/** Environment variable naming the managed settings file (overrides the per-OS path). */
export const MANAGED_CONFIG_ENV = 'GWS_SECURE_PAUSE_MANAGED_CONFIG';

/** The per-OS path of the managed (IT) settings file. */
export function managedSettingsPath(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const override = env[MANAGED_CONFIG_ENV];
  if (override) return override;
  if (platform === 'win32') {
    return win32.join(env.ProgramData ?? 'C:\\ProgramData', 'GwsSecurePause', 'managed-settings.json');
  }
  if (platform === 'darwin') return '/Library/Application Support/GwsSecurePause/managed-settings.json';
  return '/etc/gws-secure-pause/managed-settings.json';
}

const KEYS = Object.keys(settingsSchema.shape) as SettingsKey[];

/** Validates each known key of `data`; returns the good values and a problem per bad key. */
function validateKeys(data: Record<string, unknown>): {
  values: Partial<Settings>;
  bad: string[];
  unknown: string[];
} {
  const values: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const key of KEYS) {
    if (!(key in data)) continue;
    const parsed = settingsSchema.shape[key].safeParse(data[key]);
    if (parsed.success) values[key] = parsed.data;
    else bad.push(key);
  }
  const unknown = Object.keys(data).filter((k) => !(KEYS as string[]).includes(k));
  return { values: values as Partial<Settings>, bad, unknown };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the managed file: missing is fine; anything wrong is a problem, never fatal. */
export function readManagedSettings(path: string): { values: Partial<Settings>; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { values: {}, problems: [] };
    return {
      values: {},
      problems: [`Managed settings ${path} could not be read (${code ?? 'error'}); ignored.`],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { values: {}, problems: [`Managed settings ${path} is not valid JSON; ignored.`] };
  }
  if (!isObject(data))
    return { values: {}, problems: [`Managed settings ${path} is not a JSON object; ignored.`] };
  const { values, bad, unknown } = validateKeys(data);
  const problems: string[] = [];
  if (bad.length > 0)
    problems.push(`Managed settings ${path}: invalid ${bad.join(', ')}; those keys are ignored.`);
  if (unknown.length > 0) problems.push(`Managed settings ${path}: unknown ${unknown.join(', ')}; ignored.`);
  return { values, problems };
}

/** Options of {@link loadSettings}. */
export interface SettingsLayerOptions {
  store: SettingsStorePort;
  /** Managed settings file; default {@link managedSettingsPath} of this OS. */
  managedPath?: string;
  /** Which password storage the secret store has (shown in the view). */
  passwordStorage: () => PasswordStorage;
}

/** Outcome of {@link SettingsLayer.update}. */
export type SettingsUpdate =
  { ok: true; changed: SettingsKey[] } | { ok: false; code: 'invalid' | 'locked'; message: string };

/** The loaded settings. */
export interface SettingsLayer {
  /** Effective values (managed keys win). */
  values(): Settings;
  view(): SettingsView;
  /** Checks a patch without applying it (schema, locked keys). */
  check(
    patch: unknown,
  ): { ok: true; patch: SettingsPatch } | { ok: false; code: 'invalid' | 'locked'; message: string };
  /** Applies and saves a patch; returns the keys whose effective value changed. */
  update(patch: unknown): SettingsUpdate;
}

/** Loads the user's and the managed settings; never throws. */
export function loadSettings(options: SettingsLayerOptions): SettingsLayer {
  const { store } = options;
  const problems: string[] = [];
  let user: Settings = { ...DEFAULT_SETTINGS };
  const resetFile = (why: string): void => {
    let backup: string | undefined;
    try {
      backup = store.backup();
    } catch {
      backup = undefined;
    }
    const where = backup ? `backed up to ${backup}` : 'not backed up';
    problems.push(`The settings file ${store.path} was unusable (${why}); ${where}, and reset to defaults.`);
  };
  const read = store.read();
  if (!read.ok) resetFile(read.error);
  else if (read.data !== undefined && !isObject(read.data)) resetFile('it is not a JSON object');
  else if (isObject(read.data)) {
    const { values, bad } = validateKeys(read.data);
    if (bad.length > 0) {
      resetFile(`invalid ${bad.join(', ')}`);
      user = { ...DEFAULT_SETTINGS };
    } else user = { ...DEFAULT_SETTINGS, ...values };
  }
  if (problems.length > 0) {
    try {
      store.write(user);
    } catch (error) {
      problems.push(`The settings could not be saved (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  }
  const managedPath = options.managedPath ?? managedSettingsPath(process.platform, process.env);
  const managed = readManagedSettings(managedPath);
  problems.push(...managed.problems);
  const locked = Object.keys(managed.values) as SettingsKey[];
  const values = (): Settings => ({ ...user, ...managed.values });

  const check: SettingsLayer['check'] = (raw) => {
    const parsed = settingsPatchSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`)
        .join('; ');
      return { ok: false, code: 'invalid', message: `Invalid settings: ${detail}` };
    }
    const current = values();
    const refused = locked.filter((k) => k in parsed.data && parsed.data[k] !== current[k]);
    if (refused.length > 0) {
      return { ok: false, code: 'locked', message: `Set by your IT department: ${refused.join(', ')}.` };
    }
    return { ok: true, patch: parsed.data };
  };

  return {
    values,
    view: () => ({
      values: values(),
      locked,
      problems: [...problems],
      passwordStorage: options.passwordStorage(),
    }),
    check,
    update(raw) {
      const checked = check(raw);
      if (!checked.ok) return checked;
      const before = values();
      const patch = Object.fromEntries(
        Object.entries(checked.patch).filter(([k]) => !locked.includes(k as SettingsKey)),
      );
      user = { ...user, ...patch };
      try {
        store.write(user);
      } catch (error) {
        problems.push(
          `The settings could not be saved (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        );
      }
      const after = values();
      return { ok: true, changed: KEYS.filter((k) => before[k] !== after[k]) };
    },
  };
}
