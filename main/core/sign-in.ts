/**
 * How a failed sign-in is told to the shell: a {@link SignInFailureCode} the
 * UI words (it never parses the message), and a message for people that
 * never echoes the password.
 */

import type { AgentCore } from './agent-core.ts';
import type { Clock } from './ports/clock.ts';
import type { CommandResult } from './state/commands.ts';
import type { SignInFailureCode, StartResult } from './core-events.ts';
import type { GwsFailure } from './gws/session.ts';
import { Workspace } from './state/workspace.ts';

/**
 * Certificate and TLS-handshake error codes of Node/OpenSSL (got passes them
 * through as `error.code`): an untrusted or wrong certificate, not an outage.
 */
const TLS_ERROR =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_(VERIFY|GET)_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|EPROTO$|HOSTNAME_MISMATCH)/;

/** Maps a failed sign-in request to a {@link StartResult}. */
export function signInFailure(serverUrl: string, result: GwsFailure): Extract<StartResult, { ok: false }> {
  const fail = (code: SignInFailureCode, message: string): Extract<StartResult, { ok: false }> => ({
    ok: false as const,
    code,
    message,
  });
  if (result.kind === 'network') {
    if (result.errorCode !== undefined && TLS_ERROR.test(result.errorCode)) {
      return fail(
        'tls',
        `cannot reach GWS at ${serverUrl}: its certificate is not trusted (${result.message})`,
      );
    }
    if (result.errorCode === 'ERR_CANCELED') {
      return fail('server-error', `sign-in failed at ${serverUrl}: ${result.message}`);
    }
    return fail('unreachable', `cannot reach GWS at ${serverUrl}: ${result.message}`);
  }
  if (result.kind === 'closed') return fail('config', `sign-in abandoned: ${result.message}`);
  if (result.httpStatus === 401 || (result.kind === 'gws' && result.statusCode === 20)) {
    return fail('bad-credentials', `sign-in refused by ${serverUrl}: check the user name and password`);
  }
  return fail('server-error', `sign-in failed at ${serverUrl}: ${result.message}`);
}

/**
 * The core made from an unusable configuration: `start()` answers `config`
 * with `message`, commands answer `not-connected`, the snapshot is
 * `disconnected`. Lets `createAgentCore` never throw.
 */
export function unconfiguredCore(clock: Clock, message: string): AgentCore {
  const workspace = new Workspace({
    clock,
    onChange: () => undefined,
    onRecordingError: () => undefined,
    onNeedsRefresh: () => undefined,
  });
  const refuse = async (): Promise<CommandResult> => ({
    ok: false,
    code: 'not-connected',
    reason: `not signed in: ${message}`,
  });
  return {
    start: async () => ({ ok: false, code: 'config', message }),
    stop: async () => undefined,
    getSnapshot: () => workspace.snapshot(),
    subscribe: () => () => undefined,
    reconnectNow: () => undefined,
    toggleRecording: refuse,
    pauseRecording: refuse,
    resumeRecording: refuse,
    startRecording: refuse,
    stopRecording: refuse,
    answer: refuse,
    hold: refuse,
    retrieve: refuse,
    hangup: refuse,
    ready: refuse,
    notReady: refuse,
    loginCount: 0,
  };
}
