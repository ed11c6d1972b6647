/**
 * Entry of the window. Under Electron the preload exposes `window.gwsApi`;
 * in an ordinary browser (browser mode, `npm run web`) the same API runs over
 * the loopback WebSocket with the token from the printed address and the
 * method names the server put in the page.
 */

import { mount } from 'svelte';
import type { GwsApi } from '../../contract/ipc-contract.ts';
import { createWebSocketApi, readApiMethods, takeToken } from './api/ws-api.ts';
import App from './app.svelte';
import { isMac } from './lib/accelerator.ts';
import './styles.css';

/** Shows one sentence instead of the window (no API to drive it). */
function explain(target: HTMLElement, sentence: string): void {
  const p = document.createElement('p');
  p.textContent = sentence;
  target.append(p);
}

function start(target: HTMLElement): void {
  const exposed: GwsApi | undefined = window.gwsApi;
  if (exposed) {
    mount(App, { target, props: { api: exposed, mac: isMac() } });
    return;
  }
  const token = takeToken();
  const methods = readApiMethods();
  if (!token || !methods) {
    explain(
      target,
      'This page needs the address printed by “npm run web” (it ends with #token=…). Open that address instead.',
    );
    return;
  }
  const bridge = createWebSocketApi({ token, methods });
  mount(App, { target, props: { api: bridge.api, onBridge: bridge.onBridge, mac: isMac() } });
}

const root = document.getElementById('app');
if (root) start(root);
