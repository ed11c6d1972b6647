/**
 * The HTTP side of `/api/v2/notifications`: Origin, an armed bad-body fault,
 * the body bound (faye buffers bodies itself), the `bayeuxAuth` knob, then
 * faye; and the websocket upgrade, whose sockets are tracked per session.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { authenticateBayeux } from '../http/auth.ts';
import type { AuthedRequest } from './bayeux-hub.ts';
import { sendJson } from '../http/http-util.ts';
import { originAllowed, refuseOrigin } from '../http/origin-policy.ts';
import { StatusCode } from '../protocol.ts';
import { sendAccessDenied, sendBadBody } from '../http/responses.ts';
import type { SimContext } from './sim-context.ts';

/** One long-polling (or callback-polling) Bayeux request: the checks above, then faye. */
export function handleBayeux(ctx: SimContext, req: AuthedRequest, res: ServerResponse): void {
  const { opts } = ctx;
  if (!originAllowed(opts, req)) return refuseOrigin(res);
  const bad = ctx.faults.takeBadBody('bayeux');
  if (bad) return sendBadBody(res, bad);
  if (!boundBody(req, res, opts.maxBodyBytes)) return;
  const auth = authenticateBayeux(req, ctx.world, ctx.sessions);
  if (!auth && opts.bayeuxAuth === 'every-request') {
    req.resume();
    return sendAccessDenied(opts, res);
  }
  if (auth) req.simAuth = auth;
  ctx.bayeux.handle(req, res);
}

/**
 * faye buffers the whole body itself: bound it here, as every other endpoint is
 * bounded. False when the request was refused (413) already.
 */
function boundBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): boolean {
  const tooLarge = (): void =>
    sendJson(res, 413, {
      statusCode: StatusCode.ValidationError,
      statusMessage: `Request body larger than ${maxBytes} bytes`,
    });
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    tooLarge();
    req.resume(); // discard the rest without buffering it
    return false;
  }
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBytes || res.headersSent) return;
    // Undeclared length: faye is already buffering, so stop the upload itself.
    tooLarge();
    res.once('finish', () => req.destroy());
  });
  return true;
}

/** A websocket upgrade on the notifications path (refused with 400 when websocket is off or the Origin is foreign). */
export function handleUpgrade(ctx: SimContext, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  if (!ctx.opts.websocket || !originAllowed(ctx.opts, req)) {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return;
  }
  const authed = req as AuthedRequest;
  const auth = authenticateBayeux(req, ctx.world, ctx.sessions);
  if (auth) authed.simAuth = auth;
  ctx.websockets.add(socket, auth?.session?.id);
  ctx.bayeux.handleUpgrade(authed, socket, head);
}
