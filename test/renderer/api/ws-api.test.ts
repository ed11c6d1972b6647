/**
 * Browser mode's WebSocket client (renderer/src/api/ws-api.ts), against a fake
 * socket the test plays the server through, in the renderer's jsdom project.
 * A fake rather than a real `ws` server on loopback: the things to pin — a
 * drop in the middle of a call, replies out of order, each back-off step —
 * are moments the test must choose, and the wire itself is covered end to end
 * by test/main/web (the server) and test/e2e (the page in Chromium).
 */

import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type AppView, type Notice } from '../../../contract/ipc-contract.ts';
import type { WsInvoke, WsServerMessage } from '../../../contract/ws-protocol.ts';
import {
  createWebSocketApi,
  readApiMethods,
  type SocketLike,
  type WebSocketApi,
} from '../../../renderer/src/api/ws-api.ts';
import App from '../../../renderer/src/app.svelte';
import { makeCall, makeView } from '../helpers/fake-api.ts';

/** One socket of the client; the test answers for the server. */
class FakeSocket implements SocketLike {
  readyState: SocketLike['readyState'] = 0;
  /** Frames the page sent, parsed. */
  readonly sent: WsInvoke[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  constructor(readonly url: string) {}
  send(data: unknown): void {
    this.sent.push(JSON.parse(String(data)) as WsInvoke);
  }
  close(): void {
    this.drop();
  }
  /** The server accepts the upgrade. */
  accept(): void {
    this.readyState = 1;
    this.onopen?.call(this as unknown as WebSocket, new Event('open'));
  }
  /** The server sends one frame (raw text as it is, anything else as JSON). */
  deliver(frame: WsServerMessage | string): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    this.onmessage?.call(this as unknown as WebSocket, new MessageEvent('message', { data }));
  }
  /** The connection is gone (server stopped, network lost, refused upgrade). */
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.call(this as unknown as WebSocket, new CloseEvent('close'));
  }
}

const TOKEN = 'tok+en/with=chars';

/** A client on fake sockets and a hand-run timer queue. */
function setup(maxRetryMs?: number) {
  const sockets: FakeSocket[] = [];
  const timers: { task: () => void; ms: number }[] = [];
  const client = createWebSocketApi({
    token: TOKEN,
    methods: API_METHODS,
    socketUrl: 'ws://127.0.0.1:9/ws',
    ...(maxRetryMs === undefined ? {} : { maxRetryMs }),
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    schedule: (task, ms) => void timers.push({ task, ms }),
  });
  clients.push(client);
  const current = (): FakeSocket => sockets.at(-1) as FakeSocket;
  /** Runs the next scheduled reconnect; returns its delay. */
  const runTimer = (): number => {
    const timer = timers.shift();
    if (!timer) throw new Error('no reconnect scheduled');
    timer.task();
    return timer.ms;
  };
  return { ...client, sockets, timers, current, runTimer };
}

const clients: WebSocketApi[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

/** Waits until the page has sent `count` frames on `socket`. */
const sentFrames = (socket: FakeSocket, count: number): Promise<WsInvoke[]> =>
  vi.waitFor(() => {
    expect(socket.sent).toHaveLength(count);
    return socket.sent;
  });

const view = makeView({ host: 'browser' });

describe('browser-mode WebSocket client', () => {
  it('connects at once with the token in the query, and offers exactly the contract’s methods', () => {
    const client = setup();
    expect(client.sockets).toHaveLength(1);
    const url = new URL(client.current().url);
    expect(`${url.origin}${url.pathname}`).toBe('ws://127.0.0.1:9/ws');
    expect(url.searchParams.get('token')).toBe(TOKEN);
    expect(Object.keys(client.api).sort()).toEqual([...API_METHODS].sort());
  });

  it('sends each invoke once open, and gives each caller its own answer (by id, in any order)', async () => {
    const client = setup();
    const state = client.api.getState();
    const command = client.api.command({ name: 'pause', callId: 'c1' });
    const refused = client.api.signIn({
      serverUrl: 'x',
      username: 'u',
      password: 'p',
      rememberPassword: false,
    });
    client.current().accept();
    const sent = await sentFrames(client.current(), 3);
    expect(sent.map((f) => f.channel)).toEqual(['gws:get-state', 'gws:command', 'gws:sign-in']);
    expect(sent[0]).toEqual({ id: sent[0]?.id, channel: 'gws:get-state' });
    expect(sent[1]?.payload).toEqual({ name: 'pause', callId: 'c1' });
    expect(new Set(sent.map((f) => f.id)).size).toBe(3);
    const [first, second, third] = sent.map((f) => f.id);
    client
      .current()
      .deliver({ type: 'reply', id: second as number, value: { ok: true, operation: 'Pause' } });
    client.current().deliver({
      type: 'error',
      id: third as number,
      code: 'invalid-request',
      message: 'invalid payload for gws:sign-in: serverUrl',
    });
    client.current().deliver({ type: 'reply', id: first as number, value: view });
    await expect(command).resolves.toEqual({ ok: true, operation: 'Pause' });
    await expect(state).resolves.toEqual(view);
    await expect(refused).rejects.toThrow('invalid-request');
  });

  it('hands pushes to their listeners, payload only, until unsubscribed; ignores what it cannot read', () => {
    const client = setup();
    client.current().accept();
    const views: AppView[] = [];
    const notices: Notice[] = [];
    const offState = client.api.onState((v) => views.push(v));
    client.api.onNotice((n) => notices.push(n));
    const notice: Notice = { id: 'n1', severity: 'info', code: 'recording-paused', message: 'm', at: 1 };
    client.current().deliver({ type: 'state', view });
    client.current().deliver({ type: 'notice', notice });
    client.current().deliver('not json');
    client.current().deliver('null');
    offState();
    client.current().deliver({ type: 'state', view: makeView({ status: 'paused' }) });
    expect(views).toEqual([view]);
    expect(notices).toEqual([notice]);
  });

  it('a lost socket fails the calls in flight and reports the bridge down', async () => {
    const client = setup();
    const bridge: boolean[] = [];
    client.onBridge((up) => bridge.push(up));
    client.current().accept();
    const pending = client.api.command({ name: 'pause' });
    await sentFrames(client.current(), 1);
    client.current().drop();
    await expect(pending).rejects.toThrow('lost contact with the app');
    expect(bridge).toEqual([true, false]);
    // A call made while down waits for the next socket instead of vanishing.
    const later = client.api.getState();
    client.runTimer();
    client.current().accept();
    // Two reads of the state: the caller's and the client's own re-read on reconnect.
    for (const frame of await sentFrames(client.current(), 2)) {
      expect(frame.channel).toBe('gws:get-state');
      client.current().deliver({ type: 'reply', id: frame.id, value: view });
    }
    await expect(later).resolves.toEqual(view);
  });

  it('reconnects with a doubling back-off up to its cap, and re-reads the state once back', async () => {
    const client = setup(1000);
    const views: AppView[] = [];
    client.api.onState((v) => views.push(v));
    client.current().accept();
    client.current().drop();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      delays.push(client.runTimer());
      client.current().drop(); // refused again
    }
    expect(delays).toEqual([250, 500, 1000, 1000]);
    client.runTimer();
    const bridge: boolean[] = [];
    client.onBridge((up) => bridge.push(up));
    client.current().accept();
    expect(bridge).toEqual([true]);
    const [reread] = await sentFrames(client.current(), 1);
    expect(reread?.channel).toBe('gws:get-state');
    const fresh = makeView({ status: 'paused', calls: [makeCall({ recording: 'paused' })] });
    client.current().deliver({ type: 'reply', id: reread?.id as number, value: fresh });
    await vi.waitFor(() => expect(views).toEqual([fresh]));
    // Back up: the back-off starts again from its first step.
    client.current().drop();
    expect(client.runTimer()).toBe(250);
  });

  it('reports "up" at once only to a listener that subscribes while the socket is open', () => {
    const client = setup();
    const early: boolean[] = [];
    client.onBridge((up) => early.push(up));
    expect(early).toEqual([]);
    client.current().accept();
    const late: boolean[] = [];
    client.onBridge((up) => late.push(up));
    expect(late).toEqual([true]);
  });

  it('close() is for good: no reconnect is scheduled', () => {
    const client = setup();
    client.current().accept();
    client.close();
    expect(client.timers).toHaveLength(0);
    expect(client.sockets).toHaveLength(1);
  });
});

describe('the page on a lost socket', () => {
  it('shows the recording state as unknown, never the last state it was told', async () => {
    const client = setup();
    render(App, { api: client.api, onBridge: client.onBridge });
    client.current().accept();
    const paused = makeView({
      host: 'browser',
      status: 'paused',
      calls: [makeCall({ recording: 'paused' })],
    });
    client.current().deliver({ type: 'state', view: paused });
    await waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe('Paused'));
    client.current().drop();
    await waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe('Unknown'));
  });
});

describe('the method names in the page', () => {
  it('are read from the server’s <meta>, and absent without it', () => {
    const doc = document.implementation.createHTMLDocument('page');
    expect(readApiMethods(doc)).toBeUndefined();
    const meta = doc.createElement('meta');
    meta.name = 'gws-api-methods';
    meta.content = API_METHODS.join(' ');
    doc.head.append(meta);
    expect(readApiMethods(doc)).toEqual(API_METHODS);
  });
});
