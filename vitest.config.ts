import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit` (test/unit) needs no browser and no built report, so `npm run test:unit`
 * is a loop of seconds and a bug that breaks the build still shows which unit test catches it.
 * `e2e` (test/e2e) builds the default report once (test/global-setup.ts) and its files share it;
 * vitest runs a project's global setup only when one of its tests is queued. `npm test` runs
 * both, unit first.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          sequence: { groupOrder: 0 },
          testTimeout: 60_000,
          // The files import the same modules (pdf-lib, vega, ajv…); loading them once per worker
          // instead of once per file cut the unit run's CPU time from 115 s to 36 s. No unit test
          // leaves global state behind for another to trip on.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          sequence: { groupOrder: 1 },
          // End-to-end tests start Chromium; a slow, shared machine needs room.
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Browser-heavy files in parallel on two cores only slow each other down.
          fileParallelism: false,
        },
      },
    ],
  },
});
