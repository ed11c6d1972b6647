/**
 * Generates the Group Policy templates (ADMX + en-US ADML) and a sample macOS
 * configuration profile (.mobileconfig) from the settings schema, into
 * build/policy/. Run `npx tsx scripts/generate-admx.ts`; test/scripts checks
 * the committed files are what this writes.
 *
 * Why generated: a setting IT cannot set through its own tools is a setting
 * a floor cannot roll out. The schema is walked key by key (type, range,
 * choices) and every key must have its words in {@link POLICY_TEXT} — the
 * table is typed by the schema's keys, and {@link buildPolicyTemplates}
 * refuses a key without a policy or a policy without a key.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { policySettingsSchema, type PolicyKey } from '../main/app/policies/update-settings.ts';

/** The registry key every policy value lives under (HKLM and HKCU). */
export const POLICY_KEY = 'Software\\Policies\\GwsSecurePause';

/** Display name and explanation of each policy. */
export const POLICY_TEXT: Readonly<Record<PolicyKey, { name: string; explain: string }>> = {
  serverUrl: {
    name: 'GWS server address',
    explain: 'The https:// address of Genesys Web Services. Empty: demo mode.',
  },
  username: { name: 'User name', explain: 'Pre-filled GWS user name (usually left unset; per-user).' },
  transport: {
    name: 'Notification transport',
    explain: 'auto (WebSocket, then long-polling), websocket or long-polling.',
  },
  hotkey: { name: 'Pause/resume hotkey', explain: 'Electron accelerator, e.g. CommandOrControl+Alt+P.' },
  extraCaFile: {
    name: 'Extra CA certificate file',
    explain: 'Path of a PEM certificate trusted in addition to the system roots.',
  },
  proxyUrl: { name: 'Proxy', explain: 'http(s):// proxy for GWS; never with a user name or password.' },
  startAtLogin: { name: 'Start at login', explain: 'Start the app when the user signs in to Windows.' },
  startHidden: {
    name: 'Start hidden',
    explain: 'Start in the notification area without opening the window.',
  },
  rememberPassword: {
    name: 'Allow remembering the password',
    explain: 'Keep the GWS password in the OS credential store.',
  },
  reminderSeconds: {
    name: 'Pause reminder (seconds)',
    explain: 'First reminder after this many seconds paused (then 2x, 4x).',
  },
  autoResumeSeconds: {
    name: 'Auto-resume (seconds)',
    explain: 'Resume recording after this many seconds paused; 0 = off.',
  },
  autoUpdate: {
    name: 'Automatic updates',
    explain: 'Disabled: the app never checks, downloads or installs updates (MSI installs set this).',
  },
  updateUrl: {
    name: 'Update server',
    explain:
      'https:// folder holding latest.yml (Windows), latest-mac.yml, latest-linux.yml and the installers.',
  },
  updateChannel: {
    name: 'Update channel',
    explain: 'Channel file stem on the update server: latest (default), beta, ...',
  },
  updateCheckHours: {
    name: 'Update check interval (hours)',
    explain: 'Hours between update checks while the app runs.',
  },
};

type Shape = Readonly<Record<string, z.ZodType>>;
type Texts = Readonly<Record<string, { name: string; explain: string }>>;

/** What zod says about one key, as far as a policy needs it. */
interface KeyFacts {
  type: string;
  minValue?: number | null;
  maxValue?: number | null;
  maxLength?: number | null;
  options?: readonly string[];
}

const facts = (schema: z.ZodType): KeyFacts => {
  const s = schema as unknown as KeyFacts & { def: { type: string } };
  return {
    type: s.def.type,
    minValue: s.minValue,
    maxValue: s.maxValue,
    maxLength: s.maxLength,
    options: s.options,
  };
};

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The ADMX `<elements>` of one key (boolean policies have none: enabled = 1, disabled = 0). */
function admxElement(key: string, f: KeyFacts): string {
  if (f.type === 'boolean') return '';
  if (f.type === 'number') {
    const max = f.maxValue ?? 2_147_483_647;
    return `<decimal id="${key}" valueName="${key}" minValue="${f.minValue ?? 0}" maxValue="${max}" />`;
  }
  if (f.type === 'enum') {
    const items = (f.options ?? [])
      .map(
        (o) =>
          `<item displayName="$(string.${key}_${o.replace(/\W/g, '_')})"><value><string>${xml(o)}</string></value></item>`,
      )
      .join('');
    return `<enum id="${key}" valueName="${key}">${items}</enum>`;
  }
  if (f.type === 'string')
    return `<text id="${key}" valueName="${key}" maxLength="${f.maxLength ?? 1024}" />`;
  throw new Error(`setting ${key}: a ${f.type} has no Group Policy form`);
}

/** One ADMX `<policy>`. */
function admxPolicy(key: string, f: KeyFacts): string {
  const values =
    f.type === 'boolean'
      ? '\n      <enabledValue><decimal value="1" /></enabledValue>\n      <disabledValue><decimal value="0" /></disabledValue>'
      : '';
  const elements = f.type === 'boolean' ? '' : `\n      <elements>${admxElement(key, f)}</elements>`;
  const presentation = f.type === 'boolean' ? '' : ` presentation="$(presentation.${key})"`;
  return `    <policy name="${key}" class="Both" displayName="$(string.${key})" explainText="$(string.${key}_Explain)" key="${POLICY_KEY}" valueName="${key}"${presentation}>
      <parentCategory ref="GwsSecurePause" />
      <supportedOn ref="SUPPORTED_Win10" />${values}${elements}
    </policy>`;
}

/** The ADML strings and presentations of one key. */
function admlParts(
  key: string,
  f: KeyFacts,
  text: { name: string; explain: string },
): { strings: string[]; presentation: string } {
  const strings = [
    `      <string id="${key}">${xml(text.name)}</string>`,
    `      <string id="${key}_Explain">${xml(`${text.explain}\n\nSetting key: ${key}`)}</string>`,
    ...(f.options ?? []).map((o) => `      <string id="${key}_${o.replace(/\W/g, '_')}">${xml(o)}</string>`),
  ];
  if (f.type === 'boolean') return { strings, presentation: '' };
  const control =
    f.type === 'number'
      ? `<decimalTextBox refId="${key}">${xml(text.name)}</decimalTextBox>`
      : f.type === 'enum'
        ? `<dropdownList refId="${key}">${xml(text.name)}</dropdownList>`
        : `<textBox refId="${key}"><label>${xml(text.name)}</label></textBox>`;
  return { strings, presentation: `      <presentation id="${key}">${control}</presentation>` };
}

/** The generated files, by path relative to build/policy. */
export type PolicyTemplates = Record<string, string>;

/** Refuses a key without a policy text or a text without a key. */
function checkCoverage(shape: Shape, texts: Texts): string[] {
  const keys = Object.keys(shape);
  const missing = keys.filter((k) => !(k in texts));
  const orphans = Object.keys(texts).filter((k) => !(k in shape));
  if (missing.length > 0) throw new Error(`settings without a policy: ${missing.join(', ')}`);
  if (orphans.length > 0) throw new Error(`policies without a setting: ${orphans.join(', ')}`);
  return keys;
}

/** Builds the ADMX, the ADML and the sample profile for `shape` (default: every setting). */
export function buildPolicyTemplates(
  shape: Shape = policySettingsSchema.shape,
  texts: Texts = POLICY_TEXT,
): PolicyTemplates {
  const keys = checkCoverage(shape, texts);
  const policies = keys.map((k) => admxPolicy(k, facts(shape[k]!)));
  const adml = keys.map((k) => admlParts(k, facts(shape[k]!), texts[k]!));
  const admx = `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by scripts/generate-admx.ts from the settings schema. Do not edit. -->
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <policyNamespaces>
    <target prefix="gwssecurepause" namespace="Example.Policies.GwsSecurePause" />
    <using prefix="windows" namespace="Microsoft.Policies.Windows" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="SUPPORTED_Win10" displayName="$(string.SUPPORTED_Win10)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="GwsSecurePause" displayName="$(string.GwsSecurePause)" />
  </categories>
  <policies>
${policies.join('\n')}
  </policies>
</policyDefinitions>
`;
  const admlText = `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by scripts/generate-admx.ts from the settings schema. Do not edit. -->
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <displayName>GWS Secure Pause</displayName>
  <description>Settings of GWS Secure Pause (computer policies win over user policies).</description>
  <resources>
    <stringTable>
      <string id="GwsSecurePause">GWS Secure Pause</string>
      <string id="SUPPORTED_Win10">Windows 10 or later</string>
${adml.flatMap((p) => p.strings).join('\n')}
    </stringTable>
    <presentationTable>
${adml
  .map((p) => p.presentation)
  .filter(Boolean)
  .join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
  return {
    'GwsSecurePause.admx': admx,
    'en-US/GwsSecurePause.adml': admlText,
    'gws-secure-pause.mobileconfig': mobileconfig(keys, shape),
  };
}

/** A sample value of each kind, for the profile. */
function sampleValue(key: string, f: KeyFacts): string {
  if (key === 'autoUpdate') return '<false/>';
  if (key === 'updateUrl') return '<string>https://updates.example.com/gws-secure-pause/</string>';
  if (f.type === 'boolean') return '<false/>';
  if (f.type === 'number')
    return `<integer>${Math.max(f.minValue ?? 0, key === 'reminderSeconds' ? 30 : 0)}</integer>`;
  if (f.type === 'enum') return `<string>${xml(f.options?.[0] ?? '')}</string>`;
  return '<string></string>';
}

/** A sample MDM profile setting the update keys (the rest listed, commented, to copy from). */
function mobileconfig(keys: string[], shape: Shape): string {
  const set = ['autoUpdate', 'updateUrl'];
  const body = keys
    .map((k) => {
      const line = `<key>${k}</key>${sampleValue(k, facts(shape[k]!))}`;
      return set.includes(k) ? `\t\t\t\t${line}` : `\t\t\t\t<!-- ${line} -->`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Generated by scripts/generate-admx.ts. A sample: replace the UUIDs and values, sign it, deploy it by MDM. -->
<plist version="1.0">
<dict>
\t<key>PayloadContent</key>
\t<array>
\t\t<dict>
\t\t\t<key>PayloadType</key><string>com.example.gws-secure-pause</string>
\t\t\t<key>PayloadIdentifier</key><string>com.example.gws-secure-pause.settings</string>
\t\t\t<key>PayloadUUID</key><string>9B0C6C6E-7E42-4F0B-9C1B-2A6E1D2B7C01</string>
\t\t\t<key>PayloadVersion</key><integer>1</integer>
\t\t\t<key>PayloadDisplayName</key><string>GWS Secure Pause settings</string>
${body}
\t\t</dict>
\t</array>
\t<key>PayloadDisplayName</key><string>GWS Secure Pause</string>
\t<key>PayloadIdentifier</key><string>com.example.gws-secure-pause.profile</string>
\t<key>PayloadScope</key><string>System</string>
\t<key>PayloadType</key><string>Configuration</string>
\t<key>PayloadUUID</key><string>3F6B1E0A-5D7C-4E2B-8A9F-0C1D2E3F4A5B</string>
\t<key>PayloadVersion</key><integer>1</integer>
</dict>
</plist>
`;
}

/** Where the templates are written. */
export const POLICY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'policy');

/** Writes every template into {@link POLICY_DIR}. */
export function writePolicyTemplates(dir = POLICY_DIR): string[] {
  const files = buildPolicyTemplates();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return Object.keys(files);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const file of writePolicyTemplates()) console.log(`build/policy/${file}`);
}
