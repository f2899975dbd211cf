import { defineConfig } from 'vitest/config';

// Three projects, one `vitest run`:
//   unit        — src/**/*.test.ts, pure functions, no database
//   integration — test/integration/**/*.test.ts through HTTP (app.inject) on a private database
//                 per file: PGlite in memory, or a fresh database on TEST_DATABASE_URL's server
//   e2e         — test/e2e/**/*.e2e.ts (browser; owned by the web engineer), one file at a time
//                 after the other two (groupOrder), since it drives a real server and browser.
// The machine this runs on has 2 cores: forks keep PGlite's WASM heaps in separate processes.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Fails the run up front when TEST_DATABASE_URL is set but unreachable (never skips).
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          pool: 'forks',
          // One fork runs the e2e files one after another (`fileParallelism` is a root-only
          // option in Vitest 3.2; singleFork gives this project the same file-serial behaviour).
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
