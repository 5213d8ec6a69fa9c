import tsconfigPaths from 'vite-tsconfig-paths';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{app,db,search,server,scripts,locales}/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // One embedded PostgreSQL cluster for the run; each file clones a migrated template.
          globalSetup: ['tests/setup/global-db.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
          env: { LOG_LEVEL: 'warn' },
        },
      },
    ],
  },
});
