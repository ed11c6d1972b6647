/**
 * GWS-shaped answers: a result's statusCode mapped to its HTTP status (the
 * configured overrides, else gws-api.md §5.3), GWS's `Access denied`, and
 * the bad bodies (an HTML login page, GWS's own JSON error) a fault asks for.
 */

import type { ServerResponse } from 'node:http';
import { HTML_BODY, sendJson, sendText } from './http-util.ts';
import { DEFAULT_HTTP_STATUS, type SimulatorOptions } from '../options.ts';
import { StatusCode } from '../protocol.ts';
import type { OperationResult } from '../domain/model.ts';

/** statusCode → HTTP status: the configured overrides, else gws-api.md §5.3's mapping. */
export function httpStatusFor(opts: SimulatorOptions, statusCode: number): number {
  return (
    opts.httpStatus[String(statusCode)] ?? DEFAULT_HTTP_STATUS[statusCode] ?? (statusCode === 0 ? 200 : 500)
  );
}

/**
 * Sends a GWS result: `{"statusCode":0,...}` or the error with its mapped HTTP
 * status; `onSent` runs once it is written (a partial success, 7, has events too).
 */
export function sendResult(
  opts: SimulatorOptions,
  res: ServerResponse,
  result: OperationResult,
  headers: Record<string, string> = {},
  onSent?: () => void,
): void {
  if (result.statusCode !== StatusCode.Ok) {
    const body = { statusCode: result.statusCode, statusMessage: result.statusMessage ?? '' };
    sendJson(res, httpStatusFor(opts, result.statusCode), body, headers, onSent);
    return;
  }
  sendJson(res, 200, { statusCode: 0, ...result.body }, headers, onSent);
}

/** GWS's own `Access denied` (statusCode 20) with its HTTP status. */
export function sendAccessDenied(
  opts: SimulatorOptions,
  res: ServerResponse,
  headers: Record<string, string> = {},
): void {
  const body = { statusCode: StatusCode.AccessDenied, statusMessage: 'Access denied' };
  sendJson(res, httpStatusFor(opts, StatusCode.AccessDenied), body, headers);
}

/** A response that is not what the client asked for (a fault): an HTML page or a bare GWS auth error. */
export function sendBadBody(
  res: ServerResponse,
  bad: { badBody: 'html' | 'json'; httpStatus?: number | undefined },
): void {
  if (bad.badBody === 'json') {
    sendJson(res, bad.httpStatus ?? 401, {
      statusCode: StatusCode.AccessDenied,
      statusMessage: 'Access denied',
    });
  } else {
    sendText(res, bad.httpStatus ?? 200, HTML_BODY, 'text/html');
  }
}
