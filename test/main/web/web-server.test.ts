/**
 * Browser mode's server with the real app service, core and simulator: the
 * locks on the WebSocket (token, Origin, Host), payload validation with the
 * contract's schemas, and the static files (CSP, no path escape).
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  API_METHODS,
  appViewSchema,
  settingsViewSchema,
  type AppView,
} from '../../../contract/ipc-contract.ts';
import { startBrowserApp, type BrowserApp } from '../../../main/web/browser-app.ts';
import type { WsServerMessage } from '../../../contract/ws-protocol.ts';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.ts';
import { waitFor } from '../helpers/wait-for.ts';

let sim: RunningSimulator;
let app: BrowserApp;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ bayeuxTimeoutSec: 2 });
  dir = mkdtempSync(join(tmpdir(), 'gws-web-'));
  mkdirSync(join(dir, 'www'));
  writeFileSync(join(dir, 'www', 'index.html'), '<!doctype html><title>window</title>');
  app = await startBrowserApp({
    staticDir: join(dir, 'www'),
    server: sim.url,
    username: 'agent1',
    transport: 'long-polling',
    managedPath: join(dir, 'no-managed.json'),
  });
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: app.web.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the socket; resolves with it, or rejects with the HTTP status of a refused upgrade. */
function connect(options: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const token = options.token ?? app.web.token;
  const ws = new WebSocket(`ws://127.0.0.1:${app.web.port}/ws?token=${encodeURIComponent(token)}`, {
    origin: options.origin ?? app.web.origin,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** A socket with a reply helper and every frame it received. */
async function client() {
  const ws = await connect();
  const frames: WsServerMessage[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as WsServerMessage));
  let id = 0;
  return {
    ws,
    frames,
    async invoke(channel: string, payload?: unknown): Promise<WsServerMessage> {
      const mine = ++id;
      ws.send(JSON.stringify(payload === undefined ? { id: mine, channel } : { id: mine, channel, payload }));
      return waitFor(
        () => frames.find((f) => (f.type === 'reply' || f.type === 'error') && f.id === mine),
        5_000,
        `reply ${mine}`,
      );
    },
  };
}

describe('browser-mode server', () => {
  it('refuses the WebSocket without the right token or from another origin', async () => {
    await expect(connect({ token: 'not-the-token' })).rejects.toThrow('HTTP 403');
    await expect(connect({ token: '' })).rejects.toThrow('HTTP 403');
    // Same length, one character off: only a comparison of the bytes refuses it.
    const last = app.web.token.at(-1) === 'A' ? 'B' : 'A';
    const sameLength = app.web.token.slice(0, -1) + last;
    expect(sameLength).toHaveLength(app.web.token.length);
    await expect(connect({ token: sameLength })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: `http://127.0.0.1:${app.web.port + 1}` })).rejects.toThrow('HTTP 403');
    const ws = await connect();
    ws.close();
  });

  it('answers get-state with a valid browser view (signed out: the page asks for the password)', async () => {
    const c = await client();
    const reply = await c.invoke('gws:get-state');
    expect(reply.type).toBe('reply');
    const view = appViewSchema.parse((reply as { value: unknown }).value);
    expect(view.host).toBe('browser');
    expect(view.session.phase).toBe('signed-out');
    const settings = await c.invoke('gws:get-settings');
    expect(settingsViewSchema.parse((settings as { value: unknown }).value).values.serverUrl).toBe(sim.url);
    c.ws.close();
  });

  it('validates every payload with the contract and never echoes it back', async () => {
    const c = await client();
    const bad = await c.invoke('gws:sign-in', {
      serverUrl: sim.url,
      username: 'agent1',
      password: 's3cret-value',
      rememberPassword: false,
      sneaky: true,
    });
    expect(bad).toMatchObject({ type: 'error', code: 'invalid-request' });
    expect(JSON.stringify(bad)).not.toContain('s3cret-value');
    expect(await c.invoke('gws:command', { name: 'format-disk' })).toMatchObject({
      type: 'error',
      code: 'invalid-request',
    });
    expect(await c.invoke('gws:get-state', { extra: 1 })).toMatchObject({
      type: 'error',
      code: 'invalid-request',
    });
    expect(await c.invoke('gws:open-devtools')).toMatchObject({ type: 'error', code: 'invalid-request' });
    c.ws.send('not json');
    await waitFor(() => c.frames.some((f) => f.type === 'error' && f.id === null), 5_000, 'error frame');
    c.ws.close();
  });

  it('signs in over the socket and pushes the connected state', async () => {
    const c = await client();
    const reply = await c.invoke('gws:sign-in', {
      serverUrl: sim.url,
      username: 'agent1',
      password: 'agent1',
      rememberPassword: false,
    });
    expect(reply).toMatchObject({ type: 'reply', value: { ok: true } });
    await waitFor(
      () => c.frames.some((f) => f.type === 'state' && (f.view as AppView).connection === 'connected'),
      15_000,
      'connected state pushed',
    );
    expect(await c.invoke('gws:command', { name: 'toggle' })).toMatchObject({
      type: 'reply',
      value: { ok: false, code: 'no-call' },
    });
    await c.invoke('gws:sign-out');
    c.ws.close();
  });

  it('serves files with a strict CSP, checks Host, and never leaves its folder', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>window</title>');
    // The page bundles no zod: it learns the API's method names from the map through its HTML.
    const meta = /<meta name="gws-api-methods" content="([^"]*)">/.exec(page.body);
    expect(meta?.[1]?.split(' ')).toEqual(API_METHODS);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*connect-src 'self'/);
    expect((await get('/..%2fsecret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/', { host: 'evil.example' })).status).toBe(421);
  });
});
