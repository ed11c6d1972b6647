/**
 * The shared i18n layer of the main process, the window and the browser extension: the catalogues (English is
 * the source of truth), the translator, locale negotiation, direction and the duration/time formats. It imports
 * nothing of ours and no Node, DOM or Electron API, so every side bundles the same file.
 */

export { en, type Catalogue, type MessageKey } from './catalogues/en.ts';
export { formatDuration, formatTime, type DurationStyle } from './format.ts';
export {
  DEFAULT_LOCALE,
  PSEUDO_LOCALE,
  SUPPORTED_LOCALES,
  directionOf,
  isAppLocale,
  negotiateLocale,
  type AppLocale,
  type SupportedLocale,
} from './locales.ts';
export { PSEUDO_EXPANSION, pseudoCatalogue, pseudoLocalize } from './pseudo.ts';
export { loadCatalogue } from './load.ts';
export {
  translatorFor,
  type MessageValues,
  type MissingMessage,
  type Translate,
  type Translator,
  type TranslatorOptions,
} from './runtime.ts';
export { CATALOGUES_BY_LOCALE, catalogueOf, createTranslator } from './translator.ts';
