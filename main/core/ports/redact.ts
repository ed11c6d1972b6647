/**
 * Secret scrubbing for everything the core says: log lines, their fields,
 * error events and quoted server text. The rule of the project is that no
 * password, cookie, CSRF token or `Authorization` value ever reaches a log or
 * a message, including text a hostile or careless server echoes back (a proxy
 * error page that prints the request headers, a URL with credentials).
 *
 * Two layers, both applied by {@link redactText}:
 * - patterns: header lines and JSON/query fields named like a secret, cookie
 *   pairs, `Basic`/`Bearer` credentials, credentials inside URLs;
 * - literals: values the caller knows are secret right now (the current
 *   session cookie values, the CSRF token), replaced wherever they appear.
 */

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/** Field names whose values are secret wherever they appear (case-insensitive). */
const SECRET_KEY = /pass(word|wd)?|secret|cookie|csrf|authori[sz]ation|token|jsessionid|credential/i;

/** Longest string we scan; longer text is cut first (bounded work on hostile input). */
const MAX_TEXT = 4_096;

/** How deep {@link redactFields} descends; deeper structure is replaced, never recursed into. */
const MAX_DEPTH = 6;

const PATTERNS: readonly [RegExp, string | ((...groups: string[]) => string)][] = [
  // URL credentials: scheme://user:password@host → scheme://user:[redacted]@host
  [
    /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]*):([^\s/@]*)@/gi,
    (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`,
  ],
  // Header lines (raw or echoed): Authorization, Cookie, Set-Cookie, X-CSRF-TOKEN, Proxy-Authorization.
  [
    /\b((?:proxy-)?authori[sz]ation|set-cookie|cookie|x-csrf-token|x-xsrf-token)(\s*[:=]\s*)([^\r\n]*)/gi,
    (_m, name, sep) => `${name}${sep}${REDACTED}`,
  ],
  // JSON fields: "password": "..." (and the other secret names).
  [
    /("[^"]*(?:pass(?:word|wd)?|secret|cookie|csrf|authori[sz]ation|token|jsessionid|credential)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    (_m, key) => `${key}"${REDACTED}"`,
  ],
  // Query/form pairs and bare cookie pairs: password=..., JSESSIONID=...
  [
    /\b([\w-]*(?:pass(?:word|wd)?|secret|csrf|token|jsessionid|session_?id)[\w-]*)=([^\s&;,"']+)/gi,
    (_m, key) => `${key}=${REDACTED}`,
  ],
  // Credentials schemes that slipped through without a header name.
  [/\b(Basic|Bearer|Digest)\s+[A-Za-z0-9+/=._~-]{6,}/g, (_m, scheme) => `${scheme} ${REDACTED}`],
];

/**
 * Returns `text` with secrets replaced by {@link REDACTED}: every pattern
 * above, and every literal in `secrets` (values shorter than 4 characters are
 * ignored: replacing them would shred ordinary words). Text longer than 4 KB
 * is cut (with a note) before scanning.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out =
    text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more chars)` : text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement as (...groups: string[]) => string);
  }
  return out;
}

/**
 * Redacts a structured value for a log line: keys named like a secret get
 * {@link REDACTED}, strings go through {@link redactText}, structure deeper
 * than a few levels or wider than 50 entries is summarised instead of walked
 * (a hostile body can be arbitrarily deep). Never throws, never recurses
 * without bound.
 */
export function redactFields(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? `[${typeof value}]` : value;
  }
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[array]' : '[object]';
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`, secrets);
  if (Array.isArray(value)) {
    return value.slice(0, 50).map((item) => redactFields(item, secrets, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 50)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactFields(item, secrets, depth + 1);
  }
  return out;
}

/**
 * A URL safe to show: without user info, query or fragment (both may carry
 * tokens). Text that is not a URL is not echoed at all (it may be a URL with
 * credentials that failed to parse): a fixed placeholder is returned instead.
 */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(an unparsable URL, not shown)';
  }
}

/**
 * A short, depth-safe description of any thrown or received value: never
 * `String(value)` on arbitrary structure (a 5,000-deep array overflows the
 * stack), never more than 300 characters, always redacted.
 */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return redactText(value.message.slice(0, 300));
  if (typeof value === 'string') return redactText(value.slice(0, 300));
  if (value === null || typeof value !== 'object') return String(value).slice(0, 300);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const keys = Object.keys(value).slice(0, 5);
  return `an object with ${keys.length === 0 ? 'no keys' : `keys ${keys.join(', ')}`}`;
}
