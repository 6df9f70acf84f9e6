import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests start Chromium; a slow, shared machine needs room.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Browser-heavy files in parallel on two cores only slow each other down.
    fileParallelism: false,
  },
});
