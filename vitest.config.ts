import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['analytics/**/*.test.ts', 'ingest/**/*.test.ts', 'server/**/*.test.ts', 'dashboard/src/lib/**/*.test.ts', 'test/**/*.test.ts'],
    // chDB binds one data directory per process: every test file runs in a process of its own, with its own store.
    pool: 'forks',
    isolate: true,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
