/**
 * The locales we ship, which way each one writes, and how the agent's own list of languages (the OS's or the
 * browser's, best first) maps onto them. Plain data and `Intl.Locale`: no Node or DOM API, so the main process,
 * the window and the extension all use the same rules.
 */

/** Every locale with a complete catalogue, English first (the fallback). */
export const SUPPORTED_LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ar'] as const;

/** The pseudo-locale (accented, ~40 % longer, bracketed): shows what would truncate; never negotiated to. */
export const PSEUDO_LOCALE = 'en-XA';

/** A locale we have a catalogue for. */
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** A locale the translator accepts: a shipped one or the pseudo-locale. */
export type AppLocale = SupportedLocale | typeof PSEUDO_LOCALE;

/** The fallback language. */
export const DEFAULT_LOCALE: SupportedLocale = 'en';

/** Scripts written right to left (by ISO 15924 code, as `Intl.Locale.maximize()` reports them). */
const RTL_SCRIPTS: ReadonlySet<string> = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

/** `rtl` for a language written right to left (ar, he, fa, ur, …), else `ltr`; an unreadable tag is `ltr`. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  try {
    const script = new Intl.Locale(locale).maximize().script;
    return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** `Intl.Locale` for a tag, or undefined when the tag is not BCP 47. */
function parse(tag: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(tag.replace(/_/g, '-'));
  } catch {
    return undefined;
  }
}

/**
 * The best supported locale for the agent's languages, best first (`navigator.languages`, `app.getPreferredSystemLanguages()`):
 * an exact match first (`pt-BR`), then the same language (`pt`, `pt-PT` → `pt-BR`, `de-AT` → `de`), trying
 * each requested language in order before falling back to `fallback`. Case and `_` separators are forgiven.
 */
export function negotiateLocale<L extends string>(
  requested: readonly string[],
  supported: readonly L[],
  fallback: L,
): L {
  const offered = supported.map((tag) => ({ tag, parsed: parse(tag) }));
  for (const wanted of requested) {
    const want = parse(wanted);
    if (!want) continue;
    const exact = offered.find((o) => o.parsed?.baseName.toLowerCase() === want.baseName.toLowerCase());
    if (exact) return exact.tag;
    const sameLanguage = offered.find((o) => o.parsed?.language === want.language);
    if (sameLanguage) return sameLanguage.tag;
  }
  return fallback;
}

/** True when `locale` is one the translator accepts. */
export function isAppLocale(locale: string): locale is AppLocale {
  return locale === PSEUDO_LOCALE || (SUPPORTED_LOCALES as readonly string[]).includes(locale);
}
