import { connect, createServer, type Server, type Socket, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { Connection } from 'rabbitmq-client';
import { drizzle } from 'drizzle-orm/node-postgres';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { rootCause, unavailableDependency } from './dependencyErrors.ts';
import { DeadlineClient, DeadlinePool } from './db/postgresClient.ts';
import { services } from '../../test/support/services.ts';

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
    const refused = await failure(() => new DeadlineClient({ host: '127.0.0.1', port: closedPort }).connect());
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    expect(unavailableDependency(refused)).toBe('database');
    const pool = new DeadlinePool({ host: '127.0.0.1', port: closedPort, Client: DeadlineClient });
    expect(unavailableDependency(await failure(() => pool.query('select 1')))).toBe('database');
    expect(unavailableDependency(await failure(() => drizzle(pool).execute('select 1')))).toBe('database');
    expect(unavailableDependency(await failure(() => drizzle(pool).transaction(async () => {})))).toBe('database');
    await pool.end();
    const client = new pg.Client({ host: '127.0.0.1', port: silentPort, connectionTimeoutMillis: 100 });
    const noAnswer = await failure(() => client.connect());
    expect((noAnswer as Error).message).toMatch(/timeout/);
    expect(unavailableDependency(noAnswer)).toBe('database');

    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      severity: 'FATAL',
    });
    const wrapped = new DrizzleQueryError('select * from "secret_table" where id = $1', ['42'], shutdown);
    expect(unavailableDependency(wrapped)).toBe('database');
    expect(rootCause(wrapped)).toBe(shutdown);
    for (const message of [
      'Connection terminated unexpectedly',
      'Query read timeout',
      'timeout exceeded when trying to connect',
    ]) {
      expect(unavailableDependency(new DrizzleQueryError('select 1', [], new Error(message)))).toBe('database');
    }
    expect(
      unavailableDependency(
        Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      ),
    ).toBe('database');
  });

  it('recognises a Redis command that got no answer', async () => {
    const redis = new Redis({
      host: '127.0.0.1',
      port: silentPort,
      commandTimeout: 100,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    });
    await redis.connect();
    const timedOut = await failure(() => redis.get('k'));
    redis.disconnect();
    expect(unavailableDependency(timedOut)).toBe('cache');
    const offline = new Redis({
      host: '127.0.0.1',
      port: closedPort,
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    expect(unavailableDependency(await failure(() => offline.get('k')))).toBe('cache');
    offline.disconnect();
  });

  it('recognises RabbitMQ not being reachable within the acquire timeout', async () => {
    const connection = new Connection({
      url: `amqp://guest:guest@127.0.0.1:${closedPort}`,
      acquireTimeout: 100,
      retryLow: 50,
      retryHigh: 50,
    });
    connection.on('error', () => {});
    const publisher = connection.createPublisher({ confirm: true });
    const timedOut = await failure(() => publisher.send({ exchange: 'x', routingKey: 'k' }, 'payload'));
    await connection.close();
    expect(unavailableDependency(timedOut)).toBe('bus');
  });

  it('recognises a PostgreSQL connection reset under a query, as pg-pool’s pool.query hears of it first', async () => {
    // A relay to the real PostgreSQL that can reset its connections, as a dying host or a firewall would.
    const relayed = new Set<Socket>();
    const target = new URL(services.postgresUrl);
    const relay = createServer((socket) => {
      relayed.add(socket);
      const upstream = connect(Number(target.port || 5432), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const viaRelay = new URL(services.postgresUrl);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String((relay.address() as AddressInfo).port);
    const pool = new DeadlinePool({ connectionString: viaRelay.toString(), Client: DeadlineClient, max: 1 });
    pool.on('error', () => {});
    try {
      await pool.query('select 1');
      const running = failure(() => pool.query('select pg_sleep(5)'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const socket of relayed) socket.resetAndDestroy();
      const reset = await running;
      expect(reset).toMatchObject({ code: 'ECONNRESET' });
      expect(unavailableDependency(reset)).toBe('database');
    } finally {
      await pool.end();
      await new Promise((resolve) => relay.close(resolve));
    }
  });

  it('leaves a socket error of anything but the database client alone', async () => {
    const refusedFetch = await failure(() => fetch(`http://127.0.0.1:${closedPort}/`));
    expect(rootCause(refusedFetch)).toMatchObject({ code: 'ECONNREFUSED' });
    expect(unavailableDependency(refusedFetch)).toBeNull();
    const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND api.example'), { code: 'ENOTFOUND' });
    expect(unavailableDependency(new Error('upstream failed', { cause: unknownHost }))).toBeNull();
  });

  it('leaves bugs and bad input alone', () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect(unavailableDependency(new DrizzleQueryError('insert into t values ($1)', ['x'], unique))).toBeNull();
    expect(
      unavailableDependency(
        Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }),
      ),
    ).toBeNull();
    expect(unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(unavailableDependency('a string')).toBeNull();
    expect(unavailableDependency(null)).toBeNull();
  });
});
