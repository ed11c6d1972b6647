import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * `npm run build` (`electron-vite build`) → the layout electron-builder packs:
 *
 * - `out/main/index.js`: the main process, ESM (the package is `"type":
 *   "module"`; electron-store is ESM-only), `package.json` `main` points here.
 *   Runtime dependencies stay external (they ship in `node_modules` in the asar).
 * - `out/preload/preload.cjs`: the preload, **CommonJS**: a sandboxed preload
 *   cannot be an ES module, and electron-vite would emit ESM under
 *   `"type": "module"` unless told otherwise. Everything it imports (the IPC
 *   contract's channel names) is bundled in: a sandboxed preload can only
 *   `require('electron')`.
 * - `out/renderer/index.html` (+ assets): the Svelte window, root `renderer/`,
 *   relative asset URLs so it loads from `file://` inside the asar.
 */
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The line electron-vite's ESM shim puts at the top of an ES main bundle that uses `require`. */
const SHIM_REQUIRE = 'const require = __shims_module__.createRequire(import.meta.url);';

/**
 * electron-vite adds `const require = createRequire(import.meta.url)` to an
 * ESM main bundle that uses `require`, but our sources (the simulator's
 * Bayeux endpoint, the core's faye adapter) declare their own top-level
 * `require` the same way; the bundler keeps one of them named `require`, and
 * the bundle would not even parse ("Identifier 'require' has already been
 * declared"). Both are `createRequire(import.meta.url)` of the same bundle
 * file, so the later duplicates are dropped in favour of the shim.
 */
function dedupeRequireShim(): Plugin {
  return {
    name: 'gws:dedupe-require-shim',
    apply: 'build',
    enforce: 'post',
    renderChunk(code) {
      if (!code.includes(SHIM_REQUIRE)) return null;
      const out = code.replace(
        /^(?:var|let|const) require = (?:\w+\.)?createRequire\(import\.meta\.url\);$/gm,
        (line) => (line === SHIM_REQUIRE ? line : '/* require: the CommonJS shim above */'),
      );
      return out === code ? null : { code: out, map: null };
    },
  };
}

export default defineConfig({
  main: {
    plugins: [dedupeRequireShim()],
    build: {
      outDir: here('./out/main'),
      rolldownOptions: {
        input: { index: here('./main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
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
