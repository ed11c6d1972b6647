/**
 * The HTTP side of the `/sim` control API. With `controlApi: false` every
 * `/sim` path is an ordinary 404, as on a real GWS. Otherwise loopback peers
 * only; and, against web pages (cross-site POST, DNS rebinding), a loopback
 * Host and no foreign Origin. curl sends no Origin, so the README examples
 * work as typed.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleControl } from './control-api.ts';
import { isLoopback, isLoopbackHost, isLoopbackOrigin, readJsonObject, sendJson } from '../http/http-util.ts';
import { StatusCode } from '../protocol.ts';
import { sendResult } from '../http/responses.ts';
import type { SimContext } from './sim-context.ts';

/** One `/sim` request: switched off, refused, or run by the control API. */
export async function handleControlRequest(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  if (!ctx.opts.controlApi) {
    sendJson(res, 404, { statusCode: StatusCode.NotFound, statusMessage: `Resource ${path} not found` });
    return;
  }
  const origin = req.headers.origin;
  if (
    !isLoopback(req.socket.remoteAddress) ||
    !isLoopbackHost(req.headers.host) ||
    (origin !== undefined && !isLoopbackOrigin(origin))
  ) {
    sendJson(res, 403, {
      statusCode: StatusCode.Forbidden,
      statusMessage: 'The /sim control API answers loopback clients only',
    });
    return;
  }
  const body = await readControlBody(ctx, req, res);
  if (!body) return;
  const result = handleControl(
    { method: req.method ?? 'GET', path, body },
    {
      world: ctx.world,
      faults: ctx.faults,
      expireSessions: (agent) => ctx.sessions.invalidateAgent(agent),
      restart: () => ctx.restart(),
      describe: () => ctx.describe(),
    },
  );
  if (!result) {
    sendJson(res, 404, {
      statusCode: StatusCode.NotFound,
      statusMessage: `No control route ${req.method ?? ''} ${path}`,
    });
    return;
  }
  if (path === '/sim/faults' && req.method === 'POST' && result.statusCode === 0)
    ctx.log(`fault armed: ${JSON.stringify(body)}`);
  sendResult(ctx.opts, res, result, {}, () => ctx.publisher.publishLater(result.events));
}

/** The JSON object body of a POST (`{}` without one); undefined once a refusal was sent. */
async function readControlBody(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Record<string, unknown> | undefined> {
  if (req.method !== 'POST') return {};
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return {};
  // Lenient on Content-Type so `curl -d '{...}'` works as typed.
  const parsed = await readJsonObject(req, ctx.opts.maxBodyBytes, { requireJsonType: false });
  if (parsed.ok) return parsed.value;
  const { httpStatus, ...failure } = parsed.failure;
  sendJson(res, httpStatus, failure);
  return undefined;
}
