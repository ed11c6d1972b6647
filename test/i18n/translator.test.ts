/** The translator: typed keys, ICU plurals and selects per locale, English fallback that is reported, formats. */

import { describe, expect, it } from 'vitest';
import {
  SUPPORTED_LOCALES,
  createTranslator,
  formatDuration,
  type MissingMessage,
} from '../../i18n/index.ts';

describe('createTranslator', () => {
  it('formats arguments, plurals and selects in each locale', () => {
    expect(createTranslator('en').t('tray.tooltip-other-paused', { count: 1 })).toBe(
      'Another call is paused',
    );
    expect(createTranslator('en').t('tray.tooltip-other-paused', { count: 2 })).toBe(
      '2 other calls are paused',
    );
    expect(createTranslator('de').t('tray.tooltip-other-paused', { count: 2 })).toBe(
      '2 weitere Anrufe sind pausiert',
    );
    expect(createTranslator('ar').t('tray.tooltip-other-paused', { count: 2 })).toBe(
      'مكالمتان أخريان متوقفتان مؤقتًا',
    );
    expect(createTranslator('ar').t('tray.tooltip-other-paused', { count: 3 })).toMatch(/^3 مكالمات/);
    expect(createTranslator('fr').t('call.state', { state: 'Held' })).toBe('En attente');
    expect(createTranslator('fr').t('call.state', { state: 'Parked' })).toBe('Parked');
  });

  it('gives each locale its direction', () => {
    expect(createTranslator('ar').dir).toBe('rtl');
    for (const l of SUPPORTED_LOCALES.filter((x) => x !== 'ar')) expect(createTranslator(l).dir).toBe('ltr');
  });

  it('falls back to English for a missing key and reports it once', () => {
    const missing: MissingMessage[] = [];
    const { t } = createTranslator('de', {
      catalogue: { 'status.paused': 'Pausiert' },
      onMissing: (m) => missing.push(m),
    });
    expect(t('status.paused')).toBe('Pausiert');
    expect(t('status.recording')).toBe('Recording');
    expect(t('status.recording')).toBe('Recording');
    expect(missing).toEqual([{ locale: 'de', key: 'status.recording', reason: 'missing' }]);
  });

  it('falls back to English, reported, when a message cannot be formatted', () => {
    const missing: MissingMessage[] = [];
    const { t } = createTranslator('fr', {
      catalogue: { 'banner.connected': 'Connecté à {server' },
      onMissing: (m) => missing.push(m),
    });
    expect(t('banner.connected', { server: 'x' })).toBe('Connected to x.');
    expect(missing.map((m) => m.reason)).toEqual(['format-error']);
  });

  it('reports nothing for a complete locale', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const missing: MissingMessage[] = [];
      const { t } = createTranslator(locale, { onMissing: (m) => missing.push(m) });
      t('workspace.paused-for', { duration: '1 min' });
      t('alarm.not-paused');
      expect(missing, locale).toEqual([]);
    }
  });
});

/** Intl puts no-break spaces between number and unit; the test reads them as spaces. */
const spaced = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatDuration', () => {
  it('spells hours, minutes and seconds with Intl units, zero parts left out', () => {
    expect(spaced(formatDuration(125_000, 'fr'))).toBe('2 min 5 s');
    expect(spaced(formatDuration(125_000, 'en'))).toBe('2 min 5 sec');
    expect(spaced(formatDuration(125_000, 'de'))).toBe('2 Min., 5 Sek.');
    expect(spaced(formatDuration(3_725_000, 'en'))).toBe('1 hr 2 min 5 sec');
    expect(spaced(formatDuration(120_000, 'es'))).toBe('2 min');
    expect(spaced(formatDuration(-5_000, 'en'))).toBe('0 sec');
    expect(spaced(formatDuration(65_000, 'en', 'long'))).toBe('1 minute, 5 seconds');
  });

  it('is in each shipped language', () => {
    const spelled = SUPPORTED_LOCALES.map((l) => formatDuration(125_000, l));
    expect(spelled.every((s) => /2/.test(s) && /5/.test(s))).toBe(true);
    expect(formatDuration(125_000, 'ar')).toContain('د');
  });
});
