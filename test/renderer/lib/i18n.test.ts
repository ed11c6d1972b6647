/** The window's language choice, rich messages, and which notices become toasts. */

import { describe, expect, it } from 'vitest';
import { isolate, localeSettingOf, pickLocale, richMessage } from '../../../renderer/src/lib/i18n.ts';
import { alarmOf, showsAsToast } from '../../../renderer/src/lib/notices.ts';
import { strictTranslator, t } from './strict-translator.ts';

describe('pickLocale', () => {
  it('follows the browser’s languages when nothing is set', () => {
    expect(pickLocale([undefined, undefined], ['pt', 'en'])).toBe('pt-BR');
    expect(pickLocale([], ['ar-SA'])).toBe('ar');
    expect(pickLocale([], ['ja'])).toBe('en');
  });

  it('lets a setting (which IT can lock) win, the first one set first; auto follows the browser', () => {
    expect(pickLocale(['de', 'fr'], ['es'])).toBe('de');
    expect(pickLocale([undefined, 'fr'], ['es'])).toBe('fr');
    expect(pickLocale(['auto'], ['es'])).toBe('es');
    expect(pickLocale(['fr-CA'], ['es'])).toBe('fr');
    expect(pickLocale(['en-XA'], ['de'])).toBe('en-XA');
  });

  it('reads a locale setting loosely from a view or a settings view', () => {
    expect(localeSettingOf({ locale: 'ar' })).toBe('ar');
    expect(localeSettingOf({ values: { locale: 'de' } })).toBe('de');
    expect(localeSettingOf({ values: {} })).toBeUndefined();
    expect(localeSettingOf(undefined)).toBeUndefined();
    expect(localeSettingOf({ locale: 3 })).toBeUndefined();
  });
});

describe('richMessage', () => {
  it('cuts a message around its argument, in each language’s word order', () => {
    expect(richMessage(t, 'workspace.paused-for', 'duration', { duration: '2 min' })).toEqual({
      before: 'Paused for ',
      value: '2 min',
      after: '. Resume when the card details are done.',
    });
    const de = richMessage(strictTranslator('de').t, 'workspace.paused-for', 'duration', {
      duration: '2 Min.',
    });
    expect(de.before).toBe('Seit ');
    expect(de.after).toMatch(/^ pausiert\./);
  });

  it('isolates a number for bidi', () => {
    expect(isolate('+1 555')).toBe('\u2068+1 555\u2069');
  });
});

describe('notices', () => {
  const notice = (code: string) => ({ id: 'n', severity: 'error' as const, code, message: 'm', at: 0 });

  it('drops the app’s refusal toast while the window’s own pause/resume is out (worded inline)', () => {
    expect(showsAsToast(notice('command-refused'), 1)).toBe(false);
    expect(showsAsToast(notice('command-outcome-unknown'), 1)).toBe(false);
  });

  it('keeps a refusal toast for the hotkey or tray (no window command out), and every other notice', () => {
    expect(showsAsToast(notice('command-refused'), 0)).toBe(true);
    expect(showsAsToast(notice('reminder'), 1)).toBe(true);
  });

  it('reads the NOT PAUSED alarm from a view', () => {
    expect(alarmOf({ alarm: 'not-paused' })).toBe('not-paused');
    expect(alarmOf({ alarm: 'cap-ended' })).toBe('cap-ended');
    expect(alarmOf({ alarm: 'other' })).toBeUndefined();
    expect(alarmOf({})).toBeUndefined();
  });
});
