import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CommonJS and ESM builds. Node gives our code and @apollo/* the same
    // CommonJS build; vitest would hand our code the ESM one, and two graphql instances
    // reject each other's schemas. Pin the one Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['**/*.test.ts', 'web/**/*.test.tsx'],
    exclude: ['**/node_modules/**', 'data/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share a worker's loaded modules (Apollo, graphql, the estate) instead of importing them afresh,
    // and three workers keep both cores busy while the system tests wait on their sockets.
    isolate: false,
    maxWorkers: 3,
    // One embedded PostgreSQL server for the run; each test file or system makes a database on it.
    globalSetup: ['test/postgres-global-setup.ts', 'test/web-bundle-global-setup.ts'],
  },
});
