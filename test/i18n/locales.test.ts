/** Locale negotiation (the OS's or browser's languages → the best catalogue) and writing direction. */

import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, directionOf, negotiateLocale } from '../../i18n/index.ts';

const pick = (requested: string[]): string => negotiateLocale(requested, SUPPORTED_LOCALES, 'en');

describe('negotiateLocale', () => {
  it('takes an exact match, case and underscores forgiven', () => {
    expect(pick(['pt-BR'])).toBe('pt-BR');
    expect(pick(['pt_br'])).toBe('pt-BR');
    expect(pick(['DE'])).toBe('de');
  });

  it('maps a regional or bare language onto the one we ship', () => {
    expect(pick(['pt'])).toBe('pt-BR');
    expect(pick(['pt-PT'])).toBe('pt-BR');
    expect(pick(['de-AT'])).toBe('de');
    expect(pick(['fr-CA'])).toBe('fr');
    expect(pick(['es-419'])).toBe('es');
    expect(pick(['ar-EG'])).toBe('ar');
  });

  it('tries the agent’s languages in order before falling back', () => {
    expect(pick(['nl-NL', 'fr-BE', 'de'])).toBe('fr');
    expect(pick(['ja', 'zh-CN'])).toBe('en');
    expect(pick([])).toBe('en');
    expect(pick(['', 'not a tag', 'es'])).toBe('es');
  });
});

describe('directionOf', () => {
  it('is rtl for Arabic-script and Hebrew languages, ltr otherwise', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ar-EG')).toBe('rtl');
    expect(directionOf('he')).toBe('rtl');
    expect(directionOf('fa')).toBe('rtl');
    for (const l of ['en', 'de', 'fr', 'es', 'pt-BR', 'en-XA']) expect(directionOf(l)).toBe('ltr');
    expect(directionOf('%%')).toBe('ltr');
  });
});
