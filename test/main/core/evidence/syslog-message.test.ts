import { describe, expect, it } from 'vitest';
import {
  SYSLOG_DEFAULTS,
  entryFromParams,
  formatSyslogMessage,
  frameOctetCounted,
  parseSyslogLine,
} from '../../../../main/core/evidence/syslog-message.ts';
import { writeLog } from './evidence-fixtures.ts';

describe('RFC 5424 message of an audit entry', () => {
  const { entries } = writeLog([
    { action: 'log-gap', result: 'write-failed', detail: 'from=a to=b lost=3', atMs: Date.UTC(2026, 11, 1) },
  ]);
  const entry = entries[0] as (typeof entries)[number];

  it('has the header, one SD element with every field, escapes PARAM-VALUE, and frames by octets', () => {
    const identity = { ...SYSLOG_DEFAULTS, hostName: 'ws 1', appName: 'gws', enterpriseNumber: 99999 };
    const message = formatSyslogMessage({ ...entry, agent: 'a"b\\c]d' }, identity);
    expect(message).toMatch(/^<108>1 2026-12-01T00:00:00\.000Z ws1 gws - log-gap \[audit@99999 seq="1" /);
    expect(message).toContain('agent="a\\"b\\\\c\\]d"');
    expect(frameOctetCounted('é x')).toBe('4 é x');
    const parsed = parseSyslogLine(`2026-12-01 relay: ${message}`);
    expect(parsed?.sd.get('audit@99999')?.agent).toBe('a"b\\c]d');
  });

  it('round-trips: the entry parsed back hashes the same', () => {
    const parsed = parseSyslogLine(formatSyslogMessage(entry, { ...SYSLOG_DEFAULTS, hostName: 'h' }));
    expect(entryFromParams(parsed?.sd.get('audit@32473') ?? {})).toEqual({ ok: true, entry });
    expect(entryFromParams({ seq: 'x' }).ok).toBe(false);
  });
});
