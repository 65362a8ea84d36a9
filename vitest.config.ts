import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Each fork runs its share of the files one after another in one module graph instead of loading the platform
    // afresh for each: that load was 490 s of a 1,100 s run. It holds because tests share no state but what they
    // make and close (no globals, fake timers restored, per-run names), and the suite also passes in shuffled order.
    isolate: false,
    globalSetup: [
      'test/support/tempRoot.setup.ts',
      'test/support/pgliteTemplate.setup.ts',
      'test/support/compiledContracts.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Test files share the machine's PostgreSQL, Redis and RabbitMQ; two files at a time keeps a 2-core box responsive.
    maxWorkers: 2,
  },
});
