/**
 * The browser-mode wire format: the window's `GwsApi` over one WebSocket, framed as
 * JSON text messages. The page sends invokes on the same channel names as
 * Electron IPC (`gws:get-state`), so both transports validate the same
 * payloads with the same schemas, through the same router; the server answers
 * each by `id` and forwards every push event of the app service as it is
 * (`{ type: 'state', view }`).
 *
 * The token is not part of any message: it is checked on the WebSocket
 * upgrade (query `token`), before a single frame is accepted.
 */

import { z } from 'zod';
import { INVOKE_CHANNELS, type PushEvent } from './ipc-contract.ts';

export { API_METHODS_META, WS_PATH } from './ipc-channels.ts';

/** Largest frame the server accepts (a sign-in request is far smaller). */
export const WS_MAX_PAYLOAD = 64 * 1024;

/** page → server: invoke a contract channel; answered by a reply or error frame with the same id. */
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

/** server → page: an answer, a refusal, or a push event of the app service. */
export type WsServerMessage =
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'error'; id: number | null; code: WsErrorCode; message: string }
  | PushEvent;
