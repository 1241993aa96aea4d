import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // Killing real worker processes needs a database several processes share: PGlite is one process
    // only, so the fault suites run in the PostgreSQL pass (`.ci/run`, or TEST_DATABASE_URL=...).
    exclude: [
      'tests/e2e/**',
      'node_modules/**',
      ...(process.env.TEST_DATABASE_URL ? [] : ['tests/faults/**']),
    ],
    // Each file opens its own database from the migrations; PGlite takes a second or two to boot.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
