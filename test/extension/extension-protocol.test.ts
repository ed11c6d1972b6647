/**
 * The extension protocol: the glob matcher is exact and linear (a hostile pattern against a long URL finishes
 * fast), rules never see the query string or fragment, and the validators accept exactly the protocol's keys —
 * a message with any extra field (where a card number could ride) is refused.
 */

import { describe, expect, it } from 'vitest';
import {
  globMatch,
  matchPageRule,
  parseAppToExtension,
  parseContentTrigger,
  parseExtensionToApp,
} from '../../contract/extension-protocol.ts';

describe('globMatch', () => {
  it.each([
    ['https://pay.example.com/checkout*', 'https://pay.example.com/checkout', true],
    ['https://pay.example.com/checkout*', 'https://pay.example.com/checkout/step2', true],
    ['https://pay.example.com/checkout*', 'https://pay.example.com/cart', false],
    ['https://*.example.com/*/pay', 'https://a.b.example.com/x/y/pay', true],
    ['https://*.example.com/*/pay', 'https://example.com/x/pay', false],
    ['*Payment*', 'Till - Payment - Store 7', true],
    ['*Payment*', 'Till', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['*', '', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['*aab', 'aaab', true],
  ])('%s ~ %s → %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('is linear: a hostile pattern against a long URL finishes fast', () => {
    const url = `https://pay.example.com/${'a'.repeat(200_000)}`;
    const hostile = `https://*${`${'a'.repeat(60)}b*`.repeat(8)}`;
    const started = performance.now();
    expect(globMatch(hostile, url)).toBe(false);
    expect(globMatch(`*${'a*'.repeat(400)}b`, url)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('page rules', () => {
  const rules = [{ id: 'pay', url: 'https://pay.example.com/checkout*', selectors: [] }];

  it('match on origin and path only, never the query string or fragment', () => {
    expect(matchPageRule(rules, 'https://pay.example.com/checkout?x=1')?.id).toBe('pay');
    expect(matchPageRule(rules, 'https://evil.test/?u=https://pay.example.com/checkout')).toBeUndefined();
    expect(matchPageRule(rules, 'https://evil.test/#https://pay.example.com/checkout')).toBeUndefined();
  });
});

describe('validators', () => {
  const trigger = { v: 1, type: 'trigger', kind: 'field-focus', ruleId: 'pay', stepId: '12.0.3', at: 5 };

  it('accept exactly the protocol messages', () => {
    expect(parseExtensionToApp(trigger)).toEqual(trigger);
    expect(parseExtensionToApp({ v: 1, type: 'hello' })).toEqual({ v: 1, type: 'hello' });
    expect(parseContentTrigger({ type: 'trigger', kind: 'submit', ruleId: 'pay', at: 1 })).toBeDefined();
    expect(parseAppToExtension({ v: 1, type: 'state', state: 'paused' })).toBeDefined();
    expect(
      parseAppToExtension({
        v: 1,
        type: 'rules',
        pages: [{ id: 'p', url: 'https://x.test/*', selectors: ['#cc'] }],
      }),
    ).toBeDefined();
  });

  it.each([
    { ...trigger, value: '4111111111111111' },
    { ...trigger, url: 'https://pay.example.com/checkout?pan=4111' },
    { ...trigger, ruleId: '4111 1111 1111 1111' },
    { ...trigger, stepId: '4111111111111111' },
    { ...trigger, kind: 'field-value' },
    { ...trigger, v: 2 },
    { ...trigger, at: Number.NaN },
    { v: 1, type: 'hello', title: 'x' },
    null,
    [trigger],
  ])('refuse %j', (value) => {
    expect(parseExtensionToApp(value)).toBeUndefined();
  });

  it('refuse a content trigger with any extra key, and rules with a query pattern', () => {
    expect(
      parseContentTrigger({ type: 'trigger', kind: 'submit', ruleId: 'pay', at: 1, text: 'x' }),
    ).toBeUndefined();
    expect(
      parseAppToExtension({
        v: 1,
        type: 'rules',
        pages: [{ id: 'p', url: 'https://x.test/?a=*', selectors: [] }],
      }),
    ).toBeUndefined();
    expect(parseAppToExtension({ v: 1, type: 'state', state: 'recording' })).toBeUndefined();
  });
});
