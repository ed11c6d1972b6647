/**
 * Who is calling: HTTP Basic on any request, or the `JSESSIONID` cookie of an
 * earlier successful login (gws-api.md §1.1–§1.2).
 */

import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import { SESSION_COOKIE } from '../protocol.ts';
import type { HttpSession, SessionStore } from '../domain/sessions.ts';
import type { World } from '../domain/world.ts';

interface Credentials {
  userName: string;
  password: string;
}

/** Basic credentials of a request; `null` when the header is there but unreadable. */
export function basicCredentials(req: IncomingMessage): Credentials | null | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { userName: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The live session named by the request's `JSESSIONID` cookie, if any. */
export function cookieSession(req: IncomingMessage, sessions: SessionStore): HttpSession | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return sessions.get(parseCookie(header)[SESSION_COOKIE]);
}

export type RestAuth =
  { ok: true; session: HttpSession; setCookie: string | undefined; viaCookie: boolean } | { ok: false };

/**
 * Resolves a REST request. Valid Basic wins and reuses the cookie's session when
 * it belongs to the same agent, else opens a new session (one "login"); bad
 * Basic is refused even next to a valid cookie.
 */
export function authenticateRest(req: IncomingMessage, world: World, sessions: SessionStore): RestAuth {
  const fromCookie = cookieSession(req, sessions);
  const basic = basicCredentials(req);
  if (basic === undefined) {
    return fromCookie
      ? { ok: true, session: fromCookie, setCookie: undefined, viaCookie: true }
      : { ok: false };
  }
  const agent = basic && world.authenticate(basic.userName, basic.password);
  if (!agent) return { ok: false };
  if (fromCookie && fromCookie.agent === agent.config.userName) {
    return { ok: true, session: fromCookie, setCookie: undefined, viaCookie: true };
  }
  const session = sessions.create(agent.config.userName);
  agent.logins += 1;
  const setCookie = stringifySetCookie({
    name: SESSION_COOKIE,
    value: session.id,
    path: '/',
    httpOnly: true,
  });
  return { ok: true, session, setCookie, viaCookie: false };
}

/**
 * Resolves a Bayeux request without creating sessions: a live cookie session,
 * else valid Basic (the .NET client's way), else nobody.
 */
export function authenticateBayeux(
  req: IncomingMessage,
  world: World,
  sessions: SessionStore,
): { agent: string; session: HttpSession | undefined } | undefined {
  const basic = basicCredentials(req);
  const fromCookie = cookieSession(req, sessions);
  if (basic) {
    const agent = world.authenticate(basic.userName, basic.password);
    if (!agent) return undefined;
    const name = agent.config.userName;
    return { agent: name, session: fromCookie?.agent === name ? fromCookie : undefined };
  }
  if (basic === null) return undefined;
  return fromCookie ? { agent: fromCookie.agent, session: fromCookie } : undefined;
}
