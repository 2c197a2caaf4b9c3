import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:fast`: the unit and core suites, no child processes, servers or browser, so
 * no build either: the loop to run after every change. `npm test` runs everything.
 * (Spread, not mergeConfig: that would append to the base's include list, not replace it.)
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['bot/**/*.test.ts', 'intents/**/*.test.ts', 'catalog/**/*.test.ts', 'test/catalog.test.ts', 'test/layers.test.ts', 'test/barrels.test.ts', 'test/card-action.test.ts'],
    globalSetup: [],
  },
});
