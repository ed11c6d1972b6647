/**
 * One invoke frame from the page → the app service → the reply frame. The
 * frame is validated with the wire schema, its payload by the same router the
 * Electron IPC adapter uses (the call's schema from the contract map);
 * anything else gets an `invalid-request` error that names no value from the
 * frame (it may hold a password). Never throws.
 */

import { invokeChannel } from '../../contract/ipc-channels.ts';
import { INVOKE_METHODS, type AppServicePort, type InvokeMethod } from '../../contract/ipc-contract.ts';
import { wsInvokeSchema, type WsInvoke, type WsServerMessage } from '../../contract/ws-protocol.ts';
import { callService, parseRequest } from '../app/services/invoke-service.ts';
import type { LoggerPort } from '../app/ports/app-ports.ts';

/** The invoke method of each wire channel. */
const METHOD_OF_CHANNEL = new Map<string, InvokeMethod>(
  INVOKE_METHODS.map((method) => [invokeChannel(method), method]),
);

/** Answers one text frame. */
export async function dispatchInvoke(
  service: AppServicePort,
  text: string,
  logger: LoggerPort,
): Promise<WsServerMessage> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { type: 'error', id: null, code: 'invalid-request', message: 'not JSON' };
  }
  const frame = wsInvokeSchema.safeParse(raw);
  if (!frame.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
    return { type: 'error', id, code: 'invalid-request', message: 'not an invoke frame' };
  }
  return answer(service, frame.data, logger);
}

/** Routes a well-formed frame: its payload is checked by the router before the service sees it. */
async function answer(
  service: AppServicePort,
  frame: WsInvoke,
  logger: LoggerPort,
): Promise<WsServerMessage> {
  const { id, channel, payload } = frame;
  const method = METHOD_OF_CHANNEL.get(channel) as InvokeMethod;
  const request = parseRequest(method, payload === undefined ? [] : [payload]);
  if (!request.ok) {
    const message =
      request.reason === 'unexpected-payload'
        ? `${channel} takes no payload`
        : `invalid payload for ${channel}: ${request.issues.map((i) => i.path || '(payload)').join(', ')}`;
    return { type: 'error', id, code: 'invalid-request', message };
  }
  try {
    return { type: 'reply', id, value: (await callService(service, method, request.args)) ?? null };
  } catch (error) {
    logger.error('web: invoke failed', { channel, error: error instanceof Error ? error.name : 'error' });
    return { type: 'error', id, code: 'internal', message: `${channel} failed` };
  }
}
