import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // The end-to-end suites start real HTTP servers and child processes; on a 2-core
    // machine a few parallel files is the sweet spot.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { DOTENV_CONFIG_QUIET: 'true' },
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
