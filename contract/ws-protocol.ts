/**
 * The browser-mode wire format: {@link GwsApi} over one WebSocket, framed as
 * JSON text messages. The page sends invokes; the server answers each by `id`
 * and pushes state and notices. Channel names are the IPC contract's, so the
 * Electron bridge and this one validate the same payloads with the same
 * schemas (`INVOKE_REQUEST_SCHEMAS`).
 *
 * The token is not part of any message: it is checked on the WebSocket
 * upgrade (query `token`), before a single frame is accepted.
 */

import { z } from 'zod';
import { INVOKE_CHANNELS, type AppView, type Notice } from './ipc-contract.ts';

/** Path of the WebSocket endpoint. */
export const WS_PATH = '/ws';

/** Largest frame the server accepts (a sign-in request is far smaller). */
export const WS_MAX_PAYLOAD = 64 * 1024;

/** page → server: invoke a contract channel; answered by a {@link WsReply} with the same id. */
export const wsInvokeSchema = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    channel: z.enum(INVOKE_CHANNELS),
    payload: z.unknown().optional(),
  })
  .strict();
export type WsInvoke = z.infer<typeof wsInvokeSchema>;

/** Why the server refused an invoke (no prose to match: the page words it). */
export type WsErrorCode = 'invalid-request' | 'internal';

/** server → page. */
export type WsServerMessage =
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'error'; id: number | null; code: WsErrorCode; message: string }
  | { type: 'state'; view: AppView }
  | { type: 'notice'; notice: Notice };
