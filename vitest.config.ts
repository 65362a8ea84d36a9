import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Test files share the machine's PostgreSQL, Redis and RabbitMQ. Three at a time on a 2-core box: most files wait
    // on child processes, services and sockets more than they compute, and with two the suite took 18 minutes of the
    // CI's 20 on a clean clone (each file's fork loads the platform afresh, about half of the files' time).
    maxWorkers: 3,
  },
});
