import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/**
 * Plain Vite build of the window for browser mode, the e2e tests and the
 * size benchmark: `npx vite build --config renderer/vite.config.ts` →
 * `out/renderer-web/`. The same sources (root `renderer/`) are what
 * electron-vite builds into `out/renderer/` for the desktop app.
 */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: './',
  plugins: [svelte()],
  logLevel: 'warn',
  build: {
    outDir: '../out/renderer-web',
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // The svelte compile step dominates the build by design; no timing report on every run.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { fs: { allow: ['..'] } },
});
