/**
 * The Group Policy templates and the sample MDM profile are generated from
 * the settings schema: every setting has a policy and every policy a
 * setting, the committed files are what the generator writes, and what the
 * templates set is read back by the policy readers without a problem.
 * (Importing the ADMX into a real Group Policy editor needs Windows: not run here.)
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@plist/parse';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { policySettingsSchema } from '../../main/app/policies/update-settings.ts';
import { toPolicyLayer } from '../../main/app/services/policy-sources/policy-values.ts';
import { buildPolicyTemplates, POLICY_DIR, POLICY_TEXT } from '../../scripts/generate-admx.ts';

const files = buildPolicyTemplates();
const admx = files['GwsSecurePause.admx']!;
const adml = files['en-US/GwsSecurePause.adml']!;
const all = (re: RegExp, text: string): string[] => [...text.matchAll(re)].map((m) => m[1]!);

describe('generated policy templates', () => {
  it('have one policy per setting and one setting per policy', () => {
    const policies = all(/<policy name="([^"]+)"/g, admx);
    expect(policies.sort()).toEqual(Object.keys(policySettingsSchema.shape).sort());
  });

  it('refuse a setting without a policy, and a policy without a setting', () => {
    const extended = policySettingsSchema.extend({ newSetting: z.boolean() }).shape;
    expect(() => buildPolicyTemplates(extended)).toThrow('settings without a policy: newSetting');
    const texts = { ...POLICY_TEXT, goneSetting: { name: 'x', explain: 'y' } };
    expect(() => buildPolicyTemplates(policySettingsSchema.shape, texts)).toThrow(
      'policies without a setting: goneSetting',
    );
  });

  it('resolve every string and presentation the ADMX names in the ADML', () => {
    const strings = new Set(all(/<string id="([^"]+)"/g, adml));
    const presentations = new Set(all(/<presentation id="([^"]+)"/g, adml));
    expect(all(/\$\(string\.([^)]+)\)/g, admx).filter((id) => !strings.has(id))).toEqual([]);
    expect(all(/\$\(presentation\.([^)]+)\)/g, admx).filter((id) => !presentations.has(id))).toEqual([]);
  });

  it('map ranges and choices from the schema', () => {
    expect(admx).toContain(
      '<decimal id="reminderSeconds" valueName="reminderSeconds" minValue="5" maxValue="3600" />',
    );
    expect(admx).toContain(
      '<decimal id="updateCheckHours" valueName="updateCheckHours" minValue="1" maxValue="168" />',
    );
    expect(admx).toMatch(
      /<policy name="autoUpdate"[^>]*key="Software\\Policies\\GwsSecurePause" valueName="autoUpdate">/,
    );
    expect(admx).toContain('<string>long-polling</string>');
  });

  it('are committed as generated (run `npx tsx scripts/generate-admx.ts` after changing a setting)', () => {
    for (const [rel, text] of Object.entries(files)) {
      expect(readFileSync(join(POLICY_DIR, rel), 'utf8'), rel).toBe(text);
    }
  });

  it('the sample profile sets values the macOS policy reader accepts', () => {
    const profile = parse(files['gws-secure-pause.mobileconfig']!) as {
      PayloadContent: Record<string, unknown>[];
    };
    const payload = profile.PayloadContent[0]!;
    const { PayloadType, PayloadIdentifier, PayloadUUID, PayloadVersion, PayloadDisplayName, ...settings } =
      payload;
    expect(PayloadType).toBe('com.example.gws-secure-pause');
    expect([PayloadIdentifier, PayloadUUID, PayloadVersion, PayloadDisplayName].every(Boolean)).toBe(true);
    const layer = toPolicyLayer('profile', settings);
    expect(layer.problems).toEqual([]);
    expect(layer.values).toEqual({
      autoUpdate: false,
      updateUrl: 'https://updates.example.com/gws-secure-pause/',
    });
  });
});
