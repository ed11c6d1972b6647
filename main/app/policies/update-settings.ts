/**
 * The settings that drive updates, as IT sets them: where the update server is
 * (`updateUrl`), which channel of it (`updateChannel`), whether this install
 * updates itself at all (`autoUpdate`) and how often it asks
 * (`updateCheckHours`). They are ordinary settings, so the managed layer and
 * every OS policy channel can set and lock them like any other key.
 *
 * Why a separate schema: the contract's settings object is shared by the
 * window, browser mode and the CLI; these keys are merged into it by the
 * settings layer (`settingsSchema.extend(updateSettingsSchema.shape)`), and the
 * ADMX generator reads both, so a key without a policy fails a test.
 */

import { z } from 'zod';
import { settingsSchema } from '../../../contract/ipc-contract.ts';

/** An update channel is a file-name stem (`latest` → `latest-linux.yml`): lower-case, no path. */
const CHANNEL = /^[a-z][a-z0-9-]{0,31}$/;

/** An https URL without credentials, or empty (no update server: nothing is ever fetched). */
export const updateUrlSchema = z
  .string()
  .max(2048)
  .refine((url) => url === '' || isUsableUpdateUrl(url), {
    message: 'an update URL must be https:// and carry no user name or password',
  });

/** The update keys; merged into the settings schema by the settings layer. */
export const updateSettingsSchema = z.object({
  /** False by policy: the updater is never built, nothing is fetched. MSI installs set it false. */
  autoUpdate: z.boolean(),
  /** The generic update server (the folder holding `latest*.yml`); empty = no updates. */
  updateUrl: updateUrlSchema,
  /** Channel file stem on that server: `latest` (default), `beta`, … */
  updateChannel: z.string().regex(CHANNEL),
  /** Hours between checks while the app runs. */
  updateCheckHours: z.number().int().min(1).max(168),
});
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;
export type UpdateSettingsKey = keyof UpdateSettings;

/** Defaults: updates on, but no server until IT names one, so a fresh install fetches nothing. */
export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = {
  autoUpdate: true,
  updateUrl: '',
  updateChannel: 'latest',
  updateCheckHours: 4,
};

/**
 * True for an https:// URL without credentials. Plain http is refused even to
 * loopback: the artefact's sha512 comes from the same server, so only TLS
 * stops a network attacker from replacing both.
 */
export function isUsableUpdateUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && !url.username && !url.password;
}

/**
 * Every key IT can set: the contract's settings plus the update keys. The OS
 * policy readers validate against it and the ADMX generator walks it, so a
 * new setting shows up in both or a test fails.
 */
export const policySettingsSchema = settingsSchema.extend(updateSettingsSchema.shape);
export type PolicySettings = z.infer<typeof policySettingsSchema>;
export type PolicyKey = keyof PolicySettings;
