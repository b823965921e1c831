import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.tsx'],
    pool: 'forks',
    // Two test files at a time on a 2-core machine: most of a file's time is spent waiting (engine
    // threads, browsers, callbacks), and Vitest's default of cores − 1 ran the suite one file at a time.
    maxWorkers: 2,
    globalSetup: ['test/helpers/build-web.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
