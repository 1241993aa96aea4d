import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Each file opens its own database from the migrations; PGlite takes a second or two to boot.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
