/**
 * The preload of the agent window (built to `out/preload/preload.cjs`,
 * CommonJS, because the window is sandboxed). It exposes the IPC contract's
 * `GwsApi` as `window.gwsApi` through `contextBridge` and nothing else.
 *
 * The method names come from the contract map at build time
 * (`__GWS_API_METHODS__`, defined in electron.vite.config.ts): the map's zod
 * schemas would make this bundle 182 KB, and a sandboxed preload can
 * `require` nothing but electron.
 */

import { contextBridge, ipcRenderer } from 'electron';
import { createGwsApi, GWS_API_KEY } from './gws-bridge.ts';

/** The contract's `API_METHODS`, replaced by the build (a global under test). */
declare const __GWS_API_METHODS__: readonly string[];

contextBridge.exposeInMainWorld(GWS_API_KEY, createGwsApi(ipcRenderer, __GWS_API_METHODS__));
