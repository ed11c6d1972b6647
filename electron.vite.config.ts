/**
 * `npm run build` (`electron-vite build`) → the layout electron-builder packs:
 *
 * - `out/main/index.js`: the main process, ESM (the package is `"type":
 *   "module"`; electron-store is ESM-only), `package.json` `main` points here.
 *   Runtime dependencies stay external (they ship in `node_modules` in the asar).
 * - `out/preload/preload.cjs`: the preload, **CommonJS**: a sandboxed preload
 *   cannot be an ES module, and electron-vite would emit ESM under
 *   `"type": "module"` unless told otherwise. Everything it imports (the
 *   zod-free naming rule and API builder of contract/) is bundled in: a
 *   sandboxed preload can only `require('electron')`. The contract's method
 *   names are compiled in as data (`__GWS_API_METHODS__`, read from the map
 *   here, in Node): the preload gets the API's shape without the map's zod.
 * - `out/renderer/index.html` (+ assets): the Svelte window, root `renderer/`,
 *   relative asset URLs so it loads from `file://` inside the asar.
 */

import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { API_METHODS } from './contract/ipc-contract.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      rolldownOptions: {
        input: { index: here('./main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    define: { __GWS_API_METHODS__: JSON.stringify(API_METHODS) },
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: here('./preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('./renderer'),
    base: './',
    plugins: [svelte()],
    build: {
      outDir: here('./out/renderer'),
      target: 'chrome120',
      // electron-vite leaves the renderer unminified (216 KB); the window ships minified like browser mode (~76 KB).
      minify: true,
      modulePreload: { polyfill: false },
      rolldownOptions: { input: { index: here('./renderer/index.html') } },
    },
  },
});
