import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Test files share the machine's PostgreSQL, Redis and RabbitMQ; two files at a time keeps a 2-core box responsive.
    maxWorkers: 2,
  },
});
