import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on CI: at most two test files at a time, each with its own database.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
