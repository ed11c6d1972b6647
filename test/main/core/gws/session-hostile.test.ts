/**
 * Hostile answers on the REST side: whatever a server (or a proxy, or a load
 * balancer) answers, the session never crashes, never buffers without bound
 * and never quotes a secret back.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentCore } from '../../../../main/core/agent-core.ts';
import { GwsPath, GwsSession, MAX_RESPONSE_BYTES } from '../../../../main/core/gws/session.ts';
import type { LogFields } from '../../../../main/core/ports/logging.ts';
import { startSimulator } from '../../../../simulator/index.ts';
import { TEST_SIM_OPTIONS } from '../../helpers/core-harness.ts';
import { startRelay } from '../../helpers/tcp-relay.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A loopback HTTP server answering every request with `handler`. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const PASSWORD = 'Pa55-w0rd-xyz';

describe('GWS session against hostile answers', () => {
  it('quotes server error text only after redacting cookies, tokens and Authorization it echoes', async () => {
    const url = await serve((req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain', 'set-cookie': 'JSESSIONID=sess-abcdef123456' });
      res.end(
        `echo: authorization: ${req.headers.authorization ?? ''}\ncookie: ${req.headers.cookie ?? ''}\nx-csrf-token: t0k3n-0123456789`,
      );
    });
    const session = new GwsSession({ serverUrl: url, username: 'agent1', password: PASSWORD });
    const first = await session.signIn();
    const second = await session.get(GwsPath.Calls);
    for (const result of [first, second]) {
      expect(result.ok).toBe(false);
      const message = result.ok ? '' : result.message;
      expect(message).toMatch(/HTTP 500/);
      expect(message).not.toMatch(/Basic [A-Za-z0-9+/=]{6,}/);
      expect(message).not.toContain(Buffer.from(`agent1:${PASSWORD}`).toString('base64'));
      expect(message).not.toContain('sess-abcdef123456');
      expect(message).not.toContain('t0k3n-0123456789');
    }
  });

  it('never quotes the password (or its Basic token) that a server echoes in its error text', async () => {
    // A hostile probe: a server whose error message repeats the credentials it was given. The message reaches the
    // CLI's output and the desktop's support log, so the session must cut the password out wherever it appears.
    const token = Buffer.from(`agent1:${PASSWORD}`).toString('base64');
    const answers = [
      (res: ServerResponse) => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 2, statusMessage: `Invalid password ${PASSWORD} for agent1` }));
      },
      (res: ServerResponse) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`login failed for agent1/${PASSWORD} (token ${token})`);
      },
    ];
    for (const answer of answers) {
      const url = await serve((_req, res) => answer(res));
      const session = new GwsSession({ serverUrl: url, username: 'agent1', password: PASSWORD });
      const result = await session.signIn();
      expect(result.ok).toBe(false);
      const message = result.ok ? '' : result.message;
      expect(message).toMatch(/agent1/);
      expect(message).not.toContain(PASSWORD);
      expect(message).not.toContain(token);
    }
  });

  it('keeps an accepted operation accepted when the answer sets a cookie for a foreign domain', async () => {
    const sim = await startSimulator({ ...TEST_SIM_OPTIONS, csrf: false });
    const relay = await startRelay(sim.port, { extraSetCookie: 'tracker=1; Domain=evil.example; Path=/' });
    cleanups.push(
      () => relay.close(),
      () => sim.close(),
    );
    const session = new GwsSession({ serverUrl: relay.url, username: 'agent1', password: 'agent1' });
    expect(await session.signIn()).toMatchObject({ ok: true });
    const result = await session.post(GwsPath.Me, {
      operationName: 'StartContactCenterSession',
      channels: ['voice'],
    });
    expect(result).toMatchObject({ ok: true });
  });

  it('cuts off an answer larger than the bound instead of buffering it', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_RESPONSE_BYTES + 2 * chunk.length) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('{}');
      };
      res.on('error', () => undefined);
      pump();
    });
    const session = new GwsSession({ serverUrl: url, username: 'agent1', password: 'x' });
    const result = await session.get(GwsPath.Calls);
    expect(result).toMatchObject({ ok: false, kind: 'network' });
  });

  it('describes a deeply nested JSON error body without overflowing the stack', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const url = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(deep);
    });
    const session = new GwsSession({ serverUrl: url, username: 'agent1', password: 'x' });
    const result = await session.get(GwsPath.Calls);
    expect(result).toMatchObject({ ok: false, kind: 'http', httpStatus: 500 });
  });

  it('reads the password on demand at each sign-in, from the credentials source', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    cleanups.push(() => sim.close());
    let reads = 0;
    const session = new GwsSession({
      serverUrl: sim.url,
      credentials: {
        username: 'agent1',
        getPassword: async () => {
          reads += 1;
          return 'agent1';
        },
      },
    });
    expect(reads).toBe(0);
    expect(await session.signIn()).toMatchObject({ ok: true });
    expect(await session.signIn()).toMatchObject({ ok: true });
    expect(reads).toBe(2);
  });
});

describe('agent core start() codes', () => {
  it('refuses plain http to a non-loopback host before any request (insecure-url)', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests += 1;
      res.end('{}');
    });
    // The same server under a non-loopback name: nothing may be sent to it.
    const insecure = url.replace('127.0.0.1', 'gws.invalid');
    const core = createAgentCore({ serverUrl: insecure, username: 'agent1', password: 'agent1' });
    expect(await core.start()).toMatchObject({ ok: false, code: 'insecure-url' });
    expect(requests).toBe(0);
    for (const loopback of ['http://localhost:9', 'http://127.0.0.2:9', 'http://[::1]:9']) {
      const started = await createAgentCore({
        serverUrl: loopback,
        username: 'agent1',
        password: 'agent1',
        requestTimeoutMs: 2_000,
      }).start();
      expect(started).toMatchObject({ ok: false, code: 'unreachable' });
    }
  });

  it('answers config (never throws) for an unusable setting, without echoing credentials', async () => {
    const core = createAgentCore({ serverUrl: 'https://u:Hunter2pw@bad host', username: 'u', password: 'p' });
    const started = await core.start();
    expect(started).toMatchObject({ ok: false, code: 'config' });
    expect(JSON.stringify(started)).not.toContain('Hunter2pw');
    expect(await core.toggleRecording()).toMatchObject({ ok: false, code: 'not-connected' });
  });

  it('answers server-error for an HTML answer to the sign-in, and logs nothing secret', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const lines: string[] = [];
    const sink = (level: string) => (message: string, fields?: LogFields) =>
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    const core = createAgentCore({
      serverUrl: url,
      username: 'agent1',
      password: PASSWORD,
      logger: { debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') },
    });
    expect(await core.start()).toMatchObject({ ok: false, code: 'server-error' });
    expect(lines.some((l) => l.startsWith('warn sign-in failed'))).toBe(true);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });
});
