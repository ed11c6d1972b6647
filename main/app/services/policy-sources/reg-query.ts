/**
 * Parses what `reg query <key>` prints on Windows, the channel Group Policy
 * writes to (`HKLM\Software\Policies\GwsSecurePause`, then HKCU). The output
 * is a header line with the key, then one line per value:
 * `    <name>    <REG_TYPE>    <data>`. DWORD/QWORD data is hexadecimal
 * (`0x1`), MULTI_SZ joins its strings with `\0`. Unknown types are kept as
 * text and left to the schema to refuse. Subkeys and blank lines are skipped.
 *
 * Tested from recorded output: Windows cannot run here.
 */

import { execFile } from 'node:child_process';

/** One registry value as read. */
export type RegistryValue = number | string | string[];

const VALUE_LINE = /^ {4}(\S(?:.*?\S)?) {4}(REG_[A-Z_]+) {4}(.*)$/;
const EMPTY_VALUE_LINE = /^ {4}(\S(?:.*?\S)?) {4}(REG_[A-Z_]+)$/;

/** Converts the text `reg query` printed for a value of `type`. */
function convert(type: string, data: string): RegistryValue {
  if (type === 'REG_DWORD' || type === 'REG_QWORD') return Number.parseInt(data, 16);
  if (type === 'REG_MULTI_SZ') return data === '' ? [] : data.split('\\0');
  return data;
}

/** The values of the key `reg query` printed (the first key block only; subkeys are ignored). */
export function parseRegQuery(output: string): Record<string, RegistryValue> {
  const values: Record<string, RegistryValue> = {};
  let blocks = 0;
  for (const raw of output.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    if (/^HKEY_/i.test(raw)) {
      blocks += 1;
      continue;
    }
    if (blocks !== 1) continue;
    const m = VALUE_LINE.exec(raw) ?? EMPTY_VALUE_LINE.exec(raw);
    if (!m) continue;
    const [, name, type, data] = m;
    if (!name || !type || name === '(Default)') continue;
    values[name] = convert(type, data ?? '');
  }
  return values;
}

/** The policy keys, highest first. */
export const POLICY_REGISTRY_KEYS = [
  'HKLM\\Software\\Policies\\GwsSecurePause',
  'HKCU\\Software\\Policies\\GwsSecurePause',
] as const;

/** Runs `reg query <key>`; resolves the output, or `undefined` when the key does not exist. */
export type RegQuery = (key: string) => Promise<string | undefined>;

/** The real `reg query` (Windows only). A missing key exits 1: that is "no policy", not an error. */
export const runRegQuery: RegQuery = (key) =>
  new Promise((resolve, reject) => {
    execFile('reg', ['query', key], { windowsHide: true, timeout: 10_000 }, (error, stdout) => {
      if (!error) resolve(stdout);
      else if ((error as { code?: unknown }).code === 1) resolve(undefined);
      else reject(error);
    });
  });
