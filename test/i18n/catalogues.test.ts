/**
 * Catalogue completeness: every shipped locale has every English key and no other, the same ICU arguments
 * (names, types, select options), every plural category its language uses, no ASCII apostrophe (ICU's quote),
 * and no English left except names and true cognates listed here with their reason.
 */

import { describe, expect, it } from 'vitest';
import { STATUS_WORDS } from '../../contract/status-words.ts';
import { CATALOGUES_BY_LOCALE, SUPPORTED_LOCALES, en, type MessageKey } from '../../i18n/index.ts';
import { icuShape } from './icu-shape.ts';

const ENGLISH_KEYS = Object.keys(en).sort();
const OTHER_LOCALES = SUPPORTED_LOCALES.filter((l) => l !== 'en');

/** Keys that stay as in English everywhere: product and protocol names, or pure ICU glue. */
const NAMES: ReadonlySet<MessageKey> = new Set([
  'app.name',
  'extension.overlay-label',
  'transport.websocket',
  'tray.menu-with-hotkey',
  'tray.tooltip',
]);

/** Words that are the same in the language and in English (checked by a reader of that language). */
const COGNATES: Readonly<Partial<Record<string, ReadonlySet<MessageKey>>>> = {
  de: new Set(['app.demo-tag', 'signin.server', 'notify.core-error-title'] as MessageKey[]),
  fr: new Set(['signin.transport', 'settings.transport'] as MessageKey[]),
  es: new Set(['app.demo-tag'] as MessageKey[]),
};

/** English words that never belong in another language's sentences (names aside). */
const ENGLISH_WORDS =
  /\b(the|and|call|calls|recording|paused|resume|you|your|was|is|are|not|with|nothing|changed|could|window|please|settings)\b/i;

describe('catalogues', () => {
  it('English keeps the accessibility contract: the status words are the contract’s words', () => {
    for (const [status, word] of Object.entries(STATUS_WORDS)) {
      expect(en[`status.${status}` as MessageKey]).toBe(word);
    }
  });

  it.each(OTHER_LOCALES)('%s has every English key and no other', (locale) => {
    expect(Object.keys(CATALOGUES_BY_LOCALE[locale]).sort()).toEqual(ENGLISH_KEYS);
  });

  it.each(SUPPORTED_LOCALES)('%s: every message parses and keeps the English ICU arguments', (locale) => {
    const catalogue = CATALOGUES_BY_LOCALE[locale];
    for (const key of ENGLISH_KEYS as MessageKey[]) {
      expect(icuShape(catalogue[key], locale).args, `${locale} ${key}`).toEqual(icuShape(en[key], 'en').args);
    }
  });

  it.each(SUPPORTED_LOCALES)('%s: every plural has each category the language uses', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, message] of Object.entries(CATALOGUES_BY_LOCALE[locale])) {
      for (const plural of icuShape(message, locale).plurals) {
        expect(plural.options, `${locale} ${key}`).toEqual(expect.arrayContaining([...categories]));
      }
    }
  });

  it.each(SUPPORTED_LOCALES)('%s has no ASCII apostrophe (ICU would read it as a quote)', (locale) => {
    for (const [key, message] of Object.entries(CATALOGUES_BY_LOCALE[locale])) {
      expect(message, `${locale} ${key}`).not.toContain("'");
    }
  });

  it.each(OTHER_LOCALES)('%s has no English left except names and cognates', (locale) => {
    const catalogue = CATALOGUES_BY_LOCALE[locale];
    const cognates = COGNATES[locale] ?? new Set<MessageKey>();
    const identical = (ENGLISH_KEYS as MessageKey[]).filter(
      (key) => !NAMES.has(key) && !cognates.has(key) && catalogue[key] === en[key],
    );
    expect(identical).toEqual([]);
    const english = (ENGLISH_KEYS as MessageKey[]).filter((key) =>
      ENGLISH_WORDS.test(icuShape(catalogue[key], locale).text),
    );
    expect(english).toEqual([]);
  });

  it('the status words differ from one another in every locale (a screen reader tells them apart)', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const words = Object.keys(STATUS_WORDS).map(
        (s) => CATALOGUES_BY_LOCALE[locale][`status.${s}` as MessageKey],
      );
      expect(new Set(words).size, locale).toBe(words.length);
    }
  });
});
