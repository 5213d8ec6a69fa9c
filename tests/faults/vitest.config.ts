import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`, `npm run test:topology` and `npm run test:fuzz`: real processes (server, embedded
 * PostgreSQL, SMTP, a load balancer), one file at a time, each file's parts in order.
 */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts', 'tests/topology/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 240_000,
    env: { LOG_LEVEL: 'warn' },
  },
});
