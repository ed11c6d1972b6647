/**
 * The settings layer: the user's settings (validated key by key against the
 * contract's schema, defaults for the rest), and IT's managed settings whose
 * keys win and are locked. A corrupt or invalid file is backed up, replaced by
 * defaults and reported in `problems`; nothing here ever throws at the agent.
 *
 * The extra CA file is checked for what it is, not only for being a string: a
 * readable regular file of bounded size holding at least one PEM certificate
 * ({@link caFileProblem}). A path like `/etc/passwd` would otherwise be saved
 * and only fail later, deep in a TLS handshake, with nothing naming the file;
 * so a change to it is refused with the reason (the previous settings stay),
 * and a saved one that went bad is reported at load.
 */

import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
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

/**
 * Largest extra CA file read: a whole public root bundle is about 220 KB, and
 * a bound keeps a path like `/dev/zero` or a huge log from being read whole.
 */
export const MAX_CA_FILE_BYTES = 1024 * 1024;

/** One PEM certificate block (the bodies are parsed by {@link X509Certificate}). */
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/**
 * Why `path` cannot serve as the extra CA file, naming it, or `undefined` when
 * it is a readable regular file of at most {@link MAX_CA_FILE_BYTES} holding
 * at least one PEM certificate, every one of which parses. Never echoes the
 * file's content. A FIFO or a device is refused before it is opened (reading
 * one could block or never end).
 */
export function caFileProblem(path: string): string | undefined {
  const errno = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return `The CA file ${path} is not a regular file.`;
    size = stat.size;
  } catch (error) {
    return `The CA file ${path} cannot be read (${errno(error)}).`;
  }
  if (size > MAX_CA_FILE_BYTES) {
    return `The CA file ${path} is too large for a CA bundle (${size} bytes, at most ${MAX_CA_FILE_BYTES}).`;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return `The CA file ${path} cannot be read (${errno(error)}).`;
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    return `The CA file ${path} holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----" blocks).`;
  }
  const broken = blocks.findIndex((block) => !parsesAsCertificate(block));
  if (broken >= 0) return `The CA file ${path}: certificate ${broken + 1} is not a valid certificate.`;
  return undefined;
}

function parsesAsCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link loadSettings}. */
export interface SettingsLayerOptions {
  store: SettingsStorePort;
  /** Managed settings file; default {@link managedSettingsPath} of this OS. */
  managedPath?: string;
  /** Which password storage the secret store has (shown in the view). */
  passwordStorage: () => PasswordStorage;
}

/** A refusal of {@link SettingsLayer.check} or {@link SettingsLayer.update}. */
export interface SettingsRefusal {
  ok: false;
  code: 'invalid' | 'locked';
  message: string;
}

/** Outcome of {@link SettingsLayer.update}. */
export type SettingsUpdate = { ok: true; changed: SettingsKey[] } | SettingsRefusal;

/** The loaded settings. */
export interface SettingsLayer {
  /** Effective values (managed keys win). */
  values(): Settings;
  view(): SettingsView;
  /** Checks a patch without applying it (schema, locked keys, a usable CA file). */
  check(patch: unknown): { ok: true; patch: SettingsPatch } | SettingsRefusal;
  /** Applies and saves a patch; returns the keys whose effective value changed. */
  update(patch: unknown): SettingsUpdate;
}

/** Loads the user's and the managed settings; never throws. */
export function loadSettings(options: SettingsLayerOptions): SettingsLayer {
  const { store } = options;
  const problems: string[] = [];
  let user = readUserSettings(store, problems);
  const managedPath = options.managedPath ?? managedSettingsPath(process.platform, process.env);
  const managed = readManagedSettings(managedPath);
  problems.push(...managed.problems);
  const locked = Object.keys(managed.values) as SettingsKey[];
  const values = (): Settings => ({ ...user, ...managed.values });
  const savedCa = values().extraCaFile;
  const caProblem = savedCa ? caFileProblem(savedCa) : undefined;
  if (caProblem) problems.push(`${caProblem} Sign-in fails until the CA file setting is fixed.`);
  const check: SettingsLayer['check'] = (raw) => checkPatch(raw, values(), locked);

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
      saveOrReport(store, user, problems);
      const after = values();
      return { ok: true, changed: KEYS.filter((k) => before[k] !== after[k]) };
    },
  };
}

/**
 * The user's file, validated: missing is the defaults; unusable (unreadable,
 * not an object, an invalid key) is backed up, reset to the defaults and
 * reported in `problems`.
 */
function readUserSettings(store: SettingsStorePort, problems: string[]): Settings {
  const resetFile = (why: string): Settings => {
    let backup: string | undefined;
    try {
      backup = store.backup();
    } catch {
      backup = undefined;
    }
    const where = backup ? `backed up to ${backup}` : 'not backed up';
    problems.push(`The settings file ${store.path} was unusable (${why}); ${where}, and reset to defaults.`);
    const defaults = { ...DEFAULT_SETTINGS };
    saveOrReport(store, defaults, problems);
    return defaults;
  };
  const read = store.read();
  if (!read.ok) return resetFile(read.error);
  if (read.data === undefined) return { ...DEFAULT_SETTINGS };
  if (!isObject(read.data)) return resetFile('it is not a JSON object');
  const { values, bad } = validateKeys(read.data);
  if (bad.length > 0) return resetFile(`invalid ${bad.join(', ')}`);
  return { ...DEFAULT_SETTINGS, ...values };
}

/** Saves `values`; a failure is reported in `problems`, never thrown. */
function saveOrReport(store: SettingsStorePort, values: Settings, problems: string[]): void {
  try {
    store.write(values);
  } catch (error) {
    problems.push(`The settings could not be saved (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/**
 * Checks a patch against the schema, IT's locks and the CA file rule. A CA
 * file is checked only when the patch changes it (a window that sends every
 * value back must not be refused for a saved one).
 */
function checkPatch(
  raw: unknown,
  current: Settings,
  locked: readonly SettingsKey[],
): { ok: true; patch: SettingsPatch } | SettingsRefusal {
  const parsed = settingsPatchSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`)
      .join('; ');
    return { ok: false, code: 'invalid', message: `Invalid settings: ${detail}` };
  }
  const refused = locked.filter((k) => k in parsed.data && parsed.data[k] !== current[k]);
  if (refused.length > 0) {
    return { ok: false, code: 'locked', message: `Set by your IT department: ${refused.join(', ')}.` };
  }
  const ca = parsed.data.extraCaFile;
  const caProblem = ca && ca !== current.extraCaFile ? caFileProblem(ca) : undefined;
  if (caProblem)
    return { ok: false, code: 'invalid', message: `Invalid settings: extraCaFile: ${caProblem}` };
  return { ok: true, patch: parsed.data };
}
