import { defineConfig } from 'vitest/config';

/**
 * One run for every tier: shared units, engine integration on real DuckDB, chart
 * snapshots, renderer behaviours (jsdom), and end to end in Debian's Chromium.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Pinned so number and date formats in snapshots do not depend on the machine.
    env: { TZ: 'UTC', LANG: 'en_GB.UTF-8' },
  },
});
