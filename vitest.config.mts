import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The screenshots of docs/pages.md are taken on demand (`npm run shots`), not as part of the tests.
    include: ['test/**/*.test.ts', ...(process.env.SHOTS_DIR ? ['test/**/*.shots.ts'] : [])],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
