/**
 * Small HTTP helpers for the simulator's node:http server: a bounded JSON body
 * reader that always settles, and JSON writers. Bad input becomes a typed
 * failure, never an exception or a hung request.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';

export interface BodyFailure {
  httpStatus: number;
  statusCode: number;
  statusMessage: string;
}

export type BodyResult = { ok: true; value: Record<string, unknown> } | { ok: false; failure: BodyFailure };

/**
 * Reads a JSON object body of at most `limit` bytes. Checks the content type,
 * the size (answering early once over the limit) and that the JSON is an object.
 */
export function readJsonObject(
  req: IncomingMessage,
  limit: number,
  { requireJsonType = true }: { requireJsonType?: boolean } = {},
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    const declared = Number(req.headers['content-length'] ?? NaN);
    const fail = (httpStatus: number, statusCode: number, statusMessage: string): void =>
      resolve({ ok: false, failure: { httpStatus, statusCode, statusMessage } });

    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      fail(413, 10, `Request body larger than ${limit} bytes`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        fail(413, 10, `Request body larger than ${limit} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      if (!done) {
        done = true;
        fail(400, 10, 'Request body could not be read');
      }
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      // An empty body is an empty request, not a malformed one: the route then names what is missing.
      if (text.trim() === '') {
        resolve({ ok: true, value: {} });
        return;
      }
      if (requireJsonType && type !== 'application/json') {
        fail(415, 10, 'Content-Type must be application/json');
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        fail(400, 10, 'Malformed JSON body');
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        fail(400, 10, 'The JSON body must be an object');
        return;
      }
      if (exceedsDepth(value, MAX_JSON_DEPTH)) {
        fail(400, 10, `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
        return;
      }
      resolve({ ok: true, value: value as Record<string, unknown> });
    });
  });
}

/** Writes a JSON response; the callback runs once the body has been handed to the socket. */
export function sendJson(
  res: ServerResponse,
  httpStatus: number,
  body: unknown,
  headers: Record<string, string> = {},
  onSent?: () => void,
): void {
  if (res.headersSent || res.destroyed) {
    // The client left: what the request changed still happened, so its follow-up (events) must run.
    onSent?.();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(httpStatus, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text, onSent);
}

/** Writes a text/plain response (the documented CSRF failure is plain text). */
export function sendText(res: ServerResponse, httpStatus: number, text: string, type = 'text/plain'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(httpStatus, {
    'Content-Type': `${type}; charset=utf-8`,
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** An HTML page like a proxy or login portal would return instead of JSON. */
export const HTML_BODY =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Session expired</h1>' +
  '<p>Please sign in again.</p></body></html>';

/** True for loopback peers (127.0.0.0/8, ::1, and IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** `decodeURIComponent` that answers `undefined` for a malformed escape instead of throwing. */
export function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Deepest JSON body accepted: deep data would overflow the stack when copied or serialised later. */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests objects/arrays deeper than `max` levels (iterative: safe on any input). */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** True for a Host header naming loopback (localhost, 127.x, [::1]) with any port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name === 'localhost' || name === '[::1]' || (name?.startsWith('127.') ?? false);
}

/** True for an Origin on loopback (http(s)://localhost|127.x|[::1][:port]). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return isLoopbackHost(url.host);
  } catch {
    return false;
  }
}
