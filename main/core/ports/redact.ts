/**
 * Secret scrubbing for everything the core says: log lines, their fields,
 * error events and quoted server text. The rule of the project is that no
 * password, cookie, CSRF token or `Authorization` value ever reaches a log or
 * a message, including text a hostile or careless server echoes back (a proxy
 * error page that prints the request headers, a URL with credentials).
 *
 * The rule for a key named like a secret (`set-cookie`, `authorization`,
 * `password`, …) is: whatever its value's type (string, array, object, number),
 * the whole value is redacted, in structured fields and in text alike (a JSON
 * body or an inspected object echoed in a message). A name/value list
 * (`[['set-cookie', …]]`, Node's raw header list) or a `Map` counts as keyed.
 *
 * Three layers, all applied by {@link redactText}:
 * - literals: values the caller knows are secret right now (the current
 *   session cookie values, the CSRF token), replaced wherever they appear;
 * - structures: the array, object or number after a secret-named key in
 *   JSON-like text, cut out whole (brackets matched, strings skipped);
 * - patterns: header lines and JSON/query fields named like a secret, cookie
 *   pairs, `Basic`/`Bearer` credentials, credentials inside URLs.
 */

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/** Field names whose values are secret wherever they appear (case-insensitive). */
const SECRET_KEY = /pass(word|wd)?|secret|cookie|csrf|authori[sz]ation|token|jsessionid|credential/i;

/** A bare name in a name/value list (a header name, a field name), not prose. */
const BARE_NAME = /^[\w.-]{1,64}$/;

/**
 * A key in JSON-like text (`"set-cookie":`, `'authorization':`, `password:`)
 * followed by a structure or a number; {@link redactStructures} cuts the value
 * out when the key is named like a secret.
 */
const KEY_BEFORE_VALUE = /("[^"\\\n]*"|'[^'\\\n]*'|\b[\w-]+)\s*:\s*(?=[[{]|-?\d)/g;

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
  out = redactStructures(out);
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement as (...groups: string[]) => string);
  }
  return out;
}

/** Replaces the array, object or number after each secret-named key in `text` with the redacted marker. */
function redactStructures(text: string): string {
  let out = '';
  let from = 0;
  KEY_BEFORE_VALUE.lastIndex = 0;
  for (let match = KEY_BEFORE_VALUE.exec(text); match; match = KEY_BEFORE_VALUE.exec(text)) {
    if (!SECRET_KEY.test(match[1] ?? '')) continue; // not a secret: look inside its value too
    const start = match.index + match[0].length;
    const end = endOfValue(text, start);
    out += `${text.slice(from, start)}"${REDACTED}"`;
    from = end;
    KEY_BEFORE_VALUE.lastIndex = end;
  }
  return out + text.slice(from);
}

/**
 * Where the value starting at `start` ends: a number ends at the next
 * delimiter; an array or object at its matching bracket (quoted strings
 * skipped, escapes honoured), or at the end of a text that was cut.
 */
function endOfValue(text: string, start: number): number {
  if (text[start] !== '[' && text[start] !== '{') {
    const token = /^[^\s,;}\]]*/.exec(text.slice(start));
    return start + (token?.[0].length ?? 0);
  }
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth += 1;
    else if ((c === ']' || c === '}') && --depth === 0) return i + 1;
  }
  return text.length;
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
  if (Array.isArray(value)) return redactList(value, secrets, depth);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, 50)) {
    const name = String(key);
    out[name] = SECRET_KEY.test(name) ? REDACTED : redactFields(item, secrets, depth + 1);
  }
  return out;
}

/**
 * Redacts a list item by item; in a name/value list (`['set-cookie', v]`,
 * Node's raw headers `[name, value, name, value…]`) the item after a bare
 * secret-named string is the secret's value, whatever its type.
 */
function redactList(list: readonly unknown[], secrets: readonly string[], depth: number): unknown[] {
  const items = list.slice(0, 50);
  return items.map((item, i) => {
    const before = items[i - 1];
    const named = typeof before === 'string' && BARE_NAME.test(before) && SECRET_KEY.test(before);
    return named ? REDACTED : redactFields(item, secrets, depth + 1);
  });
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
