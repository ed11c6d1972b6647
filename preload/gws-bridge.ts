/**
 * The contract's {@link GwsApi} over `ipcRenderer`, 1:1: each method invokes
 * exactly one of the contract's invoke channels, each subscription listens to
 * exactly one of its push channels. Nothing else is reachable from the page:
 * no generic `invoke(channel)`, no `ipcRenderer` object, no Electron event
 * object (its `sender` would hand the page an IPC handle) — listeners get the
 * payload only, and every subscription returns its unsubscribe function.
 */

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { IpcChannel } from '../contract/ipc-channels.ts';
import type { GwsApi } from '../contract/ipc-contract.ts';

/** The slice of `ipcRenderer` the bridge uses (the real one in the preload, the fake in tests). */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** Name of the API on `window` (`window.gwsApi`). */
export const GWS_API_KEY = 'gwsApi';

/** Builds the API object the preload exposes with `contextBridge.exposeInMainWorld`. */
export function createGwsApi(ipc: BridgeIpc): GwsApi {
  const listen = <T>(
    channel: typeof IpcChannel.State | typeof IpcChannel.Notice,
    listener: (payload: T) => void,
  ) => {
    const wrapped = (_event: IpcRendererEvent, payload: T): void => listener(payload);
    ipc.on(channel, wrapped);
    let subscribed = true;
    return (): void => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, wrapped);
    };
  };
  return {
    getState: () => ipc.invoke(IpcChannel.GetState),
    onState: (listener) => listen(IpcChannel.State, listener),
    onNotice: (listener) => listen(IpcChannel.Notice, listener),
    command: (request) => ipc.invoke(IpcChannel.Command, request),
    signIn: (request) => ipc.invoke(IpcChannel.SignIn, request),
    startDemo: () => ipc.invoke(IpcChannel.StartDemo),
    signOut: () => ipc.invoke(IpcChannel.SignOut),
    getSettings: () => ipc.invoke(IpcChannel.GetSettings),
    updateSettings: (patch) => ipc.invoke(IpcChannel.UpdateSettings, patch),
  };
}
