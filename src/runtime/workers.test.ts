import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Config } from '../core/config.ts';
import { workerCount } from './workers.ts';

/** The settings workerCount reads; the rest of a Config plays no part. */
const config = (settings: Partial<Config>) =>
  ({ ENV: 'production', WORKERS: undefined, secretsBackend: 'embedded', ...settings }) as Config;
const shared = {
  databaseUrl: 'postgresql://db/alphanest',
  CACHE_URL: 'redis://cache:6379',
  RABBIT_URL: 'amqp://bus:5672',
} as Partial<Config>;

describe('WORKERS by default', () => {
  it('is one per core in production when PostgreSQL, Redis and RabbitMQ are shared', () => {
    expect(workerCount(config(shared))).toBe(availableParallelism());
    // With the Vault backend the database URL is read from Vault by each worker: still PostgreSQL.
    expect(workerCount(config({ ...shared, databaseUrl: undefined, secretsBackend: 'vault' }))).toBe(
      availableParallelism(),
    );
  });

  it('is one in development, or when a process could not share what it keeps', () => {
    expect(workerCount(config({ ...shared, ENV: 'dev' }))).toBe(1);
    expect(workerCount(config({ ...shared, CACHE_URL: undefined }))).toBe(1);
    expect(workerCount(config({ ...shared, RABBIT_URL: undefined }))).toBe(1);
    expect(workerCount(config({ ...shared, databaseUrl: undefined }))).toBe(1);
  });

  it('is what WORKERS says when it is set', () => {
    expect(workerCount(config({ ...shared, WORKERS: 3 }))).toBe(3);
    expect(workerCount(config({ ENV: 'dev', WORKERS: 2 }))).toBe(2);
  });
});
