/**
 * Settings changes from the window, with what each one sets off: a locked or
 * invalid key is refused, a new hotkey is registered before it is saved (a
 * taken one is not saved), start-at-login goes to the login item, switching
 * "remember password" off deletes the stored password at once, and a new
 * connection setting restarts a real server's core with the same account.
 */

import type { SettingsKey, SettingsUpdateResult } from '../../../contract/ipc-contract.ts';
import type { SettingsLayer } from '../policies/settings.ts';
import type { LoginItemPort } from '../ports/app-ports.ts';
import type { HotkeyBinder } from './hotkey-binder.ts';
import type { SessionController } from './session-controller.ts';

/** Settings whose change restarts the core (same account, same password). */
const CONNECTION_KEYS: readonly SettingsKey[] = ['transport', 'extraCaFile', 'proxyUrl'];

/** Dependencies of {@link updateSettings}. */
export interface SettingsServiceDeps {
  settings: SettingsLayer;
  session: SessionController;
  hotkey: HotkeyBinder;
  loginItem?: LoginItemPort;
}

/** Applies a settings patch from the window; the answer carries the settings as they are now. */
export async function updateSettings(
  deps: SettingsServiceDeps,
  patch: unknown,
): Promise<SettingsUpdateResult> {
  const { settings } = deps;
  const refused = (code: Exclude<SettingsUpdateResult, { ok: true }>['code'], message: string) =>
    ({ ok: false, code, message, settings: settings.view() }) as const;
  const checked = settings.check(patch);
  if (!checked.ok) return refused(checked.code, checked.message);
  const wanted = checked.patch.hotkey;
  if (wanted !== undefined && wanted !== settings.values().hotkey) {
    const applied = deps.hotkey.change(wanted);
    if (!applied.ok)
      return refused(applied.code === 'taken' ? 'hotkey-taken' : 'hotkey-invalid', applied.message);
  }
  const updated = settings.update(checked.patch);
  if (!updated.ok) return refused(updated.code, updated.message);
  await afterUpdate(deps, updated.changed);
  return { ok: true, settings: settings.view() };
}

/** What saved changes set off: the login item, forgetting the password, restarting the core. */
async function afterUpdate(deps: SettingsServiceDeps, changed: readonly SettingsKey[]): Promise<void> {
  const values = deps.settings.values();
  if (deps.loginItem && (changed.includes('startAtLogin') || changed.includes('startHidden'))) {
    deps.loginItem.set(values.startAtLogin, values.startHidden);
  }
  // "Remember password" switched off: the stored password goes now, not at the next sign-in.
  if (changed.includes('rememberPassword') && !values.rememberPassword && values.serverUrl) {
    await deps.session.forgetPassword(values.serverUrl, values.username);
  }
  const session = deps.session.state();
  if (session.phase === 'signed-in' && !session.demo && changed.some((k) => CONNECTION_KEYS.includes(k))) {
    void deps.session.reconfigure({
      serverUrl: session.serverUrl ?? values.serverUrl,
      username: session.username ?? values.username,
      transport: values.transport,
      extraCaFile: values.extraCaFile,
      proxyUrl: values.proxyUrl,
    });
  }
}
