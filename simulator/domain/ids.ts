/**
 * Identifiers shaped like GWS's own (call UUIDs, ConnIDs, user ids, session
 * ids), random and unguessable where a real server's are.
 */

import { randomBytes, randomUUID } from 'node:crypto';

const CALL_UUID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/** A 32-character upper-case call UUID like the GWS samples' `callUuid`. */
export function newCallUuid(): string {
  const bytes = randomBytes(32);
  let out = '';
  for (const byte of bytes) out += CALL_UUID_ALPHABET[byte % CALL_UUID_ALPHABET.length];
  return out;
}

/** A 16-hex-digit T-Server ConnID. */
export function newConnId(): string {
  return randomBytes(8).toString('hex');
}

/** A 32-hex user id, as in the `GET /api/v2/me` sample. */
export function newUserId(): string {
  return randomBytes(16).toString('hex');
}

/** An opaque HTTP session id; unguessable, as a real `JSESSIONID` is. */
export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/** UUID-shaped CSRF token and device ids. */
export const newUuid = (): string => randomUUID();
