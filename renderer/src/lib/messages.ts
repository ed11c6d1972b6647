/**
 * Codes to words. The window decides on codes only (never parses the core's
 * `message`/`reason`); these functions are the single place that words them
 * for the agent.
 */

import type {
  AppView,
  CommandName,
  CommandResultView,
  SignInFailureCode,
  SignInResult,
  SettingsUpdateResult,
} from '../../../contract/ipc-contract.ts';

/** What each command does, in the agent's words (used inside sentences). */
export const ACTION_WORDS: Readonly<Record<CommandName, string>> = {
  toggle: 'pause or resume the recording',
  pause: 'pause the recording',
  resume: 'resume the recording',
  'start-recording': 'start recording',
  'stop-recording': 'stop recording',
  answer: 'answer the call',
  hold: 'put the call on hold',
  retrieve: 'take the call off hold',
  hangup: 'hang up',
  ready: 'set you Ready',
  'not-ready': 'set you Not ready',
  'keep-paused': 'keep the recording paused',
};

/** Words for a sign-in failure code. `detail` (the core's message) is appended only for `config`, where it names the setting. */
export function signInFailureWords(code: SignInFailureCode, detail?: string): string {
  switch (code) {
    case 'bad-credentials':
      return 'Wrong user name or password: the server refused them. Check both and try again.';
    case 'unreachable':
      return 'Cannot reach the server. Check the server address and your network connection, then try again.';
    case 'tls':
      return 'The server’s certificate is not trusted. Ask IT for the certificate authority file and choose it as the extra CA file.';
    case 'insecure-url':
      return 'This address uses plain http:// to another computer, which would send your password unencrypted. Use an https:// address.';
    case 'server-error':
      return 'The server answered, but not like Genesys Web Services. Check the server address; if it is right, the server has a problem — try again later.';
    case 'config':
      return `A setting cannot be used${detail ? ` (${detail})` : ''}. Check the server address and the extra CA file.`;
    case 'stopped':
      return 'Sign-in was cancelled.';
    case 'already-started':
      return 'You are already signed in.';
    case 'invalid-input':
      return 'Fill in the server, the user name and the password.';
  }
}

/** Words for a sign-in result; undefined when it succeeded. */
export function signInResultWords(result: SignInResult): string | undefined {
  return result.ok ? undefined : signInFailureWords(result.code, result.message);
}

/**
 * Words for a command result that is not `ok` (undefined when it is): what
 * happened and what the agent can do. `rejected` always says nothing changed;
 * `outcome-unknown` says to watch the status, never guesses.
 */
export function commandResultWords(name: CommandName, result: CommandResultView): string | undefined {
  if (result.ok) return undefined;
  const action = ACTION_WORDS[name];
  switch (result.code) {
    case 'not-connected':
      return `Could not ${action}: not connected to the server, so nothing was sent. Wait until the banner says connected.`;
    case 'no-call':
      return `Could not ${action}: there is no call for that.`;
    case 'not-capable':
      return `Could not ${action}: the call does not allow it right now.`;
    case 'pending':
      return `Could not ${action}: the server has not confirmed the last change yet. Try again in a moment.`;
    case 'invalid-state':
      return `Could not ${action}: not possible in the call’s current recording state.`;
    case 'rejected':
      return `The server refused to ${action}. Nothing changed.`;
    case 'outcome-unknown':
      return `No answer from the server: it is not known whether it did ${action}. Watch the status; it changes when the server confirms.`;
    case 'closed':
      return `Could not ${action}: the connection was closed, nothing was sent.`;
    case 'signed-out':
      return `Could not ${action}: you are signed out. Sign in first.`;
    case 'invalid-input':
      return `Could not ${action}: the request was not valid.`;
  }
}

/** Words for a settings update that was refused (undefined when it succeeded). */
export function settingsUpdateWords(result: SettingsUpdateResult, hotkeyLabel?: string): string | undefined {
  if (result.ok) return undefined;
  switch (result.code) {
    case 'hotkey-taken':
      return `${hotkeyLabel ?? 'That hotkey'} is taken by another application. The previous hotkey still works.`;
    case 'hotkey-invalid':
      return `${hotkeyLabel ?? 'That hotkey'} cannot be used as a hotkey. Try another combination.`;
    case 'locked':
      return 'This setting is managed by your IT department and cannot be changed here.';
    case 'invalid':
      return 'That value is not valid. Nothing was saved.';
  }
}

/** The connection banner: a tone for styling and the sentence. */
export interface Banner {
  tone: 'ok' | 'warn' | 'bad' | 'neutral';
  text: string;
}

/** Banner for the view (or for a lost bridge to the app in browser mode). */
export function connectionBanner(view: AppView | undefined, bridgeUp = true): Banner {
  if (!bridgeUp) {
    return {
      tone: 'bad',
      text: 'Lost contact with the app. Trying again… The status shown may be out of date.',
    };
  }
  if (!view) return { tone: 'neutral', text: 'Connecting to the app…' };
  if (view.session.phase === 'signing-in') return { tone: 'neutral', text: 'Signing in…' };
  switch (view.connection) {
    case 'connected': {
      const who = view.session.username ? ` as ${view.session.username}` : '';
      const where = view.session.demo ? 'the demo server' : (view.session.serverUrl ?? 'the server');
      return { tone: 'ok', text: `Connected to ${where}${who}.` };
    }
    case 'connecting':
      return {
        tone: 'warn',
        text: 'Reconnecting to the server… The recording status cannot be confirmed until it is back.',
      };
    case 'disconnected':
      return {
        tone: 'bad',
        text: 'Disconnected from the server. The recording status cannot be confirmed.',
      };
    case 'signed-out':
      return { tone: 'neutral', text: 'Signed out.' };
  }
}
