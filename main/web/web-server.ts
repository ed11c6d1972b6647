/**
 * Browser mode's server: the built window over HTTP and {@link GwsApi} over a
 * WebSocket, on 127.0.0.1 only. Three locks on the socket, checked on the
 * upgrade before a single frame is read: the peer is loopback, the `Origin`
 * is this server's own page (no other site in the agent's browser can drive
 * it), and the per-run random token (from the printed address) matches. The
 * `Host` header is checked on every request (DNS rebinding). Every invoke is
 * validated with the contract's zod schemas before the app service sees it.
 *
 * The page bundles no zod, so it cannot read the contract map: each HTML page
 * served carries the API's method names in a `<meta>` (derived from the map
 * here), from which the page builds the same API object the preload builds.
 */

import { timingSafeEqual, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger, type LoggerPort } from '../app/ports/app-ports.ts';
import { API_METHODS, type AppServicePort } from '../../contract/ipc-contract.ts';
import { dispatchInvoke } from './ws-dispatch.ts';
import {
  API_METHODS_META,
  WS_MAX_PAYLOAD,
  WS_PATH,
  type WsServerMessage,
} from '../../contract/ws-protocol.ts';

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

/**
 * True when the presented token is the run's token: compared in constant time
 * (`timingSafeEqual` needs equal lengths, so a wrong length is refused first;
 * the length of a 43-character token is no secret).
 */
export function tokenMatches(presented: string, expected: Buffer): boolean {
  const bytes = Buffer.from(presented);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

/** The `<meta>` that tells the page the API's method names (see the module comment). */
const API_METHODS_TAG = `<meta name="${API_METHODS_META}" content="${API_METHODS.join(' ')}">`;

/** `html` with the API's method names in its head. */
export function withApiMethods(html: Buffer): Buffer {
  const text = html.toString('utf8');
  const at = text.search(/<\/head>/i);
  return Buffer.from(at < 0 ? API_METHODS_TAG + text : text.slice(0, at) + API_METHODS_TAG + text.slice(at));
}

/** What the request handlers of one running server share. */
interface Site {
  service: AppServicePort;
  staticDir: string;
  logger: LoggerPort;
  tokenBytes: Buffer;
  /** The port once listening (the Host and Origin checks name it). */
  port(): number;
}

/** Host headers this server answers to. */
function hostsOf(site: Site): string[] {
  return [`127.0.0.1:${site.port()}`, `localhost:${site.port()}`];
}

/** Serves one file of the built window (GET/HEAD, our Host only, never outside the folder). */
async function serveStatic(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hostsOf(site).includes(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'wrong host');
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return send(res, 405, 'text/plain', 'method not allowed');
  const file = resolveStatic(site.staticDir, req.url ?? '/');
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
  const html = file.endsWith('.html');
  send(res, 200, type, req.method === 'HEAD' ? undefined : html ? withApiMethods(body) : body, html);
}

/** Why an upgrade is refused, or undefined when every lock opens. */
function checkUpgrade(site: Site, req: IncomingMessage): string | undefined {
  const hosts = hostsOf(site);
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return 'not loopback';
  if (!hosts.includes(req.headers.host ?? '')) return 'wrong host';
  if (!hosts.map((h) => `http://${h}`).includes(req.headers.origin ?? '')) return 'wrong origin';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WS_PATH) return 'wrong path';
  if (!tokenMatches(url.searchParams.get('token') ?? '', site.tokenBytes)) return 'bad token';
  return undefined;
}

/** One accepted socket: invokes in, replies and every push event out. */
function bridge(site: Site, ws: WebSocket): void {
  const sendFrame = (message: WsServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  // A push event is its own frame (`{ type: 'state', view }`): nothing to translate.
  const unsubscribe = site.service.subscribe(sendFrame);
  ws.on('message', (data, isBinary) => {
    if (isBinary)
      return sendFrame({ type: 'error', id: null, code: 'invalid-request', message: 'text frames only' });
    void dispatchInvoke(site.service, String(data), site.logger).then(sendFrame);
  });
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
}

/** Starts the server on 127.0.0.1. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const logger = options.logger ?? silentLogger;
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const site: Site = {
    service: options.service,
    staticDir: options.staticDir,
    logger,
    tokenBytes: Buffer.from(token),
    port: () => port,
  };
  const server = createServer((req, res) => {
    void serveStatic(site, req, res).catch((error: unknown) => {
      logger.error('web: static file failed', { error: String(error) });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(site, req);
    if (refusal) {
      logger.warn('web: websocket refused', { reason: refusal });
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => bridge(site, ws));
  });
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
