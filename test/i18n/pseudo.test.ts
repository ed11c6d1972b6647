/** The pseudo-locale: every English key, accented, ~40 % longer, bracketed, with its ICU syntax intact. */

import { describe, expect, it } from 'vitest';
import {
  PSEUDO_EXPANSION,
  PSEUDO_LOCALE,
  createTranslator,
  en,
  pseudoCatalogue,
  pseudoLocalize,
  type MessageKey,
} from '../../i18n/index.ts';
import { icuShape } from './icu-shape.ts';

describe('pseudo-locale', () => {
  const pseudo = pseudoCatalogue(en);

  it('has every key, each bracketed, with the English ICU arguments', () => {
    expect(Object.keys(pseudo).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(pseudo[key]).toMatch(/^\[.*\]$/s);
      expect(icuShape(pseudo[key], 'en').args, key).toEqual(icuShape(en[key], 'en').args);
    }
  });

  it('accents every letter of the literal text and pads it by ~40 %', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      const english = icuShape(en[key], 'en').text;
      const text = icuShape(pseudo[key], 'en').text;
      expect(text, key).not.toMatch(/[A-Za-z]/);
      expect(text.length, key).toBeGreaterThanOrEqual(
        english.length + Math.round(english.length * PSEUDO_EXPANSION),
      );
    }
  });

  it('keeps arguments, select keys and # working', () => {
    expect(pseudoLocalize('Connected to {server}.')).toBe('[Çöññéçţéð ţö {server}.······]');
    const t = createTranslator(PSEUDO_LOCALE).t;
    expect(t('tray.tooltip-other-paused', { count: 3 })).toMatch(/^\[3 öţĥéŕ çåļļš åŕé þåûšéð·+\]$/);
    expect(t('call.type', { type: 'Inbound' })).toMatch(/^\[Îñƀöûñð çåļļ·+\]$/);
  });
});
