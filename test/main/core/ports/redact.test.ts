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

  it.each([
    [
      '{"set-cookie":["sid=arr-secret1; Path=/","SRV=arr-secret2"],"status":200}',
      ['arr-secret1', 'arr-secret2'],
    ],
    ['{"headers":{"Authorization":{"scheme":"Basic","value":"obj-secret3"}}}', ['obj-secret3']],
    ["{ 'set-cookie': [ 'sid=inspect-secret4' ], status: 200 }", ['inspect-secret4']],
    ['{"password": 81726354, "callId": "c1"}', ['81726354']],
    ['cut short: {"cookie":["sid=cut-secret5', ['cut-secret5']],
  ])('redacts a structure or number under a secret-named key in text: %s', (text, secrets) => {
    const out = redactText(text);
    for (const secret of secrets) expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('keeps the rest of a JSON text readable around a redacted structure', () => {
    expect(redactText('{"calls":[{"id":"c1"}],"set-cookie":["a=[b]","c"],"status":200}')).toBe(
      `{"calls":[{"id":"c1"}],"set-cookie":"${REDACTED}","status":200}`,
    );
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

  it('redacts any value under a secret-named key, whatever its type, and walks nested objects', () => {
    expect(
      redactFields({
        'set-cookie': ['JSESSIONID=abc; Path=/', 'SRV=xyz'],
        authorization: { scheme: 'Basic', value: 'YWdlbnQxOmFnZW50MQ==' },
        response: { headers: { 'Set-Cookie': ['sid=1'], 'content-type': 'text/plain' } },
        pin: 1234,
        token: 987654,
      }),
    ).toEqual({
      'set-cookie': REDACTED,
      authorization: REDACTED,
      response: { headers: { 'Set-Cookie': REDACTED, 'content-type': 'text/plain' } },
      pin: 1234,
      token: REDACTED,
    });
  });

  it('treats name/value lists and maps as keyed: the value after a secret name is redacted', () => {
    expect(redactFields(['Set-Cookie', 'sid=raw1', 'Content-Type', 'text/html'])).toEqual([
      'Set-Cookie',
      REDACTED,
      'Content-Type',
      'text/html',
    ]);
    expect(redactFields([['authorization', ['Basic', 'abc']]])).toEqual([['authorization', REDACTED]]);
    expect(
      redactFields(
        new Map([
          ['cookie', 'sid=m1'],
          ['callId', 'c1'],
        ]),
      ),
    ).toEqual({
      cookie: REDACTED,
      callId: 'c1',
    });
    // Prose in a list is not a name: the next item stays.
    expect(redactFields(['see the password rules', 'c1'])).toEqual(['see the password rules', 'c1']);
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
