import { defineConfig } from 'vitest/config';

// Three tiers kept apart by name (STYLE.md): x.test.ts (no I/O), x.int.test.ts (real database, real
// files, real SMTP), e2e/ (real Chromium). `npm test` runs the first two; `npm run test:e2e` the third.
export default defineConfig({
  test: {
    reporters: ['default', './packages/server/test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/src/**/*.int.test.ts', 'packages/server/test/**/*.int.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['packages/e2e/**/*.e2e.ts'],
          globalSetup: ['./packages/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
