import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { Connection } from 'rabbitmq-client';

/**
 * Addresses of the real services the suite runs against. `scripts/ensure-services.ts`
 * (run by `npm test`) has already started or installed them, or failed naming the missing one.
 */
export const services = {
  postgresUrl: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  rabbitUrl: process.env.TEST_RABBIT_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
};

/** A name unique to this test run, for schemas, key prefixes and queue names. */
export function runId(label = 't'): string {
  return `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** Drops a per-run PostgreSQL schema (and the drizzle migrations table inside it). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: services.postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under a per-run prefix. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis may be the thing a test stopped; leftover keys under a unique prefix harm no later run.
  } finally {
    redis.disconnect();
  }
}

/** Deletes a per-run RabbitMQ exchange. */
async function deleteExchange(exchange: string): Promise<void> {
  const admin = new Connection(services.rabbitUrl);
  try {
    await admin.exchangeDelete({ exchange });
  } finally {
    await admin.close();
  }
}

/** The process ids of a process's children (a primary's workers). */
export const childPids = (pid: number): number[] =>
  execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter(Boolean);

/**
 * A test's own place on the shared services: a PostgreSQL schema, a Redis key prefix and a RabbitMQ exchange,
 * named for this run. `env` points a node at them (DATABASE_URL aside: some nodes read it from elsewhere);
 * `remove` deletes all three.
 */
export function sharedServicesRun(label: string) {
  const schema = runId(label);
  const prefix = `${schema}:`;
  const exchange = runId(`${label}_exchange`);
  return {
    schema,
    prefix,
    exchange,
    env: {
      DATABASE_SCHEMA: schema,
      CACHE_URL: services.redisUrl,
      CACHE_PREFIX: prefix,
      RABBIT_URL: services.rabbitUrl,
      RABBIT_EXCHANGE: exchange,
    },
    async remove(): Promise<void> {
      await dropSchema(schema);
      await deleteRedisKeys(prefix);
      await deleteExchange(exchange);
    },
  };
}
