/**
 * Builds the window's API object ({@link GwsApi}) from the contract's method
 * names and one transport: the preload over `ipcRenderer`, browser mode over
 * its WebSocket. Each invoke method sends exactly its own call, each `on…`
 * method listens to exactly its own event; nothing else is on the object (no
 * generic `invoke(channel)`), and listeners get the payload only.
 *
 * Zod-free: the sandboxed preload and the page bundle it. They get the method
 * names as data (a build-time list, the server's page), never the schemas.
 */

import { eventOf, isPushMethod } from './ipc-channels.ts';
import type { GwsApi } from './ipc-contract.ts';

/** What one transport of the API does. */
export interface ApiTransport {
  /** Sends one invoke; `request` is absent for a call made without one (so nothing extra travels). */
  invoke(method: string, ...request: [] | [unknown]): Promise<unknown>;
  /** Listens to one push event (`state`); returns the unsubscribe. */
  listen(event: string, listener: (payload: unknown) => void): () => void;
}

/** A method name as the contract spells them (`getState`, `onState`): nothing else becomes a method. */
const METHOD_NAME = /^[a-z][A-Za-z0-9]*$/;

/** The API over `transport`, one function per name in `methods`. */
export function buildApi(methods: readonly string[], transport: ApiTransport): GwsApi {
  const api: Record<string, unknown> = {};
  for (const method of methods) {
    if (!METHOD_NAME.test(method)) throw new Error(`not an API method name: ${method.slice(0, 40)}`);
    api[method] = isPushMethod(method)
      ? (listener: (payload: unknown) => void): (() => void) => transport.listen(eventOf(method), listener)
      : (...args: unknown[]): Promise<unknown> =>
          transport.invoke(method, ...(args.slice(0, 1) as [] | [unknown]));
  }
  return api as GwsApi;
}
