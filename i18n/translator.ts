/**
 * `createTranslator(locale)`: the translator with every catalogue bundled, for the main process, the extension and
 * tests (the window loads only its own language, see `load.ts`). A missing key falls back to English and is
 * reported through `onMissing`.
 */

import { ar } from './catalogues/ar.ts';
import { de } from './catalogues/de.ts';
import { en, type Catalogue } from './catalogues/en.ts';
import { es } from './catalogues/es.ts';
import { fr } from './catalogues/fr.ts';
import { ptBR } from './catalogues/pt-br.ts';
import { PSEUDO_LOCALE, type AppLocale } from './locales.ts';
import { pseudoCatalogue } from './pseudo.ts';
import { translatorFor, type Translator, type TranslatorOptions } from './runtime.ts';

/** Every shipped catalogue, by locale (the completeness tests walk it). */
export const CATALOGUES_BY_LOCALE: Readonly<Record<Exclude<AppLocale, typeof PSEUDO_LOCALE>, Catalogue>> = {
  en,
  de,
  fr,
  es,
  'pt-BR': ptBR,
  ar,
};

let pseudo: Catalogue | undefined;

/** The catalogue of `locale` (the pseudo one generated on first use). */
export function catalogueOf(locale: AppLocale): Catalogue {
  if (locale === PSEUDO_LOCALE) return (pseudo ??= pseudoCatalogue(en));
  return CATALOGUES_BY_LOCALE[locale];
}

/** A translator for `locale` over its bundled catalogue (or `options.catalogue`). */
export function createTranslator(locale: AppLocale, options: TranslatorOptions = {}): Translator {
  return translatorFor(locale, options.catalogue ?? catalogueOf(locale), options);
}
