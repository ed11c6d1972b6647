/**
 * The contract's {@link GwsApi} over `ipcRenderer`, 1:1: each method invokes
 * exactly its own channel of the contract map (`getState` → `gws:get-state`),
 * each subscription listens to exactly its own push channel. Nothing else is
 * reachable from the page: no generic `invoke(channel)`, no `ipcRenderer`
 * object, no Electron event object (its `sender` would hand the page an IPC
 * handle) — listeners get the payload only, and every subscription returns
 * its unsubscribe function.
 */

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { buildApi, type ApiTransport } from '../contract/api-builder.ts';
import { invokeChannel, pushChannel } from '../contract/ipc-channels.ts';
import type { GwsApi } from '../contract/ipc-contract.ts';

/** The slice of `ipcRenderer` the bridge uses (the real one in the preload, the fake in tests). */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** Name of the API on `window` (`window.gwsApi`). */
export const GWS_API_KEY = 'gwsApi';

/** The transport over `ipcRenderer`: invokes on the method's channel, listens on the event's. */
function ipcTransport(ipc: BridgeIpc): ApiTransport {
  return {
    invoke: (method, ...request) => ipc.invoke(invokeChannel(method), ...request),
    listen(event, listener) {
      const channel = pushChannel(event);
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipc.on(channel, wrapped);
      let subscribed = true;
      return (): void => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, wrapped);
      };
    },
  };
}

/**
 * Builds the API object the preload exposes with `contextBridge.exposeInMainWorld`,
 * one function per name in `methods` (the contract's `API_METHODS`).
 */
export function createGwsApi(ipc: BridgeIpc, methods: readonly string[]): GwsApi {
  return buildApi(methods, ipcTransport(ipc));
}
