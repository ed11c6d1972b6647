/**
 * Findings of the simulator review, each pinned by a test: isolation with many
 * agents, stale websockets, hostile bodies, clients that leave early, logout
 * events, close() with idle websockets, and the /sim API against web pages.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import got from 'got';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENTS, startSimulator } from '../../simulator/index.ts';
import {
  RestAgent,
  basic,
  control,
  createCall,
  eventually,
  fayeClient,
  json,
  signedInWithCall,
  startSim,
  subscribe,
} from './helpers.ts';

const HANDSHAKE = { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] };

async function bayeuxPost(url: string, messages: unknown, headers: Record<string, string>) {
  const res = await got.post(`${url}/api/v2/notifications`, {
    json: messages,
    headers,
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return { status: res.statusCode, body: res.body };
}

describe('isolation with many agents', () => {
  it('never lets agent1 reach agent10 through a crafted subscription, and refuses meta/service channels', async () => {
    const agents = Array.from({ length: 10 }, (_, i) => ({
      userName: `agent${i + 1}`,
      password: `agent${i + 1}`,
      dn: String(7001 + i),
    }));
    const sim = await startSim({ agents });
    const headers = { authorization: basic('agent1') };
    const [hs] = JSON.parse((await bayeuxPost(sim.url, [HANDSHAKE], headers)).body) as Array<{
      clientId: string;
    }>;
    const clientId = hs?.clientId;
    for (const subscription of [
      '0/v2/me/calls',
      '/meta/connect',
      '/meta/**',
      '/service/x',
      7,
      ['/v2/me/calls', '0/x'],
    ]) {
      const [reply] = JSON.parse(
        (await bayeuxPost(sim.url, [{ channel: '/meta/subscribe', clientId, subscription }], headers)).body,
      ) as Array<{ successful: boolean; error?: string }>;
      expect(reply, JSON.stringify(subscription)).toMatchObject({
        successful: false,
        error: '403::Subscription denied',
      });
    }
    const a1 = fayeClient(sim, { Authorization: basic('agent1') });
    const inbox1 = await subscribe(a1, '/**');
    const a10 = fayeClient(sim, { Authorization: basic('agent10') });
    const inbox10 = await subscribe(a10, '/v2/me/calls');
    const theirs = await createCall(sim, { agent: 'agent10' });
    await inbox10.waitFor((m) => m.call?.id === theirs);
    const mine = await createCall(sim, { agent: 'agent1' });
    await inbox1.waitFor((m) => m.call?.id === mine);
    expect(inbox1.messages.map((m) => m.data.call?.id)).toEqual([mine]);
  });
});

describe('websocket sessions', () => {
  it('denies a re-handshake on a websocket whose session died, and closes it on expiry', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const client = fayeClient(sim, { Cookie: await agent.jar.getCookieString(sim.url) });
    const types = new Set<unknown>();
    const handshakes: Array<{ successful?: unknown }> = [];
    client.addExtension({
      outgoing: (message, callback) => {
        if (message.channel === '/meta/connect') types.add(message.connectionType);
        callback(message);
      },
      incoming: (message, callback) => {
        if (message.channel === '/meta/handshake') handshakes.push(message);
        callback(message);
      },
    });
    const inbox = await subscribe(client, '/v2/me/calls');
    const before = await createCall(sim);
    await inbox.waitFor((m) => m.call?.id === before);
    expect(types.has('websocket')).toBe(true);
    await control(sim, 'POST', '/sim/sessions/expire', { agent: 'agent1' });
    await eventually(() => handshakes.length >= 2, 3_000);
    expect(handshakes.map((h) => h.successful)).toEqual([true, false]);
    const after = await createCall(sim);
    // A window that counts the ABSENCE of a delivery to the dead client, not a wait for a condition.
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.messages.some((m) => m.data.call?.id === after)).toBe(false);
    expect((await control(sim, 'GET', '/sim/state')).bayeuxClients).toEqual([]);
  });

  it('closes promptly while an idle websocket is open', async () => {
    const sim = await startSimulator({ bayeuxTimeoutSec: 2 });
    // A raw upgrade that then says nothing: faye does not know the socket yet.
    const net = await import('node:net');
    const socket = net.connect(sim.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      'GET /api/v2/notifications HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const reply = await new Promise<string>((resolve) =>
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    const socketOpen = reply.startsWith('HTTP/1.1 101');
    expect(socketOpen).toBe(true);
    const closed = await Promise.race([
      sim.close().then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('hung'), 3_000)),
    ]);
    expect(closed).toBe('closed');
  });

  it('offers websocket in the handshake only when it is enabled', async () => {
    for (const websocket of [true, false]) {
      const sim = await startSim({ websocket });
      const [reply] = JSON.parse(
        (await bayeuxPost(sim.url, [HANDSHAKE], { authorization: basic('agent1') })).body,
      ) as Array<{
        supportedConnectionTypes: string[];
      }>;
      expect(reply?.supportedConnectionTypes.includes('websocket'), String(websocket)).toBe(websocket);
      expect(reply?.supportedConnectionTypes).toContain('long-polling');
    }
  });
});

describe('Bayeux authentication', () => {
  it('checks credentials on every Bayeux request when bayeuxAuth is every-request', async () => {
    for (const [mode, expected] of [
      ['handshake', 200],
      ['every-request', 401],
    ] as const) {
      const sim = await startSim({ bayeuxAuth: mode, bayeuxTimeoutSec: 0.2 });
      const [hs] = JSON.parse(
        (await bayeuxPost(sim.url, [HANDSHAKE], { authorization: basic('agent1') })).body,
      ) as Array<{
        clientId: string;
      }>;
      const anonymous = await bayeuxPost(
        sim.url,
        [{ channel: '/meta/connect', clientId: hs?.clientId, connectionType: 'long-polling' }],
        {},
      );
      expect(anonymous.status, mode).toBe(expected);
      if (expected === 401)
        expect(JSON.parse(anonymous.body)).toEqual({ statusCode: 20, statusMessage: 'Access denied' });
    }
  });
});

describe('hostile bodies', () => {
  it('refuses deeply nested JSON on REST, /sim and Bayeux, and keeps serving subscribers', async () => {
    const { sim, agent, inbox, id } = await signedInWithCall();
    const deep = (n: number): unknown => {
      let v: unknown = 'x';
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    // Hand-built text: a JSON serialiser would overflow its own stack on 20 000 levels.
    const deepText = (n: number): string => `${'['.repeat(n)}"x"${']'.repeat(n)}`;
    const rest = await agent.http.post(`api/v2/me/calls/${id}`, {
      body: `{"operationName":"UpdateUserData","userData":{"x":${deepText(20_000)}}}`,
      headers: { 'content-type': 'application/json', 'x-csrf-token': agent.csrfToken ?? '' },
    });
    expect([rest.statusCode, json(rest).statusCode]).toEqual([400, 10]);
    const viaSim = await control(sim, 'POST', '/sim/calls', {
      agent: 'agent1',
      from: '123',
      userData: { x: deep(100) },
    });
    expect(viaSim).toMatchObject({ httpStatus: 400, statusCode: 10 });
    const headers = { authorization: basic('agent1') };
    const meta = await got.post(`${sim.url}/api/v2/notifications`, {
      body: `[{"channel":"/meta/handshake","version":"1.0","supportedConnectionTypes":["long-polling"],"id":${deepText(20_000)}}]`,
      headers: { ...headers, 'content-type': 'application/json' },
    });
    expect((JSON.parse(meta.body) as Array<{ error: string }>)[0]?.error).toBe(
      '400::Message nested too deeply',
    );
    const ok = await agent.post(`api/v2/me/calls/${id}`, { operationName: 'PauseCallRecording' });
    expect(json(ok)).toEqual({ statusCode: 0 });
    await inbox.waitFor((m) => m.call?.recordingState === 'Paused');
  });

  it('bounds the Bayeux body like every other endpoint', async () => {
    const sim = await startSim({ maxBodyBytes: 10_000 });
    const big = [{ ...HANDSHAKE, ext: { pad: 'x'.repeat(20_000) } }];
    const res = await bayeuxPost(sim.url, big, { authorization: basic('agent1') });
    expect(res.status).toBe(413);
    const [ok] = JSON.parse(
      (await bayeuxPost(sim.url, [HANDSHAKE], { authorization: basic('agent1') })).body,
    ) as Array<{
      successful: boolean;
    }>;
    expect(ok?.successful).toBe(true);
  });
});

describe('follow-ups that must not be lost', () => {
  it('publishes the event even when the client gave up waiting for the answer', async () => {
    const { sim, agent, inbox, id } = await signedInWithCall();
    await control(sim, 'POST', '/sim/faults', { delayMs: 800, operation: 'PauseCallRecording' });
    const res = await agent.http
      .post(`api/v2/me/calls/${id}`, {
        json: { operationName: 'PauseCallRecording' },
        headers: { 'x-csrf-token': agent.csrfToken ?? '' },
        timeout: { request: 200 },
      })
      .catch((error: unknown) => error);
    expect(res).toBeInstanceOf(Error);
    const event = await inbox.waitFor((m) => m.call?.recordingState === 'Paused', 3_000);
    expect(event.notificationType).toBe('CallRecordingStateChange');
  });

  it('delivers the logout device event to the session it ends', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const client = fayeClient(sim, { Cookie: await agent.jar.getCookieString(sim.url) });
    const inbox = await subscribe(client, '/v2/me/devices');
    expect(json(await agent.post('api/v2/me', { operationName: 'EndContactCenterSession' }))).toEqual({
      statusCode: 0,
    });
    const event = await inbox.waitFor((m) => m.devices?.[0]?.deviceState === 'Inactive');
    expect(event.messageType).toBe('DeviceStateChangeMessage');
    expect((await agent.get('api/v2/me')).statusCode).toBe(401);
  });
});

describe('the control API against web pages', () => {
  it('refuses a foreign Origin or Host, and answers curl', async () => {
    const sim = await startSim();
    const post = (headers: Record<string, string>) =>
      got.post(`${sim.url}/sim/sessions/expire`, {
        body: '{"agent":"agent1"}',
        headers: { 'content-type': 'text/plain', ...headers },
        throwHttpErrors: false,
      });
    expect((await post({ origin: 'http://evil.example' })).statusCode).toBe(403);
    expect((await post({ host: 'attacker.example:80' })).statusCode).toBe(403);
    expect((await post({ origin: 'http://localhost:5173' })).statusCode).toBe(200);
    expect((await post({})).statusCode).toBe(200);
  });

  it('announces no CORS policy while Origin checks are off', async () => {
    const sim = await startSim();
    const res = await got(`${sim.url}/api/v2/me`, {
      headers: { authorization: basic('agent1'), origin: 'http://evil.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('HTTP status mapping and small GWS rules', () => {
  it('maps access denied and unknown resources through the configured table', async () => {
    const sim = await startSim({ httpStatus: { '20': 200, '6': 410 } });
    const anon = await new RestAgent(sim).get('api/v2/me');
    expect([anon.statusCode, json(anon).statusCode]).toEqual([200, 20]);
    const agent = new RestAgent(sim);
    await agent.login();
    expect((await agent.get('api/v2/me/nowhere')).statusCode).toBe(410);
  });

  it('answers Dial without operationName with 1, an empty channel list with 10, and DeleteUserData removes every key', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const deviceId = (json(await agent.get('api/v2/me/devices?fields=*')).devices as Array<{ id: string }>)[0]
      ?.id;
    expect(
      json(await agent.post(`api/v2/me/devices/${deviceId}/calls`, { destination: { phoneNumber: '1' } }))
        .statusCode,
    ).toBe(1);
    expect(
      json(await agent.post('api/v2/me', { operationName: 'StartContactCenterSession', channels: [] }))
        .statusCode,
    ).toBe(10);
    const id = await createCall(sim);
    await agent.post(`api/v2/me/calls/${id}`, { operationName: 'DeleteUserData' });
    expect((await agent.calls())[0]?.userData).toBeUndefined();
  });
});

describe('CLI flags and config file', () => {
  it('takes port and host from the config file when no flag names them', async () => {
    const { spawn } = await import('node:child_process');
    const blocker = (await import('node:net')).createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    blocker.close();
    const dir = mkdtempSync(join(tmpdir(), 'gws-sim-'));
    const file = join(dir, 'sim.json');
    writeFileSync(file, JSON.stringify({ port, agents: DEFAULT_AGENTS }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', '--config', file], {
      cwd: new URL('../../', import.meta.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      await eventually(() => out.includes('listening on') || child.exitCode !== null, 15_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(out).toContain(`listening on http://127.0.0.1:${port}`);
  });
});
