import { defineConfig } from 'vitest/config';

/**
 * Tests talk to the real simulator over loopback HTTP and Bayeux, so each file
 * starts its own simulator on an ephemeral port; files run in parallel forks.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
