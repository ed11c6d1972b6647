/**
 * Browser mode's server: the built window over HTTP and {@link GwsApi} over a
 * WebSocket, on 127.0.0.1 only. Three locks on the socket, checked on the
 * upgrade before a single frame is read: the peer is loopback, the `Origin`
 * is this server's own page (no other site in the agent's browser can drive
 * it), and the per-run random token (from the printed address) matches. The
 * `Host` header is checked on every request (DNS rebinding). Every invoke is
 * validated with the contract's zod schemas before the app service sees it.
 */

import { timingSafeEqual, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger, type LoggerPort } from '../app/ports/app-ports.ts';
import type { AppServicePort } from '../../contract/ipc-contract.ts';
import { dispatchInvoke } from './ws-dispatch.ts';
import { WS_MAX_PAYLOAD, WS_PATH, type WsServerMessage } from '../../contract/ws-protocol.ts';

/** Options of {@link startWebServer}. */
export interface WebServerOptions {
  service: AppServicePort;
  /** The built renderer (index.html + assets/). */
  staticDir: string;
  /** 0 (default) = any free port. */
  port?: number;
  /** Per-run secret; default 32 random bytes, base64url. */
  token?: string;
  logger?: LoggerPort;
}

/** A running browser-mode server. */
export interface RunningWebServer {
  /** `http://127.0.0.1:P/#token=...`: the address to open. */
  url: string;
  /** `http://127.0.0.1:P`. */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Same policy as the window's meta CSP, plus what only a header can say. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Starts the server on 127.0.0.1. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const logger = options.logger ?? silentLogger;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let port = 0;
  const hosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = (): string[] => hosts().map((h) => `http://${h}`);

  const server = createServer((req, res) => {
    void serveStatic(req, res).catch((error: unknown) => {
      logger.error('web: static file failed', { error: String(error) });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
    });
  });

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts().includes(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed');
    const file = resolveStatic(options.staticDir, req.url ?? '/');
    if (!file) return send(res, 404, 'text/plain', 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      if (file.endsWith('index.html')) {
        return send(res, 503, 'text/plain; charset=utf-8', 'The window is not built: run `npm run web`.');
      }
      return send(res, 404, 'text/plain', 'not found');
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    send(res, 200, type, req.method === 'HEAD' ? undefined : body, file.endsWith('.html'));
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(req);
    if (refusal) {
      logger.warn('web: websocket refused', { reason: refusal });
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws));
  });

  /** Why an upgrade is refused, or undefined when every lock opens. */
  function checkUpgrade(req: IncomingMessage): string | undefined {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return 'not loopback';
    if (!hosts().includes(req.headers.host ?? '')) return 'wrong host';
    if (!origins().includes(req.headers.origin ?? '')) return 'wrong origin';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== WS_PATH) return 'wrong path';
    const presented = Buffer.from(url.searchParams.get('token') ?? '');
    if (presented.length !== tokenBytes.length || !timingSafeEqual(presented, tokenBytes)) return 'bad token';
    return undefined;
  }

  function bridge(ws: WebSocket): void {
    const sendFrame = (message: WsServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = options.service.subscribe((event) => {
      sendFrame(
        event.type === 'state'
          ? { type: 'state', view: event.view }
          : { type: 'notice', notice: event.notice },
      );
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary)
        return sendFrame({ type: 'error', id: null, code: 'invalid-request', message: 'text frames only' });
      void dispatchInvoke(options.service, String(data), logger).then(sendFrame);
    });
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Maps a request path to a file under `root`, or undefined when it would leave it. */
function resolveStatic(root: string, rawUrl: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(rawUrl, 'http://127.0.0.1').pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  if (path.endsWith('/')) path += 'index.html';
  const base = normalize(root);
  const file = normalize(join(base, path));
  return file.startsWith(base.endsWith(sep) ? base : base + sep) ? file : undefined;
}

function send(res: ServerResponse, status: number, type: string, body?: string | Buffer, html = false): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': html ? 'no-store' : 'no-cache',
  });
  res.end(body);
}
