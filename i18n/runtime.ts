/**
 * The runtime: `translatorFor(locale, catalogue)` gives a typed `t(key, values)` over the locale's catalogue (ICU
 * MessageFormat via `intl-messageformat`, compiled once per key), its direction and its duration/time
 * formatters. A key missing from a catalogue falls back to English and is reported through `onMissing` (tests
 * make that fail); a message that cannot be formatted falls back to English the same way, so an agent never
 * sees a raw key or a blank where a warning should be.
 */

import { IntlMessageFormat } from 'intl-messageformat';
import { en, type Catalogue, type MessageKey } from './catalogues/en.ts';
import { formatDuration, formatTime, type DurationStyle } from './format.ts';
import { DEFAULT_LOCALE, PSEUDO_LOCALE, directionOf, type AppLocale } from './locales.ts';

/** Values for a message's ICU arguments. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Translates one key; `values` fill its `{arguments}`. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** Why a message came out in English. */
export interface MissingMessage {
  locale: string;
  key: string;
  reason: 'missing' | 'format-error';
}

/** A locale's words and formats. */
export interface Translator {
  readonly locale: AppLocale;
  readonly dir: 'ltr' | 'rtl';
  readonly t: Translate;
  /** `2 min 5 s` in this locale. */
  duration(ms: number, style?: DurationStyle): string;
  /** A time of day in this locale. */
  time(epochMs: number, timeZone?: string): string;
}

/** Options of a translator. */
export interface TranslatorOptions {
  /** Called once per key that fell back to English (tests throw; the app may log the key, never values). */
  onMissing?: (missing: MissingMessage) => void;
  /** Catalogue override (tests that prove the fallback). */
  catalogue?: Partial<Catalogue>;
}

/**
 * A translator for `locale` over `catalogue` (plural rules and number formats from `Intl`, the pseudo-locale's
 * from English). Only English is bundled with it: a window loads its own language with `loadCatalogue`.
 */
export function translatorFor(
  locale: AppLocale,
  catalogue: Partial<Catalogue>,
  options: Omit<TranslatorOptions, 'catalogue'> = {},
): Translator {
  const intlLocale = locale === PSEUDO_LOCALE ? DEFAULT_LOCALE : locale;
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const reported = new Set<string>();

  const report = (key: MessageKey, reason: MissingMessage['reason']): void => {
    if (reported.has(key)) return;
    reported.add(key);
    options.onMissing?.({ locale, key, reason });
  };

  const english = (key: MessageKey, values?: MessageValues): string =>
    String(new IntlMessageFormat(en[key], DEFAULT_LOCALE).format(values));

  const t: Translate = (key, values) => {
    const source = catalogue[key];
    if (source === undefined) {
      report(key, 'missing');
      return english(key, values);
    }
    try {
      let format = compiled.get(key);
      if (!format) {
        format = new IntlMessageFormat(source, intlLocale);
        compiled.set(key, format);
      }
      return String(format.format(values));
    } catch {
      report(key, 'format-error');
      return english(key, values);
    }
  };

  return {
    locale,
    dir: directionOf(locale),
    t,
    duration: (ms, style) => formatDuration(ms, intlLocale, style),
    time: (epochMs, timeZone) => formatTime(epochMs, intlLocale, timeZone),
  };
}
