import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRotatingLog } from '../../../../main/app/services/rotating-log.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gws-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const all = (files: string[]) => files.map((f) => readFileSync(f, 'utf8')).join('');

describe('rotating log', () => {
  it('writes timestamped lines with level and fields, below the level dropped', () => {
    const log = createRotatingLog({ dir, now: () => Date.UTC(2026, 11, 2, 6, 0, 0), level: 'info' });
    log.debug('chatter');
    log.info('signed in', { serverUrl: 'https://gws.example.com', username: 'jdoe' });
    expect(readFileSync(log.path, 'utf8')).toBe(
      '2026-12-02T06:00:00.000Z INFO signed in {"serverUrl":"https://gws.example.com","username":"jdoe"}\n',
    );
  });

  it('rotates by size and keeps N files', () => {
    const log = createRotatingLog({ dir, maxBytes: 2_000, maxFiles: 3 });
    for (let i = 0; i < 100; i++) log.info(`line ${i} ${'x'.repeat(80)}`);
    const files = log.files();
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'gws-secure-pause.log',
      'gws-secure-pause.1.log',
      'gws-secure-pause.2.log',
    ]);
    for (const f of files) expect(statSync(f).size).toBeLessThanOrEqual(2_000);
    expect(readFileSync(files[0] ?? '', 'utf8')).toContain('line 99 ');
    expect(all(files)).not.toContain('line 0 '); // oldest dropped
  });

  it('never lets a password, cookie, CSRF token or Authorization reach the file', () => {
    const password = 'Hunter2-Secret!';
    const log = createRotatingLog({ dir, level: 'debug', secrets: () => [password] });
    log.error(`sign-in failed for jdoe with ${password}`);
    log.warn('request', {
      password,
      headers: {
        Cookie: 'JSESSIONID=node0abc123def456; other=1',
        'X-CSRF-TOKEN': 'c0ffee00-1234-5678-9abc-def012345678',
        Authorization: 'Basic amRvZTpIdW50ZXIyLVNlY3JldCE=',
      },
    });
    log.info(
      'proxy echoed: Authorization: Basic amRvZTpIdW50ZXIyLVNlY3JldCE=\nSet-Cookie: JSESSIONID=node0zzz',
    );
    log.debug('GET https://jdoe:Hunter2-Secret!@gws.example.com/api/v2/me?csrf=c0ffee00-1234');
    const text = readFileSync(log.path, 'utf8');
    for (const secret of [
      password,
      'node0abc123def456',
      'node0zzz',
      'c0ffee00-1234-5678-9abc-def012345678',
      'c0ffee00-1234',
      'amRvZTpIdW50ZXIyLVNlY3JldCE=',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(text.trim().split('\n')).toHaveLength(4); // a newline in a message cannot forge a line
  });

  it('redacts whatever sits under a secret-named key: a set-cookie array, an authorization object, nested headers', () => {
    const log = createRotatingLog({ dir, level: 'debug' });
    // Structured fields, the shapes a response or request object has.
    log.warn('response', {
      status: 200,
      'set-cookie': ['JSESSIONID=node0sess111; Path=/', 'SRV=route-secret-222'],
      request: { headers: { authorization: { scheme: 'Basic', value: 'YWdlbnQxOnNlY3JldDMzMw==' } } },
      raw: ['Set-Cookie', 'sid=raw-header-444', 'Content-Type', 'application/json'],
      entries: [['cookie', 'sid=entry-555']],
      map: new Map([['x-csrf-token', 'map-token-666']]),
    });
    // The same shapes as text: a server body or an inspected object echoed in a message or a field.
    log.error('server said {"set-cookie":["sid=text-777"],"headers":{"Authorization":{"v":"text-888"}}}');
    log.info('inspected', { body: "{ 'set-cookie': [ 'sid=text-999' ], token: 424242 }" });
    const text = readFileSync(log.path, 'utf8');
    for (const secret of [
      'node0sess111',
      'route-secret-222',
      'YWdlbnQxOnNlY3JldDMzMw==',
      'raw-header-444',
      'entry-555',
      'map-token-666',
      'text-777',
      'text-888',
      'text-999',
      '424242',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    // What is not secret stays readable for support.
    expect(text).toContain('"status":200');
    expect(text).toContain('application/json');
  });

  it('never throws, even when the folder cannot be created', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const log = createRotatingLog({ dir: join(blocker, 'logs') });
    expect(() => log.error('x')).not.toThrow();
    expect(log.files()).toEqual([]);
  });
});
