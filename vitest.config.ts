import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Unit tests are pure (domain rules, parsing); integration tests open a database
// (PGlite, or PostgreSQL when HEILONG_TEST_DATABASE_URL is set) and sockets.
export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    // Integration files each open a database; one at a time keeps 2 cores calm.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['{server,db,components,bench}/**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{server,db}/**/*.int.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
