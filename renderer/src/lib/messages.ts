/**
 * Codes to words. The window decides on codes only (never parses the core's `message`/`reason`); these
 * functions are the single place that words them for the agent, in the agent's language (`t`).
 */

import type {
  AppView,
  CommandName,
  CommandResultView,
  SignInFailureCode,
  SignInResult,
  SettingsUpdateResult,
} from '../../../contract/ipc-contract.ts';
import { isolate, type MessageKey, type Translate } from './i18n.ts';

/** The phrase for each command, made to fill the `command.*` sentences of the same language. */
export const ACTION_KEYS: Readonly<Record<CommandName, MessageKey>> = {
  toggle: 'action.toggle',
  pause: 'action.pause',
  resume: 'action.resume',
  'start-recording': 'action.start-recording',
  'stop-recording': 'action.stop-recording',
  answer: 'action.answer',
  hold: 'action.hold',
  retrieve: 'action.retrieve',
  hangup: 'action.hangup',
  ready: 'action.ready',
  'not-ready': 'action.not-ready',
  'keep-paused': 'action.keep-paused',
};

/**
 * Words for a sign-in failure code. `detail` (the core's message) is added only for `config`, where it names
 * the setting; it is the core's own text (English until the core reports the setting by code).
 */
export function signInFailureWords(t: Translate, code: SignInFailureCode, detail?: string): string {
  if (code === 'config' && detail) return t('signin.failure.config-detail', { detail });
  return t(`signin.failure.${code}`);
}

/** Words for a sign-in result; undefined when it succeeded. */
export function signInResultWords(t: Translate, result: SignInResult): string | undefined {
  return result.ok ? undefined : signInFailureWords(t, result.code, result.message);
}

/**
 * Words for a command result that is not `ok` (undefined when it is): what happened and what the agent can do.
 * `rejected` always says nothing changed; `outcome-unknown` says to watch the status, never guesses.
 */
export function commandResultWords(
  t: Translate,
  name: CommandName,
  result: CommandResultView,
): string | undefined {
  if (result.ok) return undefined;
  return t(`command.${result.code}`, { action: t(ACTION_KEYS[name]) });
}

/** Words for a command whose answer never came back (the bridge to the app broke). */
export function commandLostWords(t: Translate, name: CommandName): string {
  return t('command.bridge-lost', { action: t(ACTION_KEYS[name]) });
}

/** Words for a settings update that was refused (undefined when it succeeded). */
export function settingsUpdateWords(
  t: Translate,
  result: SettingsUpdateResult,
  hotkeyLabel?: string,
): string | undefined {
  if (result.ok) return undefined;
  switch (result.code) {
    case 'hotkey-taken':
      return hotkeyLabel
        ? t('settings.hotkey-taken', { hotkey: hotkeyLabel })
        : t('settings.hotkey-taken-unnamed');
    case 'hotkey-invalid':
      return hotkeyLabel
        ? t('settings.hotkey-invalid', { hotkey: hotkeyLabel })
        : t('settings.hotkey-invalid-unnamed');
    case 'locked':
      return t('settings.locked');
    case 'invalid':
      return t('settings.invalid');
  }
}

/** The connection banner: a tone for styling and the sentence. */
export interface Banner {
  tone: 'ok' | 'warn' | 'bad' | 'neutral';
  text: string;
}

/** Banner for the view (or for a lost bridge to the app in browser mode). */
export function connectionBanner(t: Translate, view: AppView | undefined, bridgeUp = true): Banner {
  if (!bridgeUp) return { tone: 'bad', text: t('banner.bridge-lost') };
  if (!view) return { tone: 'neutral', text: t('banner.connecting-app') };
  if (view.session.phase === 'signing-in') return { tone: 'neutral', text: t('banner.signing-in') };
  switch (view.connection) {
    case 'connected': {
      // An address and a user name keep their own direction inside a right-to-left sentence.
      const server = view.session.demo
        ? t('banner.server-demo')
        : view.session.serverUrl
          ? isolate(view.session.serverUrl)
          : t('banner.server-unnamed');
      const user = view.session.username ? isolate(view.session.username) : undefined;
      return {
        tone: 'ok',
        text: user ? t('banner.connected-as', { server, user }) : t('banner.connected', { server }),
      };
    }
    case 'connecting':
      return { tone: 'warn', text: t('banner.reconnecting') };
    case 'disconnected':
      return { tone: 'bad', text: t('banner.disconnected') };
    case 'signed-out':
      return { tone: 'neutral', text: t('banner.signed-out') };
  }
}
