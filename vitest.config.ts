import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/bench/**', 'node_modules/**'],
    // The app the tests spawn is the bundle: built once per run, before any test file (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests start their own sandboxes on random loopback ports; files run in parallel on forks.
    pool: 'forks',
    // Ink draws only the final frame when it thinks it runs in CI (is-in-ci reads CI); the UI tests need the
    // interactive renderer, so workers see CI=0. Vitest's own CI behaviour (no snapshot writes) is decided in
    // the main process and is unaffected.
    env: { CI: '0', CONTINUOUS_INTEGRATION: '0' },
  },
});
