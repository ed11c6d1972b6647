/**
 * A small real HTTP server speaking just enough Bayeux long-polling (handshake,
 * subscribe, held connect, disconnect) to hand-craft the replies no real
 * server sends on purpose: a message on channel `nope`, a 5,000-deep array, a
 * body over the size bound, an HTML page, advice of 1e10, events before or
 * after the `/meta/connect` reply. Tests talk to it over loopback with the
 * real client.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A hand-crafted answer to one request that carries a `/meta/connect`. */
export interface RawReply {
  /** The body, sent as is (a function gets the connect message's id). */
  body: string | ((connectId: string) => string);
  status?: number;
  contentType?: string;
  /** A `Content-Length` to declare instead of the real one (the body is then cut short and the socket held). */
  declaredLength?: number;
  /** Stream this many bytes of `[` padding before the body (chunked): a reply too big to hold. */
  padBytes?: number;
}

/** Where events go relative to the `/meta/connect` reply in one long-poll reply. */
export type ReplyOrder = 'events-first' | 'connect-first';

/** Options of {@link startHostileBayeuxServer}. */
export interface HostileOptions {
  /** How long a connect is held when nothing is queued (ms). */
  holdMs?: number;
  /** CometD (`events-first`, the default) or faye (`connect-first`) batch order. */
  order?: ReplyOrder;
  /** Offer and serve the websocket transport too (Bayeux over `ws` frames). */
  websocket?: boolean;
}

/** A running hostile server. */
export interface HostileBayeuxServer {
  url: string;
  /** Counters, mutated in place. */
  counters: { handshakes: number; connects: number; subscribes: number; requests: number };
  /** `Date.now()` of each `/meta/connect` received. */
  connectTimes: number[];
  /** Client ids handshaken and not disconnected. */
  liveClients(): number;
  order: ReplyOrder;
  /** Answers the next connect with `reply` (queued, one per connect). */
  queueRaw(reply: RawReply): void;
  /** Every connect reply until cleared: fields merged into the normal reply (e.g. an error and advice). */
  setConnectReply(fields: Record<string, unknown> | undefined): void;
  /** Advice merged into the next connect reply written (the held one, if any). */
  adviseOnce(advice: Record<string, unknown>): void;
  /** Delivers an event on the held connect (or the next one). */
  publish(channel: string, data: unknown): void;
  /** True while a connect is held. */
  holding(): boolean;
  /** Websockets open now. */
  openSockets(): number;
  /** Sends a raw text frame on every open websocket. */
  sendFrame(text: string): void;
  close(): Promise<void>;
}

interface Held {
  res: ServerResponse | WebSocket;
  replies: Record<string, unknown>[];
  connect: Record<string, unknown>;
  timer: NodeJS.Timeout;
}

/** Starts the server on an ephemeral loopback port. */
export async function startHostileBayeuxServer(options: HostileOptions = {}): Promise<HostileBayeuxServer> {
  const holdMs = options.holdMs ?? 2_000;
  const counters = { handshakes: 0, connects: 0, subscribes: 0, requests: 0 };
  const connectTimes: number[] = [];
  const raw: RawReply[] = [];
  const clients = new Set<string>();
  const queued: Record<string, unknown>[] = [];
  const sockets = new Set<Socket>();
  let connectFields: Record<string, unknown> | undefined;
  let onceAdvice: Record<string, unknown> | undefined;
  let held: Held | undefined;
  let nextClient = 0;

  const flush = (h: Held): void => {
    clearTimeout(h.timer);
    if (held === h) held = undefined;
    const events = queued.splice(0);
    if (onceAdvice) {
      h.connect.advice = { ...(h.connect.advice as object), ...onceAdvice };
      onceAdvice = undefined;
    }
    const body =
      api.order === 'events-first'
        ? [...h.replies, ...events, h.connect]
        : [...h.replies, h.connect, ...events];
    const res = h.res;
    if ('send' in res) {
      if (res.readyState === res.OPEN) res.send(JSON.stringify(body));
    } else if (!res.writableEnded) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }
  };

  const answer = (message: Record<string, unknown>): Record<string, unknown> => {
    const base = { id: message.id, channel: message.channel, successful: true, clientId: message.clientId };
    switch (message.channel) {
      case '/meta/handshake': {
        counters.handshakes += 1;
        const clientId = `hostile-${++nextClient}`;
        clients.add(clientId);
        return {
          ...base,
          clientId,
          version: '1.0',
          supportedConnectionTypes: options.websocket ? ['websocket', 'long-polling'] : ['long-polling'],
          advice: { reconnect: 'retry', interval: 0, timeout: holdMs },
        };
      }
      case '/meta/subscribe':
        counters.subscribes += 1;
        return { ...base, subscription: message.subscription };
      case '/meta/disconnect':
        clients.delete(String(message.clientId));
        return base;
      default:
        return base;
    }
  };

  const handle = (req: IncomingMessage | undefined, res: ServerResponse | WebSocket, body: string): void => {
    counters.requests += 1;
    let messages: Record<string, unknown>[];
    try {
      messages = [JSON.parse(body)].flat() as Record<string, unknown>[];
    } catch {
      if ('send' in res) res.close();
      else res.writeHead(400).end();
      return;
    }
    const connect = messages.find((m) => m.channel === '/meta/connect');
    const replies = messages.filter((m) => m !== connect).map(answer);
    if (!connect) {
      if ('send' in res) return res.send(JSON.stringify(replies));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(replies));
      return;
    }
    counters.connects += 1;
    connectTimes.push(Date.now());
    const crafted = 'send' in res ? undefined : raw.shift();
    if (crafted && !('send' in res)) return sendRaw(res, crafted, String(connect.id));
    const known = clients.has(String(connect.clientId));
    const reply: Record<string, unknown> = known
      ? { id: connect.id, channel: '/meta/connect', successful: true, clientId: connect.clientId }
      : {
          id: connect.id,
          channel: '/meta/connect',
          successful: false,
          error: '402::Unknown client',
          advice: { reconnect: 'handshake', interval: 0 },
        };
    if (connectFields) Object.assign(reply, connectFields);
    const h: Held = { res, replies, connect: reply, timer: setTimeout(() => flush(h), holdMs) };
    const asksNow = (connect.advice as { timeout?: unknown } | undefined)?.timeout === 0;
    if (!known || connectFields || asksNow || queued.length > 0 || messages.length > 1) return flush(h);
    held = h;
    (res as ServerResponse).on('close', () => {
      if (held === h) {
        clearTimeout(h.timer);
        held = undefined;
      }
    });
  };

  const wss = new WebSocketServer({ noServer: true });
  const open = new Set<WebSocket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('upgrade', (req, socket, head) => {
    if (!options.websocket) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      open.add(ws);
      ws.on('close', () => open.delete(ws));
      ws.on('message', (data) => handle(undefined, ws, String(data)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: HostileBayeuxServer = {
    url: `http://127.0.0.1:${port}`,
    counters,
    connectTimes,
    liveClients: () => clients.size,
    order: options.order ?? 'events-first',
    queueRaw: (reply) => raw.push(reply),
    setConnectReply: (fields) => {
      connectFields = fields;
    },
    adviseOnce: (advice) => {
      onceAdvice = advice;
    },
    publish: (channel, data) => {
      queued.push({ channel, data, id: `ev-${queued.length}-${Date.now()}` });
      if (held) flush(held);
    },
    holding: () => held !== undefined,
    openSockets: () => open.size,
    sendFrame: (text) => {
      for (const ws of open) ws.send(text);
    },
    close: async () => {
      if (held) clearTimeout(held.timer);
      for (const ws of open) ws.terminate();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}

function sendRaw(res: ServerResponse, reply: RawReply, connectId: string): void {
  const body = typeof reply.body === 'function' ? reply.body(connectId) : reply.body;
  const headers: Record<string, string | number> = {
    'content-type': reply.contentType ?? 'application/json',
  };
  if (reply.declaredLength !== undefined) {
    headers['content-length'] = reply.declaredLength;
    res.writeHead(reply.status ?? 200, headers);
    res.write(body.slice(0, 64)); // and never finish: only the declared size can tell the client
    return;
  }
  res.writeHead(reply.status ?? 200, headers);
  if (reply.padBytes) {
    const chunk = Buffer.alloc(64 * 1024, ' ');
    let left = reply.padBytes;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        left -= chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end(body);
    };
    res.on('close', () => {
      left = 0;
    });
    return pump();
  }
  res.end(body);
}
