/**
 * Loads one locale's catalogue on demand (`import()`), so the window's bundle carries English and the runtime
 * only, and each other language is a chunk of its own fetched when the agent's language needs it.
 */

import { en, type Catalogue } from './catalogues/en.ts';
import { PSEUDO_LOCALE, type AppLocale } from './locales.ts';
import { pseudoCatalogue } from './pseudo.ts';

/** The catalogue of `locale`, loaded on first use. */
export async function loadCatalogue(locale: AppLocale): Promise<Catalogue> {
  switch (locale) {
    case 'en':
      return en;
    case PSEUDO_LOCALE:
      return pseudoCatalogue(en);
    case 'de':
      return (await import('./catalogues/de.ts')).de;
    case 'fr':
      return (await import('./catalogues/fr.ts')).fr;
    case 'es':
      return (await import('./catalogues/es.ts')).es;
    case 'pt-BR':
      return (await import('./catalogues/pt-br.ts')).ptBR;
    case 'ar':
      return (await import('./catalogues/ar.ts')).ar;
  }
}
