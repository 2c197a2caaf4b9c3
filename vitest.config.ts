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
    globalSetup: ['./test/support/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // botbuilder's CloudAdapter console.errors the AuthenticationError behind every 401 it
    // answers to a bad token; the suites that send one assert the 401 itself, so that one
    // expected trace is dropped. Anything else printed still shows.
    onConsoleLog: (log, type) => !(type === 'stderr' && log.startsWith('AuthenticationError: Unauthorized.')),
  },
});
