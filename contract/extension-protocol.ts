/**
 * The messages of the automatic pause between the browser extension's content script, its service worker, the
 * native messaging host and the app, and the one pattern language they share.
 *
 * Contract: every message is a small flat object with a fixed set of keys; the validators below accept exactly
 * those keys and refuse anything else, so a field value, page text, title or query string has no slot to ride
 * in (card data can reach the page, and the extension must never carry it). Trigger messages carry only an event
 * kind, a rule id, a per-tab step id and a timestamp. Page rules' URL patterns are globs (`*` only) matched by a
 * linear-time matcher against origin + path — never the query string or fragment — so a hostile pattern cannot
 * freeze the page or the app.
 *
 * Why no zod here: this file is bundled into the content script of every matching page, where size and start-up
 * matter; the hand validator is a few lines and exact.
 */

/** Version of the protocol; a peer that speaks another one is refused. */
export const EXTENSION_PROTOCOL_VERSION = 1;

/** What the content script saw, in order of a payment step's life. */
export const TRIGGER_KINDS = ['step-start', 'field-focus', 'field-blur', 'submit', 'step-end'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/**
 * What the page overlay shows. `pausing`/`paused` are the server's word only (`paused` after GWS confirmed);
 * `not-paused` is the deadline alarm; `no-call` and `no-app` say why nothing was sent; `cap-*` the hard cap.
 */
export const PAGE_STATES = [
  'idle',
  'pausing',
  'paused',
  'not-paused',
  'no-call',
  'no-app',
  'cap-warning',
  'cap-ended',
] as const;
export type PageState = (typeof PAGE_STATES)[number];

/** One IT-listed payment page: a URL glob and, optionally, CSS selectors of card fields besides the standard ones. */
export interface PageRule {
  readonly id: string;
  readonly url: string;
  readonly selectors: readonly string[];
}

/** Content script → service worker (over its step port): one observation, nothing of the page. */
export interface ContentTrigger {
  readonly type: 'trigger';
  readonly kind: TriggerKind;
  readonly ruleId: string;
  readonly at: number;
}

/** Service worker → host → app: the content observation with the step id the service worker assigned. */
export interface TriggerMessage {
  readonly v: typeof EXTENSION_PROTOCOL_VERSION;
  readonly type: 'trigger';
  readonly kind: TriggerKind;
  readonly ruleId: string;
  readonly stepId: string;
  readonly at: number;
}

/** Service worker → host → app: a new connection asks for the rules. */
export interface HelloMessage {
  readonly v: typeof EXTENSION_PROTOCOL_VERSION;
  readonly type: 'hello';
}

/** Everything the app accepts from the extension side. */
export type ExtensionToApp = TriggerMessage | HelloMessage;

/** App → extension: the current page rules. */
export interface RulesMessage {
  readonly v: typeof EXTENSION_PROTOCOL_VERSION;
  readonly type: 'rules';
  readonly pages: readonly PageRule[];
}

/** App (or the host, for `no-app`) → extension: what the overlay shows now. */
export interface StateMessage {
  readonly v: typeof EXTENSION_PROTOCOL_VERSION;
  readonly type: 'state';
  readonly state: PageState;
}

/** Everything the extension accepts from the app side. */
export type AppToExtension = RulesMessage | StateMessage;

/** Rule ids: short, no spaces, nothing that could hold a card number's worth of text. */
const RULE_ID = /^[A-Za-z0-9_.-]{1,40}$/;
/** Step ids are assigned by the service worker: `<tab>.<frame>.<counter>`. */
const STEP_ID = /^[0-9]{1,10}\.[0-9]{1,10}\.[0-9]{1,10}$/;
const MAX_SELECTORS = 20;
const MAX_SELECTOR_LENGTH = 200;
const MAX_PATTERN_LENGTH = 500;
const MAX_PAGES = 100;

type Loose = Record<string, unknown>;

/** True when `value` is a plain object whose keys are exactly `keys`. */
function hasExactKeys(value: unknown, keys: readonly string[]): value is Loose {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** True when `id` may name a rule. */
export function isRuleId(id: unknown): id is string {
  return typeof id === 'string' && RULE_ID.test(id);
}

/** Validates a content script's observation (the service worker trusts nothing a page's context sent). */
export function parseContentTrigger(value: unknown): ContentTrigger | undefined {
  if (!hasExactKeys(value, ['type', 'kind', 'ruleId', 'at'])) return undefined;
  if (value.type !== 'trigger' || !isOneOf(value.kind, TRIGGER_KINDS)) return undefined;
  if (!isRuleId(value.ruleId) || !isTime(value.at)) return undefined;
  return { type: 'trigger', kind: value.kind, ruleId: value.ruleId, at: value.at };
}

/** Validates one message from the extension side; `undefined` when it is not exactly a protocol message. */
export function parseExtensionToApp(value: unknown): ExtensionToApp | undefined {
  if (hasExactKeys(value, ['v', 'type'])) {
    return value.v === EXTENSION_PROTOCOL_VERSION && value.type === 'hello'
      ? { v: EXTENSION_PROTOCOL_VERSION, type: 'hello' }
      : undefined;
  }
  if (!hasExactKeys(value, ['v', 'type', 'kind', 'ruleId', 'stepId', 'at'])) return undefined;
  if (value.v !== EXTENSION_PROTOCOL_VERSION || value.type !== 'trigger') return undefined;
  if (!isOneOf(value.kind, TRIGGER_KINDS) || !isRuleId(value.ruleId) || !isTime(value.at)) return undefined;
  if (typeof value.stepId !== 'string' || !STEP_ID.test(value.stepId)) return undefined;
  const { kind, ruleId, stepId, at } = value;
  return { v: EXTENSION_PROTOCOL_VERSION, type: 'trigger', kind, ruleId, stepId, at };
}

/** True when `pattern` is a URL glob the extension may match: bounded, and no query or fragment part. */
export function isUrlPattern(pattern: unknown): pattern is string {
  return (
    typeof pattern === 'string' &&
    pattern.length > 0 &&
    pattern.length <= MAX_PATTERN_LENGTH &&
    !pattern.includes('?') &&
    !pattern.includes('#')
  );
}

function parsePageRule(value: unknown): PageRule | undefined {
  if (!hasExactKeys(value, ['id', 'url', 'selectors'])) return undefined;
  if (!isRuleId(value.id) || !isUrlPattern(value.url) || !Array.isArray(value.selectors)) return undefined;
  const selectors: unknown[] = value.selectors;
  if (selectors.length > MAX_SELECTORS) return undefined;
  if (!selectors.every((s) => typeof s === 'string' && s.length > 0 && s.length <= MAX_SELECTOR_LENGTH)) {
    return undefined;
  }
  return { id: value.id, url: value.url, selectors: selectors as string[] };
}

/** Validates one message from the app side. */
export function parseAppToExtension(value: unknown): AppToExtension | undefined {
  if (hasExactKeys(value, ['v', 'type', 'state'])) {
    if (value.v !== EXTENSION_PROTOCOL_VERSION || value.type !== 'state') return undefined;
    return isOneOf(value.state, PAGE_STATES)
      ? { v: EXTENSION_PROTOCOL_VERSION, type: 'state', state: value.state }
      : undefined;
  }
  if (!hasExactKeys(value, ['v', 'type', 'pages'])) return undefined;
  if (value.v !== EXTENSION_PROTOCOL_VERSION || value.type !== 'rules' || !Array.isArray(value.pages)) {
    return undefined;
  }
  const raw: unknown[] = value.pages;
  if (raw.length > MAX_PAGES) return undefined;
  const pages = raw.map(parsePageRule);
  if (pages.some((p) => p === undefined)) return undefined;
  return { v: EXTENSION_PROTOCOL_VERSION, type: 'rules', pages: pages as PageRule[] };
}

/** The failure function of Knuth–Morris–Pratt for `needle`. */
function prefixTable(needle: string): Int32Array {
  const table = new Int32Array(needle.length);
  let k = 0;
  for (let i = 1; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = table[k - 1] ?? 0;
    if (needle[i] === needle[k]) k++;
    table[i] = k;
  }
  return table;
}

/** Index just past the first occurrence of `needle` in `text[from, limit)`, or -1 (KMP: linear). */
function findAfter(text: string, needle: string, from: number, limit: number): number {
  if (needle.length === 0) return from;
  const table = prefixTable(needle);
  let k = 0;
  for (let i = from; i < limit; i++) {
    while (k > 0 && text[i] !== needle[k]) k = table[k - 1] ?? 0;
    if (text[i] === needle[k]) k++;
    if (k === needle.length) return i + 1;
  }
  return -1;
}

/**
 * True when `text` matches `pattern`, where `*` stands for any run of characters and everything else is
 * literal (case-sensitive). Linear in `pattern.length + text.length`: the literal pieces between stars are
 * found left to right, each by KMP from where the previous one ended (the leftmost match of each piece is
 * always a safe choice), so no input backtracks.
 */
export function globMatch(pattern: string, text: string): boolean {
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1] ?? '';
  if (!text.startsWith(first) || text.length < first.length + last.length) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    const after = findAfter(text, piece, position, end);
    if (after < 0) return false;
    position = after;
  }
  return text.endsWith(last);
}

/** The part of a URL that rules see: origin and path, never the query string or fragment. */
export function matchableUrl(href: string): string {
  const cut = href.search(/[?#]/);
  return cut < 0 ? href : href.slice(0, cut);
}

/** The first rule whose pattern matches `href` (query and fragment stripped), if any. */
export function matchPageRule(rules: readonly PageRule[], href: string): PageRule | undefined {
  const url = matchableUrl(href);
  return rules.find((rule) => globMatch(rule.url, url));
}
