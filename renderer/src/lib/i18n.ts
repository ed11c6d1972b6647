/**
 * The window's language: which locale it shows (a `locale` setting, which IT can lock, wins over the browser's
 * languages), the translator every component reads from Svelte context, and rich messages (a message whose
 * argument is shown in its own element, e.g. the time paused in bold). A missing message is reported by key only,
 * never with its values (a value can be a caller's number).
 */

import { getContext } from 'svelte';
import { en, type Catalogue, type MessageKey } from '../../../i18n/catalogues/en.ts';
import {
  DEFAULT_LOCALE,
  PSEUDO_LOCALE,
  SUPPORTED_LOCALES,
  isAppLocale,
  negotiateLocale,
  type AppLocale,
} from '../../../i18n/locales.ts';
import {
  translatorFor,
  type MessageValues,
  type MissingMessage,
  type Translate,
  type Translator,
} from '../../../i18n/runtime.ts';

// Only English and the runtime are bundled here: the window loads its own language (`loadCatalogue`).
export { loadCatalogue } from '../../../i18n/load.ts';
export type { Catalogue, MessageKey } from '../../../i18n/catalogues/en.ts';
export type { Translate, Translator } from '../../../i18n/runtime.ts';

/** What components read from context: a getter, so a change of language re-renders them. */
export interface I18n {
  readonly tr: Translator;
}

/** The context key (a symbol: no component can collide with it). */
export const I18N_CONTEXT = Symbol('i18n');

/** Reports a message that fell back to English (key only). */
function reportMissing(missing: MissingMessage): void {
  console.warn(`i18n: ${missing.reason} message ${missing.key} for ${missing.locale}; English shown`);
}

/** A translator for the window over a loaded catalogue (missing messages reported on the console by key). */
export function windowTranslator(locale: AppLocale, catalogue: Catalogue): Translator {
  return translatorFor(locale, catalogue, { onMissing: reportMissing });
}

const ENGLISH: I18n = { tr: windowTranslator(DEFAULT_LOCALE, en) };

/** The English translator (what the window speaks until the agent's language is loaded, if it fails to load). */
export const englishTranslator: Translator = ENGLISH.tr;

/** The translator from context; English when a component is rendered alone (no context). */
export function useI18n(): I18n {
  return getContext<I18n | undefined>(I18N_CONTEXT) ?? ENGLISH;
}

/** The `locale` field of a view or settings object, read loosely until the contract carries it. */
export function localeSettingOf(source: unknown): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const direct = (source as { locale?: unknown }).locale;
  if (typeof direct === 'string' && direct !== '') return direct;
  const values = (source as { values?: { locale?: unknown } }).values;
  return typeof values?.locale === 'string' && values.locale !== '' ? values.locale : undefined;
}

/**
 * The locale to show: the first usable `locale` setting (`auto` or empty means "follow the agent's
 * languages"; the pseudo-locale only ever by setting), else the best match for `languages`.
 */
export function pickLocale(
  settings: readonly (string | undefined)[],
  languages: readonly string[],
): AppLocale {
  for (const setting of settings) {
    if (setting === undefined || setting === 'auto') continue;
    if (setting === PSEUDO_LOCALE || isAppLocale(setting)) return setting;
    return negotiateLocale([setting, ...languages], SUPPORTED_LOCALES, DEFAULT_LOCALE);
  }
  return negotiateLocale(languages, SUPPORTED_LOCALES, DEFAULT_LOCALE);
}

/** `text` isolated for bidi (FSI … PDI): a phone number or name keeps its own direction inside a sentence. */
export function isolate(text: string): string {
  return `${String.fromCodePoint(0x2068)}${text}${String.fromCodePoint(0x2069)}`;
}

/** A private-use character no message contains: marks where the rich argument goes. */
const SLOT = '\uE000';

/** A message cut around one argument, so the argument can get its own element (`<strong>`, `<bdi>`). */
export interface RichMessage {
  before: string;
  value: string;
  after: string;
}

/** `key` formatted with `values`, cut around `slot` (whose text is `values[slot]`). */
export function richMessage(t: Translate, key: MessageKey, slot: string, values: MessageValues): RichMessage {
  const text = t(key, { ...values, [slot]: SLOT });
  const at = text.indexOf(SLOT);
  const value = String(values[slot] ?? '');
  if (at < 0) return { before: text, value: '', after: '' };
  return { before: text.slice(0, at), value, after: text.slice(at + SLOT.length) };
}
