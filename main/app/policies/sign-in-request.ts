/**
 * What a sign-in from the window means once IT's managed settings have their
 * say, as pure functions: a locked server or user name cannot be swapped, a
 * locked connection setting wins over the request (the form shows it
 * read-only), and what the sign-in saves leaves locked keys alone. Also the
 * sign-in the app runs by itself at start (the saved account, when its
 * password is remembered).
 */

import type { Settings, SettingsKey, SignInRequest, Transport } from '../../../contract/ipc-contract.ts';

/** A connection to sign in with (a real GWS). */
export interface SignInConfig {
  serverUrl: string;
  username: string;
  /** Empty/absent: use the remembered password. */
  password?: string;
  rememberPassword: boolean;
  transport: Transport;
  extraCaFile?: string;
  proxyUrl?: string;
}

/** A sign-in request resolved against the settings: refused, or what to sign in with and what to save. */
export type ResolvedSignIn =
  | { ok: false; code: 'config'; message: string }
  | { ok: true; config: SignInConfig; save: Partial<Settings> };

/** Resolves a validated request against the current `values` and the keys IT `locked`. */
export function resolveSignIn(
  request: SignInRequest,
  values: Settings,
  locked: readonly SettingsKey[],
): ResolvedSignIn {
  if (locked.includes('serverUrl') && request.serverUrl.trim() !== values.serverUrl) {
    return {
      ok: false,
      code: 'config',
      message: `Your IT department set the server to ${values.serverUrl}.`,
    };
  }
  if (locked.includes('username') && values.username && request.username.trim() !== values.username) {
    return { ok: false, code: 'config', message: `Your IT department set the user to ${values.username}.` };
  }
  const pick = <K extends SettingsKey>(key: K, wanted: Settings[K] | undefined): Settings[K] =>
    locked.includes(key) ? values[key] : (wanted ?? values[key]);
  const transport = pick('transport', request.transport);
  const extraCaFile = pick('extraCaFile', request.extraCaFile);
  const rememberPassword = pick('rememberPassword', request.rememberPassword);
  const config: SignInConfig = {
    serverUrl: request.serverUrl,
    username: request.username,
    password: request.password,
    rememberPassword,
    transport,
    ...(extraCaFile ? { extraCaFile } : {}),
    ...(values.proxyUrl ? { proxyUrl: values.proxyUrl } : {}),
  };
  const wanted: Partial<Settings> = {
    serverUrl: request.serverUrl.trim(),
    username: request.username.trim(),
    rememberPassword,
    transport,
    extraCaFile,
  };
  const save = Object.fromEntries(
    Object.entries(wanted).filter(([key]) => !locked.includes(key as SettingsKey)),
  ) as Partial<Settings>;
  return { ok: true, config, save };
}

/**
 * The sign-in the app runs at start from the saved settings: `demo` when no
 * server is configured, the saved account when a password may be remembered
 * for it (the caller checks the store), else none (the window asks).
 */
export function startupSignIn(values: Settings): 'demo' | 'none' | SignInConfig {
  if (values.serverUrl === '') return 'demo';
  if (!values.rememberPassword || values.username === '') return 'none';
  return {
    serverUrl: values.serverUrl,
    username: values.username,
    rememberPassword: true,
    transport: values.transport,
    ...(values.extraCaFile ? { extraCaFile: values.extraCaFile } : {}),
    ...(values.proxyUrl ? { proxyUrl: values.proxyUrl } : {}),
  };
}
