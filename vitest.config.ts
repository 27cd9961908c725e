import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds dist/ when the sources are newer: `npm test` and a bare `vitest` both test what they run.
    globalSetup: ['test/global-setup.ts'],
    // Integration tests spawn the built binary and real processes; the machine has 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
