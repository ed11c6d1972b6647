/**
 * Checks the server address an agent typed before anything is sent: a URL,
 * http(s), no credentials inside it, and never plain http to a host that is not
 * loopback (Basic would carry the password in clear text). The loopback rule is
 * the core's own (`isInsecureServerUrl`), so the app and the core refuse the
 * same addresses; the app only says it in the agent's words, before a core is built.
 */

import type { SignInFailureCode } from '../../../contract/ipc-contract.ts';
import { isInsecureServerUrl } from '../../core/gws/config.ts';

/** Why a server address is refused, in the agent's words. */
export interface ServerUrlProblem {
  code: SignInFailureCode;
  message: string;
}

/** The problem with `serverUrl`, or `undefined` when it may be used. */
export function checkServerUrl(serverUrl: string): ServerUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return {
      code: 'config',
      message: 'The server address is not a URL; expected e.g. https://gws.example.com:8090',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { code: 'config', message: 'The server address must start with https://' };
  }
  if (url.username || url.password) {
    return { code: 'config', message: 'The server address must not contain a user name or password.' };
  }
  if (isInsecureServerUrl(serverUrl)) {
    return {
      code: 'insecure-url',
      message: 'Plain http:// would send the password unencrypted; use https://',
    };
  }
  return undefined;
}
