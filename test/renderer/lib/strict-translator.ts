/**
 * Translators for renderer tests that fail on a missing message: a key that falls back to English throws, so a
 * string added to the window without its catalogue entry fails the test that renders it.
 */

import { createTranslator, type AppLocale, type Translator } from '../../../i18n/index.ts';
import { I18N_CONTEXT, type I18n } from '../../../renderer/src/lib/i18n.ts';

/** A translator for `locale` that throws on a missing or broken message. */
export function strictTranslator(locale: AppLocale = 'en'): Translator {
  return createTranslator(locale, {
    onMissing: (m) => {
      throw new Error(`i18n: ${m.reason} message ${m.key} for ${m.locale}`);
    },
  });
}

/** The context a component reads its translator from (for `render(…, { context })`). */
export function i18nContext(locale: AppLocale = 'en'): Map<symbol, I18n> {
  const i18n: I18n = { tr: strictTranslator(locale) };
  return new Map([[I18N_CONTEXT, i18n]]);
}

/** English `t` for the lib tests. */
export const t = strictTranslator('en').t;
