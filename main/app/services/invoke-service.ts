/**
 * The one router from an invoke of the contract to the app service, shared by
 * the two transports of the same API — Electron IPC (main/electron/ipc-adapter.ts)
 * and browser mode's WebSocket (main/web/ws-dispatch.ts). Each transport checks
 * its sender first, then hands the raw arguments here.
 *
 * Derived from the map (`IPC_CONTRACT`): the payload is parsed with the call's
 * request schema (`.strict()`: extra keys refused), a call that takes none
 * refuses one, and only a valid request reaches the port. There is no switch
 * to forget: the port's type is derived from the same map, so an app service
 * without a method for a new call does not compile (see
 * test/contract/ipc-contract-types.test.ts).
 */

import {
  IPC_CONTRACT,
  type AppServicePort,
  type InvokeMethod,
  type SettingsView,
} from '../../../contract/ipc-contract.ts';
import type { RefusalContext } from '../../../contract/contract-kit.ts';

/** One problem of a refused payload: where (`''` for the payload itself) and what. */
export interface PayloadIssue {
  path: string;
  message: string;
}

/** Why a payload was refused before the service saw it. */
export type Refusal =
  { reason: 'unexpected-payload' } | { reason: 'invalid-payload'; issues: readonly PayloadIssue[] };

/** A valid request, ready for {@link callService}, or the refusal. */
export type ParsedRequest = { ok: true; args: [] | [unknown] } | ({ ok: false } & Refusal);

/**
 * Parses the arguments of one invoke with the call's request schema. `args`
 * is what the transport received: Electron's invoke arguments, or `[payload]`
 * when the frame had one.
 */
export function parseRequest(method: InvokeMethod, args: readonly unknown[]): ParsedRequest {
  const schema = IPC_CONTRACT[method].request;
  if (!schema) {
    return args.length > 0 && args[0] !== undefined
      ? { ok: false, reason: 'unexpected-payload' }
      : { ok: true, args: [] };
  }
  const parsed = schema.safeParse(args[0]);
  if (parsed.success) return { ok: true, args: [parsed.data] };
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return { ok: false, reason: 'invalid-payload', issues };
}

/** Calls the port's method for a request {@link parseRequest} accepted. */
export function callService(service: AppServicePort, method: InvokeMethod, args: [] | [unknown]): unknown {
  const handler = service[method] as (...request: unknown[]) => unknown;
  return handler.apply(service, args);
}

/**
 * The call's own answer to an invalid payload (`invalid-input`, `invalid`),
 * where the contract gives it one; undefined where the invoke must reject.
 */
export function refusalAnswer(
  service: AppServicePort,
  method: InvokeMethod,
  message: string,
): { answer: unknown } | undefined {
  const refuse = IPC_CONTRACT[method].refuse as
    ((message: string, context: RefusalContext<SettingsView>) => unknown) | undefined;
  return refuse ? { answer: refuse(message, service) } : undefined;
}
