/**
 * CSRF as GWS does it (gws-api.md §1.3): every GET hands out the session's
 * token in `X-CSRF-HEADER`/`X-CSRF-TOKEN`; a POST/PUT/DELETE needs that token
 * **and** the session cookie (Basic alone is not enough).
 */

import type { IncomingMessage } from 'node:http';
import { CSRF_HEADER_NAME } from '../protocol.ts';
import type { HttpSession } from '../domain/sessions.ts';

/** Methods that need the token. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'DELETE']);

/** Headers announcing the token on a GET; none for other methods or with CSRF off. */
export function csrfHeaders(enabled: boolean, method: string, session: HttpSession): Record<string, string> {
  if (!enabled || method !== 'GET') return {};
  return { 'X-CSRF-HEADER': CSRF_HEADER_NAME, 'X-CSRF-TOKEN': session.csrfToken };
}

/** True when a mutating request lacks the session's token (or came without the cookie). */
export function csrfRefused(
  enabled: boolean,
  req: IncomingMessage,
  auth: { session: HttpSession; viaCookie: boolean },
): boolean {
  if (!enabled || !MUTATING_METHODS.has(req.method ?? 'GET')) return false;
  const token = req.headers[CSRF_HEADER_NAME.toLowerCase()];
  return !auth.viaCookie || token !== auth.session.csrfToken;
}
