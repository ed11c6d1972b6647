/**
 * The authenticated HTTP side of GWS v2 (gws-api.md §1): Basic sign-in, the
 * `JSESSIONID` cookie jar (shared with the Bayeux client, so every Bayeux
 * request carries the session), the CSRF header cached from every GET and sent
 * on every POST/PUT/DELETE, and the two recoveries the docs call for —
 * 401/`statusCode 20` → sign in again once; CSRF 403 → refresh the token with
 * `GET /api/v2/me` and retry once. Expected failures come back as values, never
 * as exceptions, and the password never appears in any message.
 */

import type { Agent as HttpAgent } from 'node:http';
import { got, RequestError, type Got } from 'got';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { CookieJar } from 'tough-cookie';
import { z } from 'zod';
import { redactText } from '../ports/redact.ts';
import { buildTlsSettings, checkHttpUrl, type TlsSettings } from './config.ts';

/** Any GWS body: only `statusCode`/`statusMessage` are relied on (§5.1). */
export const statusBodySchema = z.looseObject({
  statusCode: z.number().int(),
  statusMessage: z.string().optional(),
});

export { buildTlsSettings, isInsecureServerUrl, isLoopbackHost, type TlsSettings } from './config.ts';

/** GWS paths the client uses (gws-api.md §0). */
export const GwsPath = {
  Me: 'api/v2/me',
  Calls: 'api/v2/me/calls',
  Devices: 'api/v2/me/devices',
  VoiceChannel: 'api/v2/me/channels/voice',
  Notifications: 'api/v2/notifications',
} as const;

/** GWS `statusCode` values the client reacts to (gws-api.md §5.2). */
export const GwsStatus = { Ok: 0, AccessDenied: 20 } as const;

/** Default per-request timeout. GWS answers operations at once (the outcome comes by event). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Largest REST answer read (8 MB). A call list of a busy agent is a few KB; a
 * bigger answer is cut off and reported as a network failure, never buffered
 * without bound (a hostile or broken server could send gigabytes).
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/**
 * Where the password comes from: read on demand at each (re)sign-in (e.g.
 * from the OS keychain), so the core never keeps it as a string for its life.
 */
export interface Credentials {
  username: string;
  getPassword(): string | Promise<string>;
}

/** Connection settings of a {@link GwsSession}. */
export interface GwsSessionOptions {
  /** Base URL, e.g. `https://gws.example.com:8090` (no `/api/v2`). */
  serverUrl: string;
  /** GWS user name for Basic sign-in (or `credentials.username`). */
  username?: string;
  /** Password for Basic sign-in; kept private, never logged. Prefer {@link credentials}. */
  password?: string;
  /** Username and an on-demand password source; wins over `username`/`password`. */
  credentials?: Credentials;
  /** Timeout of every HTTP request, in ms; default {@link DEFAULT_REQUEST_TIMEOUT_MS}. */
  requestTimeoutMs?: number;
  /** PEM file with extra CA certificates, added to (never replacing) Node's default roots. */
  extraCaFile?: string;
  /**
   * `http://[user:password@]host:port` of an HTTP(S) proxy for REST and Bayeux.
   * Credentials in it are used (Proxy-Authorization) and never echoed.
   */
  proxyUrl?: string;
  /** `Origin` header to send (8.6 lists it as mandatory on some operations, §1.4). */
  origin?: string;
}

/**
 * Outcome of one GWS request. `body` is the parsed JSON object on success.
 * `network`: no usable answer (the request may or may not have been executed);
 * `closed`: refused locally, nothing was sent, because the session was closed.
 */
export type GwsResult =
  | { ok: true; httpStatus: number; body: Record<string, unknown> }
  | { ok: false; kind: 'gws'; httpStatus: number; statusCode: number; message: string }
  | { ok: false; kind: 'http'; httpStatus: number; message: string }
  | { ok: false; kind: 'network'; message: string; errorCode?: string }
  | { ok: false; kind: 'closed'; message: string };

/** A failed {@link GwsResult}. */
export type GwsFailure = Extract<GwsResult, { ok: false }>;

/** Per-request options of {@link GwsSession.post}. */
export interface PostOptions {
  /** Allowed after {@link GwsSession.close} (the final `EndContactCenterSession`). */
  whileClosed?: boolean;
}

const CLOSED: GwsFailure = { ok: false, kind: 'closed', message: 'the session is closed: nothing was sent' };

const MUTATING = new Set(['POST', 'PUT', 'DELETE']);

/**
 * One agent's HTTP session. Safe to use concurrently: a re-login is shared by
 * all requests that hit the expired session at the same time, and a request
 * that failed on an older session generation just retries on the new one, so
 * one expiry costs exactly one Basic sign-in.
 */
export class GwsSession {
  /** The cookie jar; the Bayeux client reads and writes the same jar. */
  readonly cookieJar = new CookieJar();
  /** TLS settings shared with the Bayeux client. */
  readonly tls: TlsSettings;
  /** Proxy URL shared with the Bayeux client. */
  readonly proxyUrl: string | undefined;
  /** Base URL without trailing slash. */
  readonly serverUrl: string;
  /** The GWS user this session signs in as (never the password). */
  readonly username: string;
  /** `Origin` sent on every request, shared with the Bayeux client. */
  readonly origin: string | undefined;
  readonly #getPassword: () => string | Promise<string>;
  readonly #http: Got;
  #csrf: { header: string; token: string } | undefined;
  #generation = 0;
  #login: Promise<GwsResult> | undefined;
  #logins = 0;
  #closed = false;

  /** Throws a clear Error on an unusable server URL, proxy URL or CA file (configuration errors). */
  constructor(options: GwsSessionOptions) {
    this.serverUrl = checkHttpUrl('server', options.serverUrl).replace(/\/+$/, '');
    if (options.proxyUrl !== undefined) checkHttpUrl('proxy', options.proxyUrl, true);
    const username = options.credentials?.username ?? options.username;
    if (!username) throw new Error('A user name is required');
    this.username = username;
    if (options.credentials) {
      const source = options.credentials;
      this.#getPassword = () => source.getPassword();
    } else if (options.password !== undefined) {
      const password = options.password;
      this.#getPassword = () => password;
    } else {
      throw new Error('A password (or a credentials source) is required');
    }
    this.proxyUrl = options.proxyUrl;
    this.origin = options.origin;
    this.tls = buildTlsSettings(options.extraCaFile);
    const agent = options.proxyUrl
      ? {
          http: new HttpProxyAgent(options.proxyUrl) as unknown as HttpAgent,
          https: new HttpsProxyAgent(options.proxyUrl, { ca: this.tls.ca, rejectUnauthorized: true }),
        }
      : {};
    this.#http = got.extend({
      prefixUrl: this.serverUrl,
      // A cookie the jar refuses (another domain, a bad attribute) is ignored:
      // it must not turn an answered request into a failure (outcome unknown).
      cookieJar: {
        getCookieString: (url: string) => this.cookieJar.getCookieString(url),
        setCookie: (raw: string, url: string) => this.cookieJar.setCookie(raw, url, { ignoreError: true }),
      },
      timeout: { request: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      agent,
      https: { rejectUnauthorized: true, ...(this.tls.ca ? { certificateAuthority: this.tls.ca } : {}) },
      headers: options.origin ? { origin: options.origin } : {},
    });
  }

  /** Successful Basic sign-ins made by this session object (initial + re-logins). */
  get loginCount(): number {
    return this.#logins;
  }

  /** Increases on every successful sign-in; lets callers notice a new HTTP session. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Values that are secret right now (CSRF token, cookie values), for the
   * redactor to replace wherever they might be quoted. Never the password.
   */
  secrets(): string[] {
    const values = this.#csrf ? [this.#csrf.token] : [];
    try {
      for (const cookie of this.cookieJar.getCookiesSync(this.serverUrl)) values.push(cookie.value);
    } catch {
      // The jar's store is synchronous; if it ever is not, pattern redaction still applies.
    }
    return values;
  }

  /**
   * The `Authorization` value for the sign-in request, and the values a server
   * could echo back from it (the password and its Basic token), which the
   * answer's text is redacted of. Never logged or kept beyond that request.
   */
  async #basic(): Promise<{ authorization: string; secrets: string[] }> {
    const password = await this.#getPassword();
    const token = Buffer.from(`${this.username}:${password}`, 'utf8').toString('base64');
    return { authorization: `Basic ${token}`, secrets: [password, token] };
  }

  /**
   * Signs in with Basic on `GET /api/v2/me` (fresh cookie jar → fresh session and
   * CSRF token). Concurrent callers share one attempt.
   */
  signIn(): Promise<GwsResult> {
    if (this.#closed) return Promise.resolve(CLOSED);
    this.#login ??= this.#doSignIn().finally(() => {
      this.#login = undefined;
    });
    return this.#login;
  }

  async #doSignIn(): Promise<GwsResult> {
    await this.cookieJar.removeAllCookies();
    this.#csrf = undefined;
    let basic: { authorization: string; secrets: string[] };
    try {
      basic = await this.#basic();
    } catch (error) {
      return {
        ok: false,
        kind: 'closed',
        message: `the password could not be read: ${redactText((error as Error).message ?? '')}`,
      };
    }
    const result = await this.#send(
      'GET',
      GwsPath.Me,
      undefined,
      { authorization: basic.authorization },
      basic.secrets,
    );
    if (result.ok) {
      this.#generation += 1;
      this.#logins += 1;
    }
    return result;
  }

  /** `GET` with the session cookie; refreshes the cached CSRF token. */
  get(path: string): Promise<GwsResult> {
    return this.#request('GET', path, undefined);
  }

  /** `POST` a JSON body with cookie and CSRF header. */
  post(path: string, body: Record<string, unknown>, options: PostOptions = {}): Promise<GwsResult> {
    return this.#request('POST', path, body, options.whileClosed === true);
  }

  /**
   * Refuses every later request (and every re-login, including those of
   * requests already in flight) except posts made with `whileClosed`; called
   * first thing on shutdown so nothing signs the agent in again behind it.
   */
  close(): void {
    this.#closed = true;
  }

  /** True after {@link close}. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Checks the session with `GET /api/v2/me`, signing in again if it died.
   * Used by the Bayeux side before a re-handshake.
   */
  ensureSession(): Promise<GwsResult> {
    return this.get(GwsPath.Me);
  }

  /** Drops cookies and token locally (after `EndContactCenterSession`). */
  async forget(): Promise<void> {
    this.#csrf = undefined;
    await this.cookieJar.removeAllCookies();
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body: Record<string, unknown> | undefined,
    whileClosed = false,
  ): Promise<GwsResult> {
    let reauthenticated = false;
    let csrfRefreshed = false;
    for (;;) {
      if (this.#closed && !whileClosed) return CLOSED;
      const generation = this.#generation;
      const result = await this.#send(method, path, body, {});
      if (result.ok || result.kind === 'network' || result.kind === 'closed') return result;
      const authFailure =
        result.httpStatus === 401 || (result.kind === 'gws' && result.statusCode === GwsStatus.AccessDenied);
      if (authFailure && !reauthenticated) {
        reauthenticated = true;
        const relogin = await this.#reloginSince(generation, whileClosed);
        if (!relogin.ok) return relogin;
        continue;
      }
      // The CSRF refusal's body is a [gap] in the docs (plain text, HTML, JSON
      // with some statusCode...): any 403 to a mutating request gets one token
      // refresh and one retry.
      if (result.httpStatus === 403 && MUTATING.has(method) && !csrfRefreshed) {
        csrfRefreshed = true;
        const refreshed = await this.#request('GET', GwsPath.Me, undefined, whileClosed);
        if (!refreshed.ok) return refreshed;
        continue;
      }
      return result;
    }
  }

  /** Signs in again unless someone already did since `generation`; never after close unless `whileClosed`. */
  async #reloginSince(generation: number, whileClosed: boolean): Promise<GwsResult> {
    if (this.#generation !== generation) return { ok: true, httpStatus: 200, body: {} };
    if (this.#closed && !whileClosed) return CLOSED;
    if (this.#closed) {
      this.#login ??= this.#doSignIn().finally(() => {
        this.#login = undefined;
      });
      return this.#login;
    }
    return this.signIn();
  }

  async #send(
    method: 'GET' | 'POST',
    path: string,
    body: Record<string, unknown> | undefined,
    extraHeaders: Record<string, string>,
    requestSecrets: readonly string[] = [],
  ): Promise<GwsResult> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    const secrets = (): string[] => [...requestSecrets, ...this.secrets()];
    if (MUTATING.has(method) && this.#csrf) headers[this.#csrf.header] = this.#csrf.token;
    let response;
    try {
      const request = this.#http(path, { method, headers, ...(body ? { json: body } : {}) });
      void request.on('downloadProgress', (progress: { transferred: number }) => {
        if (progress.transferred > MAX_RESPONSE_BYTES) request.cancel('answer too large');
      });
      response = await request;
    } catch (error) {
      const errorCode = error instanceof RequestError && error.code ? error.code : undefined;
      const detail = redactText(String((error as Error).message ?? 'unknown error').slice(0, 300), secrets());
      return {
        ok: false,
        kind: 'network',
        message: `${method} /${path} failed${errorCode ? ` (${errorCode})` : ''}: ${detail}`,
        ...(errorCode ? { errorCode } : {}),
      };
    }
    if (method === 'GET') this.#cacheCsrf(response.headers);
    return interpret(
      method,
      path,
      response.statusCode,
      response.headers['content-type'],
      response.body,
      secrets(),
    );
  }

  #cacheCsrf(headers: Record<string, string | string[] | undefined>): void {
    const header = headers['x-csrf-header'];
    const token = headers['x-csrf-token'];
    if (typeof header === 'string' && header !== '' && typeof token === 'string' && token !== '') {
      this.#csrf = { header, token };
    }
  }
}

const jsonObject = z.record(z.string(), z.unknown());

/** Maps an HTTP answer to a {@link GwsResult}: `statusCode` wins over the HTTP status (§5.3). */
function interpret(
  method: string,
  path: string,
  httpStatus: number,
  contentType: string | undefined,
  text: string,
  secrets: readonly string[],
): GwsResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const status = statusBodySchema.safeParse(json);
  if (status.success) {
    if (status.data.statusCode === GwsStatus.Ok && httpStatus < 300) {
      return { ok: true, httpStatus, body: jsonObject.parse(json) };
    }
    if (status.data.statusCode !== GwsStatus.Ok) {
      return {
        ok: false,
        kind: 'gws',
        httpStatus,
        statusCode: status.data.statusCode,
        message: redactText(
          (status.data.statusMessage ?? `statusCode ${status.data.statusCode}`).slice(0, 300),
          secrets,
        ),
      };
    }
  }
  // Quoted only after redaction: a server or proxy that echoes request headers would print the cookie.
  const snippet = /json|text\/plain/.test(contentType ?? '')
    ? redactText(text.slice(0, 200).trim(), secrets)
    : '';
  return {
    ok: false,
    kind: 'http',
    httpStatus,
    message: `${method} /${path} answered HTTP ${httpStatus}${snippet ? `: ${snippet}` : ' with a non-GWS body'}`,
  };
}
