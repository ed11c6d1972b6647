/**
 * Origin enforcement and CORS (gws-api.md §1.4 [gap]): with `allowedOrigins`
 * off every Origin passes and no CORS policy is announced (a page elsewhere
 * gets nothing readable); with a list, only those origins pass and get CORS.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-util.ts';
import type { SimulatorOptions } from '../options.ts';
import { StatusCode } from '../protocol.ts';

/** Whether the request's Origin may use the API. */
export function originAllowed(opts: SimulatorOptions, req: IncomingMessage): boolean {
  if (opts.allowedOrigins === 'off') return true;
  const origin = req.headers.origin;
  return origin !== undefined && opts.allowedOrigins.includes(origin);
}

/** CORS response headers for an allowed Origin; none otherwise. */
export function corsHeaders(opts: SimulatorOptions, req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || opts.allowedOrigins === 'off' || !originAllowed(opts, req)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'X-CSRF-HEADER,X-CSRF-TOKEN',
  };
}

/** The 403 a request from a foreign Origin gets. */
export function refuseOrigin(res: ServerResponse): void {
  sendJson(res, 403, { statusCode: StatusCode.Forbidden, statusMessage: 'Origin not allowed' });
}

/** The answer to a CORS preflight (`OPTIONS`). */
export function answerPreflight(res: ServerResponse, cors: Record<string, string>): void {
  res.writeHead(204, {
    ...cors,
    'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
    'Access-Control-Allow-Headers': 'Origin,Cookie,Authorization,Content-Type,X-CSRF-TOKEN',
  });
  res.end();
}
