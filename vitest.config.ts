import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - `node`: the simulator, the core, the app layer, the Electron adapters and
 *   the browser-mode/e2e tests. Tests talk to the real simulator over loopback,
 *   each file on its own ephemeral port, files in parallel forks. `electron` is
 *   aliased to the one shared fake (typed by Electron's own declarations): the
 *   real binary cannot run here.
 * - `renderer`: Svelte component tests in jsdom.
 */
const electronFake = fileURLToPath(new URL('./test/fakes/electron-fake.ts', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { electron: electronFake } },
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**'],
          environment: 'node',
          // electron-store imports `electron` itself: inline it so the alias gives it the fake too.
          server: { deps: { inline: ['electron-store'] } },
          pool: 'forks',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        plugins: [svelte(), svelteTesting()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          environment: 'jsdom',
          testTimeout: 20_000,
        },
      },
    ],
  },
});
