import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { Connection } from 'rabbitmq-client';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { rootCause, unavailableDependency } from './dependencyErrors.ts';
import { PRESUMED_DOWN_MESSAGE } from './cache/presumedDown.ts';

/** Errors as the real drivers raise them, against a port that refuses and a server that accepts but never answers. */
describe('dependency errors', () => {
  let silent: Server;
  let silentPort: number;
  let closedPort: number;
  const held = new Set<Socket>();

  beforeAll(async () => {
    silent = createServer((socket) => void held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const failure = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      return err;
    }
    throw new Error('expected a failure');
  };

  it('recognises PostgreSQL refusing, not answering, and shutting down, under drizzle’s wrapper too', async () => {
    const refused = await failure(() => new pg.Client({ host: '127.0.0.1', port: closedPort }).connect());
    expect(unavailableDependency(refused)).toBe('database');
    const client = new pg.Client({ host: '127.0.0.1', port: silentPort, connectionTimeoutMillis: 100 });
    const noAnswer = await failure(() => client.connect());
    expect((noAnswer as Error).message).toMatch(/timeout/);
    expect(unavailableDependency(noAnswer)).toBe('database');

    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
    const wrapped = new DrizzleQueryError('select * from "secret_table" where id = $1', ['42'], shutdown);
    expect(unavailableDependency(wrapped)).toBe('database');
    expect(rootCause(wrapped)).toBe(shutdown);
    for (const message of ['Connection terminated unexpectedly', 'Query read timeout', 'timeout exceeded when trying to connect']) {
      expect(unavailableDependency(new DrizzleQueryError('select 1', [], new Error(message)))).toBe('database');
    }
    expect(unavailableDependency(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe('database');
  });

  it('recognises a Redis command that got no answer', async () => {
    const redis = new Redis({ host: '127.0.0.1', port: silentPort, commandTimeout: 100, enableReadyCheck: false, maxRetriesPerRequest: 0, lazyConnect: true });
    await redis.connect();
    const timedOut = await failure(() => redis.get('k'));
    redis.disconnect();
    expect(unavailableDependency(timedOut)).toBe('cache');
    const offline = new Redis({ host: '127.0.0.1', port: closedPort, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    expect(unavailableDependency(await failure(() => offline.get('k')))).toBe('cache');
    offline.disconnect();
    expect(unavailableDependency(new Error(PRESUMED_DOWN_MESSAGE))).toBe('cache');
  });

  it('recognises RabbitMQ not being reachable within the acquire timeout', async () => {
    const connection = new Connection({ url: `amqp://guest:guest@127.0.0.1:${closedPort}`, acquireTimeout: 100, retryLow: 50, retryHigh: 50 });
    connection.on('error', () => {});
    const publisher = connection.createPublisher({ confirm: true });
    const timedOut = await failure(() => publisher.send({ exchange: 'x', routingKey: 'k' }, 'payload'));
    await connection.close();
    expect(unavailableDependency(timedOut)).toBe('bus');
  });

  it('leaves bugs and bad input alone', () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect(unavailableDependency(new DrizzleQueryError('insert into t values ($1)', ['x'], unique))).toBeNull();
    expect(unavailableDependency(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }))).toBeNull();
    expect(unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(unavailableDependency('a string')).toBeNull();
    expect(unavailableDependency(null)).toBeNull();
  });
});
