/**
 * Checks of the connection settings a GWS session is built from: server and
 * proxy URLs (never echoed with credentials), the plain-http rule, and the
 * TLS trust settings shared by REST and Bayeux.
 */

import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

/** TLS options for both got and faye: verification always on, extra CA appended to the defaults. */
export interface TlsSettings {
  rejectUnauthorized: true;
  ca: string[] | undefined;
}

/** Builds {@link TlsSettings}; throws a clear Error if the CA file cannot be read. */
export function buildTlsSettings(extraCaFile: string | undefined): TlsSettings {
  if (extraCaFile === undefined) return { rejectUnauthorized: true, ca: undefined };
  let extra: string;
  try {
    extra = readFileSync(extraCaFile, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the extra CA file ${extraCaFile}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { rejectUnauthorized: true, ca: [...rootCertificates, extra] };
}

/**
 * Returns `url` if it is an absolute http(s) URL, else throws naming `what`.
 * Text that fails to parse is echoed only when it cannot hold credentials (no
 * `@`): `https://user:pass word@host` must not be printed with its password.
 */
export function checkHttpUrl(what: string, url: string, allowCredentials = false): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const shown =
      /[@]/.test(url) || url.length > 200 ? '(not shown: it may contain credentials)' : `"${url}"`;
    throw new Error(`The ${what} URL ${shown} is not a URL; expected e.g. https://gws.example.com:8090`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`The ${what} URL must start with http:// or https:// (got ${parsed.protocol})`);
  }
  if (!allowCredentials && (parsed.username || parsed.password)) {
    throw new Error(`The ${what} URL must not carry credentials; the password is never taken from a URL`);
  }
  return url;
}

/** True for loopback host names: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * True when `serverUrl` is plain `http:` to a host that is not loopback: Basic
 * sign-in would send the password in clear text, so the core refuses it
 * (`insecure-url`) before any request.
 */
export function isInsecureServerUrl(serverUrl: string): boolean {
  try {
    const parsed = new URL(serverUrl);
    return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}
