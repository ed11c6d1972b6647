/**
 * The request router of the simulator's HTTP server: one endpoint per path
 * prefix (`/sim` control, `/api/v2/notifications` Bayeux, `/api/v2/` REST).
 * An internal error becomes a GWS 500, never a hung request; an upgrade on any
 * other path is a 400.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { sendJson } from '../http/http-util.ts';
import { NOTIFICATIONS_PATH, StatusCode } from '../protocol.ts';
import { handleBayeux, handleUpgrade } from './bayeux-endpoint.ts';
import { handleControlRequest } from './control-endpoint.ts';
import { handleRest } from './rest-endpoint.ts';
import type { SimContext } from './sim-context.ts';

/** Which endpoint a path belongs to. */
type Endpoint = 'control' | 'bayeux' | 'rest' | 'none';

function endpointOf(path: string): Endpoint {
  if (path === '/sim' || path.startsWith('/sim/')) return 'control';
  if (path === NOTIFICATIONS_PATH || path.startsWith(`${NOTIFICATIONS_PATH}/`)) return 'bayeux';
  if (path.startsWith('/api/v2/')) return 'rest';
  return 'none';
}

/** Hands the request to its endpoint; a path of none is a GWS 404. */
async function route(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  switch (endpointOf(path)) {
    case 'control':
      return handleControlRequest(ctx, req, res, path);
    case 'bayeux':
      return handleBayeux(ctx, req, res);
    case 'rest':
      return handleRest(ctx, req, res, url);
    default:
      sendJson(res, 404, { statusCode: StatusCode.NotFound, statusMessage: `Resource ${path} not found` });
  }
}

/** The `request` listener of the HTTP server. */
export function createRequestHandler(ctx: SimContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://simulator.invalid');
    } catch {
      sendJson(res, 400, { statusCode: StatusCode.ValidationError, statusMessage: 'Malformed request URL' });
      return;
    }
    route(ctx, req, res, url).catch((error: unknown) => {
      ctx.log(
        `internal error on ${req.method ?? ''} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`,
      );
      sendJson(res, 500, { statusCode: StatusCode.InternalError, statusMessage: 'Simulator internal error' });
    });
  };
}

/** The `upgrade` listener: upgrades go to Bayeux only; anything else is a 400. */
export function createUpgradeHandler(
  ctx: SimContext,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://simulator.invalid').pathname;
    } catch {
      path = '';
    }
    if (endpointOf(path) !== 'bayeux') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    handleUpgrade(ctx, req, socket, head);
  };
}
