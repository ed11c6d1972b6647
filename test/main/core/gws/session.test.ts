import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../../simulator/index.ts';
import { createAgentCore } from '../../../../main/core/agent-core.ts';
import { buildTlsSettings, GwsPath, GwsSession } from '../../../../main/core/gws/session.ts';
import {
  serverRecordingState,
  startHarness,
  TEST_SIM_OPTIONS,
  type Harness,
} from '../../helpers/core-harness.ts';
import { simControl } from '../../helpers/sim-control.ts';
import { startRelay } from '../../helpers/tcp-relay.ts';
import { startTlsFront } from '../../helpers/tls-front.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let h: Harness | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function agent1Logins(ctl: ReturnType<typeof simControl>): Promise<number> {
  return (await ctl.state()).agents.find((a) => a.userName === 'agent1')?.logins ?? -1;
}

describe('GWS session', () => {
  it('signs in again exactly once when the session expires mid-call', async () => {
    // Long-polling: the stream stays up until its next request meets the dead
    // session, so the command and the stream race for the re-login (a
    // websocket is closed by the server at once, and the toggle is refused).
    h = await startHarness({}, { transport: 'long-polling' });
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    expect(await agent1Logins(h.ctl)).toBe(1);

    await h.ctl.expireSessions('agent1');
    // The REST command and the Bayeux side both hit the dead session at about the same time.
    const result = await h.core.toggleRecording();

    expect(result).toMatchObject({ ok: true, operation: 'PauseCallRecording' });
    await waitFor(
      async () => (await serverRecordingState(h!.ctl, callId)) === 'Paused',
      3_000,
      'server paused',
    );
    await waitFor(() => h?.core.getSnapshot().status === 'paused', 5_000, 'paused shown');
    expect(await agent1Logins(h.ctl)).toBe(2);
    expect(h.core.loginCount).toBe(2);
  });

  it('refreshes a rejected CSRF token once and retries the POST', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    cleanups.push(() => sim.close());
    const ctl = simControl(sim.url);
    const relay = await startRelay(sim.port);
    cleanups.push(() => relay.close());
    const a = new GwsSession({ serverUrl: relay.url, username: 'agent1', password: 'agent1' });
    const b = new GwsSession({ serverUrl: sim.url, username: 'agent1', password: 'agent1' });
    expect((await a.signIn()).ok).toBe(true);
    expect((await b.signIn()).ok).toBe(true);
    // a now presents b's live session cookie with its own (now wrong) cached token:
    // the server answers 403 "Missing or invalid Csrf token".
    const [bCookie] = await b.cookieJar.getCookies(sim.url);
    await a.cookieJar.setCookie(String(bCookie), relay.url);
    relay.resetLog();

    const result = await a.post(GwsPath.Me, {
      operationName: 'StartContactCenterSession',
      channels: ['voice'],
    });

    expect(result).toMatchObject({ ok: true });
    // Exactly: POST (403) → GET /me (fresh token) → POST again.
    expect(relay.count(/POST \/api\/v2\/me /)).toBe(2);
    expect(relay.count(/GET \/api\/v2\/me /)).toBe(1);
    expect(a.loginCount).toBe(1); // a token refresh, not a re-login
    expect(await agent1Logins(ctl)).toBe(2);
    expect((await ctl.state()).agents.find((x) => x.userName === 'agent1')?.inContactCenterSession).toBe(
      true,
    );
  });

  it.each([
    ['JSON', 'application/json', '{"statusCode":3,"statusMessage":"Forbidden"}'],
    ['HTML', 'text/html', '<html><body>403 Forbidden</body></html>'],
  ])(
    'refreshes the token and retries once on a CSRF 403 with a %s body (the format is a [gap])',
    async (_n, type, body) => {
      // A stand-in server: GET /me hands out a new token each time, the first POST is refused.
      let gets = 0;
      const posts: (string | undefined)[] = [];
      const server = createServer((req, res) => {
        if (req.method === 'GET') {
          gets += 1;
          res.writeHead(200, {
            'content-type': 'application/json',
            'set-cookie': 'JSESSIONID=s1; Path=/',
            'x-csrf-header': 'X-CSRF-TOKEN',
            'x-csrf-token': `t${gets}`,
          });
          res.end('{"statusCode":0}');
          return;
        }
        posts.push(req.headers['x-csrf-token'] as string | undefined);
        const refused = posts.length === 1;
        res.writeHead(refused ? 403 : 200, { 'content-type': refused ? type : 'application/json' });
        res.end(refused ? body : '{"statusCode":0}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const { port } = server.address() as AddressInfo;
      const session = new GwsSession({ serverUrl: `http://127.0.0.1:${port}`, username: 'u', password: 'p' });
      expect((await session.signIn()).ok).toBe(true);

      const result = await session.post(GwsPath.VoiceChannel, { operationName: 'Ready' });

      expect(result).toMatchObject({ ok: true });
      expect(posts).toEqual(['t1', 't2']); // retried once, with the refreshed token
      expect(session.loginCount).toBe(1);
    },
  );

  it('signs in again once when the cookie names no live session', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    cleanups.push(() => sim.close());
    const session = new GwsSession({ serverUrl: sim.url, username: 'agent1', password: 'agent1' });
    expect((await session.signIn()).ok).toBe(true);
    await session.cookieJar.removeAllCookies();
    await session.cookieJar.setCookie('JSESSIONID=forged; Path=/', sim.url);
    const result = await session.post(GwsPath.Me, {
      operationName: 'StartContactCenterSession',
      channels: ['voice'],
    });
    // 401 → one re-login, then the POST succeeds on the fresh session.
    expect(result).toMatchObject({ ok: true });
    expect(session.loginCount).toBe(2);
  });

  it('refuses bad credentials with a clear reason and no session', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    cleanups.push(() => sim.close());
    const core = createAgentCore({ serverUrl: sim.url, username: 'agent1', password: 'wrong' });
    const started = await core.start();
    expect(started).toEqual({
      ok: false,
      code: 'bad-credentials',
      message: expect.stringMatching(/check the user name and password/),
    });
    expect(started.ok ? '' : started.message).not.toContain('wrong');
    expect(core.getSnapshot().status).toBe('disconnected');
    expect(await agent1Logins(simControl(sim.url))).toBe(0);
  });

  it('says the server is unreachable when nothing listens', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    const url = sim.url;
    await sim.close();
    const core = createAgentCore({
      serverUrl: url,
      username: 'agent1',
      password: 'agent1',
      requestTimeoutMs: 2_000,
    });
    const started = await core.start();
    expect(started).toEqual({
      ok: false,
      code: 'unreachable',
      message: expect.stringMatching(/cannot reach GWS at .*ECONNREFUSED/),
    });
  });

  it('adds an extra CA to the default roots instead of replacing them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gws-ca-'));
    const file = join(dir, 'extra.pem');
    const pem = rootCertificates[0] ?? '';
    writeFileSync(file, pem);
    const tls = buildTlsSettings(file);
    expect(tls.rejectUnauthorized).toBe(true);
    expect(tls.ca).toHaveLength(rootCertificates.length + 1);
    expect(tls.ca?.slice(0, rootCertificates.length)).toEqual([...rootCertificates]);
    expect(buildTlsSettings(undefined).ca).toBeUndefined(); // Node's defaults, untouched
  });

  it('rejects an unusable server URL with a clear message, without echoing credentials', () => {
    const make = (serverUrl: string) => () => new GwsSession({ serverUrl, username: 'u', password: 'p' });
    expect(make('notaurl')).toThrow(/server URL "notaurl" is not a URL/);
    expect(make('ftp://gws.example.com')).toThrow(/must start with http:\/\/ or https:\/\//);
    expect(make('https://agent:hunter2@gws.example.com')).toThrow(/must not carry credentials/);
    expect(make('https://agent:hunter2@gws.example.com')).not.toThrow(/hunter2/);
  });

  it('rejects an unreadable CA file with a message naming it', () => {
    expect(() => buildTlsSettings('/nonexistent/ca.pem')).toThrow(/extra CA file \/nonexistent\/ca\.pem/);
  });

  it('sends REST and Bayeux through the configured HTTP proxy', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    const proxy = await startRelay(sim.port); // absolute-form requests reach the simulator unchanged
    const core = createAgentCore({
      serverUrl: sim.url,
      username: 'agent1',
      password: 'agent1',
      proxyUrl: proxy.url,
    });
    cleanups.push(
      () => core.stop(),
      () => proxy.close(),
      () => sim.close(),
    );
    expect(await core.start()).toEqual({ ok: true });
    await waitFor(() => core.getSnapshot().live, 5_000, 'live through the proxy');
    const origin = sim.url.replace(/[.]/g, '\\.');
    expect(proxy.count(new RegExp(`GET ${origin}/api/v2/me `))).toBeGreaterThan(0);
    expect(proxy.count(new RegExp(`POST ${origin}/api/v2/notifications `))).toBeGreaterThan(0);
  });

  it('ignores http_proxy/https_proxy on Bayeux as REST does: only the configured proxy is used', async () => {
    const saved = { http: process.env.http_proxy, https: process.env.https_proxy };
    process.env.http_proxy = 'http://127.0.0.1:9'; // nothing listens there
    process.env.https_proxy = 'http://127.0.0.1:9';
    try {
      h = await startHarness(); // throws unless Bayeux goes live
      await h.establishedCall();
      await h.waitStatus('recording');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[`${name}_proxy`];
        else process.env[`${name}_proxy`] = value;
      }
    }
  });

  it('verifies TLS: a private CA is refused by default and trusted once given as the extra CA', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    const front = await startTlsFront(sim.port);
    cleanups.push(
      () => front.close(),
      () => sim.close(),
    );
    const untrusting = createAgentCore({ serverUrl: front.url, username: 'agent1', password: 'agent1' });
    const refused = await untrusting.start();
    expect(refused).toEqual({
      ok: false,
      code: 'tls',
      message: expect.stringMatching(/cannot reach GWS.*(certificate|CERT)/i),
    });

    const core = createAgentCore({
      serverUrl: front.url,
      username: 'agent1',
      password: 'agent1',
      extraCaFile: front.caFile,
    });
    cleanups.unshift(() => core.stop());
    expect(await core.start()).toEqual({ ok: true });
    // Bayeux goes over the same verified TLS: the core only turns live once it is subscribed.
    await waitFor(() => core.getSnapshot().live, 5_000, 'live over TLS');
    expect(core.getSnapshot().status).toBe('no-call');
  });
});
