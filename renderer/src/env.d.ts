/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { GwsApi } from '../../contract/ipc-contract.ts';

declare global {
  interface Window {
    /** Exposed by the preload under Electron; absent in an ordinary browser (browser mode). */
    gwsApi?: GwsApi;
  }
}
