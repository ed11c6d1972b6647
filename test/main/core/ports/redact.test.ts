import { describe, expect, it } from 'vitest';
import { redactingLogger, type LogFields } from '../../../../main/core/ports/logging.ts';
import {
  describeUrl,
  describeValue,
  redactFields,
  redactText,
  REDACTED,
} from '../../../../main/core/ports/redact.ts';

describe('redactText', () => {
  it.each([
    ['Authorization: Basic YWdlbnQxOnNlY3JldA==', 'YWdlbnQxOnNlY3JldA=='],
    ['proxy-authorization: Basic cDpxcXFxcXE=', 'cDpxcXFxcXE='],
    ['Cookie: JSESSIONID=abc123def456; other=1', 'abc123def456'],
    ['Set-Cookie: JSESSIONID=abc123def456; Path=/', 'abc123def456'],
    ['X-CSRF-TOKEN: 6f1c2a7e-0000-4000-8000-123456789abc', '6f1c2a7e-0000-4000-8000-123456789abc'],
    ['{"password":"hunter2-long","user":"a"}', 'hunter2-long'],
    ['{"X-CSRF-TOKEN": "tok-123456"}', 'tok-123456'],
    ['GET /x?password=hunter2-long&u=a', 'hunter2-long'],
    ['url https://agent:hunter2-long@gws.example.com/api', 'hunter2-long'],
    ['the header was Bearer eyJhbGciOiJIUzI1NiJ9.e30.x', 'eyJhbGciOiJIUzI1NiJ9'],
    ['JSESSIONID=node0abc123xyz.node0 was set', 'node0abc123xyz'],
  ])('removes the secret from %s', (text, secret) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('replaces known literal secrets wherever they appear, and leaves ordinary text alone', () => {
    expect(redactText('token is abcd-1234 here', ['abcd-1234'])).toBe(`token is ${REDACTED} here`);
    expect(redactText('call 42 paused by agent1')).toBe('call 42 paused by agent1');
    expect(redactText('ab', ['ab'])).toBe('ab'); // too short to be a secret worth shredding words for
  });

  it('bounds its work on huge input', () => {
    const out = redactText(`${'x'.repeat(100_000)}password=secret-value`);
    expect(out.length).toBeLessThan(5_000);
    expect(out).not.toContain('secret-value');
  });
});

describe('redactFields', () => {
  it('redacts secret-named keys at any depth it walks, and strings by pattern', () => {
    expect(
      redactFields({
        callId: 'c1',
        password: 'pw-123456',
        headers: { Cookie: 'JSESSIONID=x', 'X-CSRF-TOKEN': 't' },
        note: 'Authorization: Basic YWdlbnQxOnNlY3JldA==',
      }),
    ).toEqual({
      callId: 'c1',
      password: REDACTED,
      headers: { Cookie: REDACTED, 'X-CSRF-TOKEN': REDACTED },
      note: `Authorization: ${REDACTED}`,
    });
  });

  it('never recurses without bound (a 5,000-deep array)', () => {
    let deep: unknown = [];
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(() => JSON.stringify(redactFields({ deep }))).not.toThrow();
    expect(describeValue(deep)).toBe('an array of 1');
  });
});

describe('describeUrl', () => {
  it('drops user info, query and fragment, and never echoes what does not parse', () => {
    expect(describeUrl('https://u:pw-secret@gws.example.com:8443/x?token=1#f')).toBe(
      'https://gws.example.com:8443/x',
    );
    expect(describeUrl('https://u:pw-secret@bad host')).not.toContain('pw-secret');
  });
});

describe('redactingLogger', () => {
  it('redacts messages and fields before the sink sees them, including current literal secrets', () => {
    const seen: string[] = [];
    const sink = (message: string, fields?: LogFields) => seen.push(`${message} ${JSON.stringify(fields)}`);
    const log = redactingLogger({ debug: sink, info: sink, warn: sink, error: sink }, () => ['csrf-tok-999']);
    log.warn('server said csrf-tok-999 and Cookie: JSESSIONID=abc-session', {
      authorization: 'Basic x',
      n: 1,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toMatch(/csrf-tok-999|abc-session|Basic x/);
    expect(seen[0]).toContain('"n":1');
  });

  it('survives a throwing sink', () => {
    const boom = () => {
      throw new Error('disk full');
    };
    const log = redactingLogger({ debug: boom, info: boom, warn: boom, error: boom });
    expect(() => log.error('x')).not.toThrow();
  });
});
