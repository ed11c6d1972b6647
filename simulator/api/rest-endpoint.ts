/**
 * One `/api/v2/...` request, in GWS's order: Origin, preflight, the (bounded)
 * body, armed faults (delay, bad body), authentication, CSRF, the route, an
 * armed operation fault, then the route's result — its events published only
 * after the answer has been written.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateRest } from '../http/auth.ts';
import { csrfHeaders, csrfRefused, MUTATING_METHODS } from '../http/csrf.ts';
import { describeValue } from '../domain/values.ts';
import { readJsonObject, sendJson, sendText, type BodyResult } from '../http/http-util.ts';
import { answerPreflight, corsHeaders, originAllowed, refuseOrigin } from '../http/origin-policy.ts';
import { CSRF_FAILURE_TEXT, StatusCode } from '../protocol.ts';
import { httpStatusFor, sendAccessDenied, sendBadBody, sendResult } from '../http/responses.ts';
import { matchRestRoute } from './rest-api.ts';
import type { SimContext } from './sim-context.ts';

/** Answers one REST request (see the module comment for the order of checks). */
export async function handleRest(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { opts, faults } = ctx;
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const cors = corsHeaders(opts, req);
  if (!originAllowed(opts, req)) return refuseOrigin(res);
  if (method === 'OPTIONS') return answerPreflight(res, cors);
  // The body is read (bounded) before anything else so a refused request never hangs.
  const body: BodyResult = MUTATING_METHODS.has(method)
    ? await readJsonObject(req, opts.maxBodyBytes)
    : { ok: true, value: {} };
  const operationName = body.ok ? body.value.operationName : undefined;

  const delay = faults.takeDelay(operationName);
  if (delay > 0) await ctx.scheduler.sleep(delay);
  const bad = faults.takeBadBody('rest');
  if (bad) return sendBadBody(res, bad);
  if (method === 'GET' && path === '/api/v2/diagnostics/version') {
    sendJson(res, 200, { statusCode: 0, version: opts.version }, cors);
    return;
  }
  const auth = authenticateRest(req, ctx.world, ctx.sessions);
  if (!auth.ok) return sendAccessDenied(opts, res, { ...cors, 'WWW-Authenticate': 'Basic realm="GWS"' });
  const headers: Record<string, string> = { ...cors, ...csrfHeaders(opts.csrf, method, auth.session) };
  if (auth.setCookie) headers['Set-Cookie'] = auth.setCookie;
  if (csrfRefused(opts.csrf, req, auth)) return sendText(res, 403, CSRF_FAILURE_TEXT);

  const route = matchRestRoute(method, path);
  if (route.kind !== 'handler') {
    const notAllowed = route.kind === 'method-not-allowed';
    sendJson(
      res,
      notAllowed ? 405 : httpStatusFor(opts, StatusCode.NotFound),
      {
        statusCode: notAllowed ? StatusCode.Forbidden : StatusCode.NotFound,
        statusMessage: notAllowed ? `${method} is not allowed on ${path}` : `Resource ${path} not found`,
      },
      headers,
    );
    return;
  }
  if (!body.ok) {
    const { httpStatus, ...failure } = body.failure;
    sendJson(res, httpStatus, failure, headers);
    return;
  }
  const fault = MUTATING_METHODS.has(method) ? faults.takeOperation(operationName) : undefined;
  if (fault) {
    ctx.log(`fault: ${describeValue(operationName)} answered with statusCode ${fault.statusCode}`);
    sendJson(
      res,
      fault.httpStatus ?? httpStatusFor(opts, fault.statusCode),
      {
        statusCode: fault.statusCode,
        statusMessage: fault.statusMessage ?? `Simulated failure of ${describeValue(operationName)}`,
      },
      headers,
    );
    return;
  }
  const result = route.run(
    { method, path, query: url.searchParams, body: body.value, session: auth.session },
    ctx.restDeps,
  );
  // Events first, then the follow-up: EndContactCenterSession's logout event must reach
  // the clients of the session it ends.
  sendResult(opts, res, result, headers, () => ctx.publisher.publishLater(result.events, result.afterSend));
}
