import { INVOKE_REQUEST_SCHEMAS, type AppServicePort } from '../../contract/ipc-contract.ts';
import { invokeService } from '../app/services/invoke-service.ts';
import type { LoggerPort } from '../app/ports/app-ports.ts';
import { wsInvokeSchema, type WsServerMessage } from '../../contract/ws-protocol.ts';

/**
 * One invoke frame from the page → the app service → the reply frame. The
 * frame and its payload are validated with the contract's schemas (the same
 * ones the Electron IPC adapter uses); anything else gets an
 * `invalid-request` error that names no value from the frame (it may hold a
 * password). Never throws.
 */
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
  const { id, channel, payload } = frame.data;
  const schema = INVOKE_REQUEST_SCHEMAS[channel];
  let input: unknown = undefined;
  if (schema === undefined) {
    if (payload !== undefined)
      return { type: 'error', id, code: 'invalid-request', message: `${channel} takes no payload` };
  } else {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(payload)').join(', ');
      return {
        type: 'error',
        id,
        code: 'invalid-request',
        message: `invalid payload for ${channel}: ${fields}`,
      };
    }
    input = parsed.data;
  }
  try {
    return { type: 'reply', id, value: (await invokeService(service, channel, input)) ?? null };
  } catch (error) {
    logger.error('web: invoke failed', { channel, error: error instanceof Error ? error.name : 'error' });
    return { type: 'error', id, code: 'internal', message: `${channel} failed` };
  }
}
