import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Everything logged during the run is captured and searched for the test tokens at the end
    // (tests/support/log-capture.ts explains how); a leak fails the run.
    globalSetup: ['./tests/support/log-capture.global.ts'],
    setupFiles: ['./tests/support/log-capture.setup.ts'],
  },
});
