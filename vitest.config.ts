import { defineConfig } from 'vitest/config';

/**
 * Files and the tests in them run in a shuffled order, so a test that leans on what another left
 * behind fails instead of passing by luck. The seed is printed at the start of every run
 * ("Running tests with seed …"); `VITEST_SEED=<seed> npm test` replays that order.
 */
const seed = process.env.VITEST_SEED ? Number(process.env.VITEST_SEED) : Math.floor(Math.random() * 1_000_000);
if (!Number.isSafeInteger(seed)) throw new Error(`VITEST_SEED must be a whole number, not "${process.env.VITEST_SEED}"`);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Database tests share one PostgreSQL server; files run in parallel on separate databases.
    testTimeout: 30_000,
    // Two files at a time on the 2-core CI machine (vitest's default there is one): most files
    // spend their time waiting on a database, a child process or a timer, and the whole run
    // takes 7 minutes instead of 11.
    maxWorkers: 2,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    sequence: { shuffle: { files: true, tests: true }, seed },
  },
});
