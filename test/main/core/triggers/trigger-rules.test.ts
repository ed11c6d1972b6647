/**
 * Trigger rules as IT writes them: the example is accepted with its defaults, and a bad rule is refused
 * with the offending field named (the caller keeps the previous rules).
 */

import { describe, expect, it } from 'vitest';
import { isRuleId, PAGE_STATES } from '../../../../contract/extension-protocol.ts';
import {
  parseTriggerRules,
  policyOf,
  readTriggerRules,
  RULE_ID_PATTERN,
} from '../../../../main/core/triggers/trigger-rules.ts';
import { PAGE_STATE_NAMES } from '../../../../main/core/triggers/trigger-types.ts';

describe('trigger rules', () => {
  it('accepts the example of the issue and fills in the defaults', () => {
    const result = readTriggerRules(
      '{"pages":[{"id":"pay","url":"https://pay.example.com/checkout*"}],"windows":[{"id":"till","title":"*Payment*","while":"focused"}]}',
    );
    expect(result).toEqual({
      ok: true,
      rules: {
        pages: [{ id: 'pay', url: 'https://pay.example.com/checkout*', selectors: [] }],
        windows: [{ id: 'till', title: '*Payment*', while: 'focused' }],
        deadlineMs: 2_000,
        graceMs: 3_000,
        capMs: 600_000,
        capWarningMs: 30_000,
        triggers: { extension: true, 'window-rule': true, cli: true, link: true },
      },
    });
    if (result.ok) expect(policyOf(result.rules)).toMatchObject({ deadlineMs: 2_000, graceMs: 3_000 });
  });

  it.each([
    [{ pages: [{ id: 'pay', url: 'https://x.test/pay?card=*' }] }, 'pages[0].url:'],
    [{ pages: [{ id: 'pay', url: 'javascript:*' }] }, 'pages[0].url:'],
    [{ pages: [{ id: 'has space', url: 'https://x.test/*' }] }, 'pages[0].id:'],
    [{ pages: [{ id: 'p', url: 'https://x.test/*', selectors: [''] }] }, 'pages[0].selectors[0]:'],
    [{ windows: [{ id: 'till', while: 'focused' }] }, 'windows[0]:'],
    [{ windows: [{ id: 'till', title: '*', while: 'sometimes' }] }, 'windows[0].while:'],
    [
      { pages: [{ id: 'a', url: 'https://x.test/*' }], windows: [{ id: 'a', title: '*', while: 'open' }] },
      'windows[0].id: is used twice',
    ],
    [{ deadlineMs: 10 }, 'deadlineMs:'],
    [{ capMs: 20_000, capWarningMs: 30_000 }, 'capWarningMs: must be shorter'],
    [{ pages: [], extra: 1 }, 'trigger rules:'],
  ])('refuses %j naming the field', (value, field) => {
    const result = parseTriggerRules(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.startsWith(field)).toBe(true);
  });

  it('refuses text that is not JSON', () => {
    expect(readTriggerRules('{pages')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^trigger rules: not JSON/),
    });
  });

  it('agrees with the extension protocol on rule ids and page states', () => {
    for (const id of ['pay', 'a.b-c_d', 'x'.repeat(40), 'x'.repeat(41), 'a b', '', '4111111111111111 ']) {
      expect(RULE_ID_PATTERN.test(id)).toBe(isRuleId(id));
    }
    expect([...PAGE_STATE_NAMES]).toEqual([...PAGE_STATES]);
  });
});
