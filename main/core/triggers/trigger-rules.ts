/**
 * The trigger rules IT writes (the managed setting, and `--trigger-rules FILE` of the headless CLI and browser
 * mode): which payment pages and windows pause the recording, the deadline, grace and cap, and which triggers
 * are on. Example: `{"pages":[{"id":"pay","url":"https://pay.example.com/checkout*"}],
 * "windows":[{"id":"till","title":"*Payment*","while":"focused"}]}`.
 *
 * Contract: patterns are globs (`*` only), matched in linear time elsewhere — never regular expressions, so a
 * hostile pattern cannot freeze the app. URL patterns see origin and path only, so a pattern with `?` or `#`
 * is refused (the query string is never looked at). A page rule without selectors means the standard card
 * fields. A bad rule set is refused whole with the offending field named (`pages[0].url: …`); the caller keeps
 * the previous rules.
 */

import { z } from 'zod';
import type { TriggerPolicy } from './trigger-types.ts';
import { DEFAULT_TRIGGER_POLICY } from './trigger-types.ts';

/** Rule ids: short and plain (they travel in messages and audit entries; the extension protocol agrees). */
export const RULE_ID_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;

const ruleId = z.string().regex(RULE_ID_PATTERN, 'must be 1-40 letters, digits, "_", "." or "-"');

const urlPattern = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (p) => !p.includes('?') && !p.includes('#'),
    'must not contain "?" or "#" (the query is never matched)',
  )
  .refine((p) => /^(https?|\*):\/\//.test(p), 'must start with http://, https:// or *://');

const pageRule = z
  .object({
    id: ruleId,
    url: urlPattern,
    selectors: z.array(z.string().min(1).max(200)).max(20).default([]),
  })
  .strict();

const windowRule = z
  .object({
    id: ruleId,
    title: z.string().min(1).max(200).optional(),
    process: z.string().min(1).max(200).optional(),
    while: z.enum(['focused', 'open']),
  })
  .strict()
  .refine((w) => w.title !== undefined || w.process !== undefined, {
    message: 'needs a "title" or a "process" pattern',
  });

const triggersOn = z
  .object({
    extension: z.boolean().default(true),
    'window-rule': z.boolean().default(true),
    cli: z.boolean().default(true),
    link: z.boolean().default(true),
  })
  .strict();

const millis = (min: number, max: number): z.ZodNumber => z.number().int().min(min).max(max);

const triggerRulesSchema = z
  .object({
    pages: z.array(pageRule).max(100).default([]),
    windows: z.array(windowRule).max(100).default([]),
    deadlineMs: millis(200, 30_000).default(DEFAULT_TRIGGER_POLICY.deadlineMs),
    graceMs: millis(0, 120_000).default(DEFAULT_TRIGGER_POLICY.graceMs),
    capMs: millis(10_000, 4 * 3_600_000).default(DEFAULT_TRIGGER_POLICY.capMs),
    capWarningMs: millis(0, 600_000).default(DEFAULT_TRIGGER_POLICY.capWarningMs),
    triggers: triggersOn.default({ extension: true, 'window-rule': true, cli: true, link: true }),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    for (const [list, entries] of [
      ['pages', rules.pages],
      ['windows', rules.windows],
    ] as const) {
      entries.forEach((entry, index) => {
        if (seen.has(entry.id))
          ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: 'is used twice' });
        seen.add(entry.id);
      });
    }
    if (rules.capWarningMs >= rules.capMs) {
      ctx.addIssue({ code: 'custom', path: ['capWarningMs'], message: 'must be shorter than capMs' });
    }
  });

/** Parsed, defaulted trigger rules. */
export type TriggerRules = z.output<typeof triggerRulesSchema>;
export type PageRuleSpec = TriggerRules['pages'][number];
export type WindowRuleSpec = TriggerRules['windows'][number];

/** The outcome of reading trigger rules. */
export type TriggerRulesResult =
  { readonly ok: true; readonly rules: TriggerRules } | { readonly ok: false; readonly error: string };

/** `pages[0].url` from a zod path. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === 'number') return `${name}[${key}]`;
    return name === '' ? String(key) : `${name}.${String(key)}`;
  }, '');
}

/** Validates trigger rules already parsed from JSON. */
export function parseTriggerRules(value: unknown): TriggerRulesResult {
  const result = triggerRulesSchema.safeParse(value);
  if (result.success) return { ok: true, rules: result.data };
  const issue = result.error.issues[0];
  const field = issue ? fieldName(issue.path) : '';
  return { ok: false, error: `${field || 'trigger rules'}: ${issue?.message ?? 'invalid'}` };
}

/** Validates trigger rules from JSON text (a file or a managed setting). */
export function readTriggerRules(text: string): TriggerRulesResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `trigger rules: not JSON (${error instanceof Error ? error.message : 'unreadable'})`,
    };
  }
  return parseTriggerRules(value);
}

/** The registry's timing policy from the rules (the retry and confirmation timings are not IT's to set). */
export function policyOf(rules: TriggerRules): TriggerPolicy {
  return {
    ...DEFAULT_TRIGGER_POLICY,
    deadlineMs: rules.deadlineMs,
    graceMs: rules.graceMs,
    capMs: rules.capMs,
    capWarningMs: rules.capWarningMs,
  };
}
