import { contextBridge, ipcRenderer } from 'electron';
import { createGwsApi, GWS_API_KEY } from './gws-bridge.ts';

/**
 * The preload of the agent window (built to `out/preload/preload.cjs`,
 * CommonJS, because the window is sandboxed). It exposes the IPC contract's
 * `GwsApi` as `window.gwsApi` through `contextBridge` and nothing else.
 */
contextBridge.exposeInMainWorld(GWS_API_KEY, createGwsApi(ipcRenderer));
