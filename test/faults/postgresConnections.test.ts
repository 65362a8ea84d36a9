import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../support/context.ts';
import { services } from '../support/services.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import { unavailableDependency } from '../../src/core/dependencyErrors.ts';
import type { AppContext } from '../../src/core/context.ts';

const rows = async (query: Promise<unknown>) => ((await query) as { rows: unknown[] }).rows;

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

/**
 * The database's pooled connections through a proxy the test faults, on one
 * connection (a pool of one), so what happens to that connection is what the
 * next query sees. Transactions hold a checked-out client, which the pool's
 * own error listener does not cover.
 */
describe('PostgreSQL connections under faults', () => {
  let proxy: TcpProxy;
  let ctx: AppContext;
  const pg = new URL(services.postgresUrl);
  const warnings: Array<{ msg: string; err?: string }> = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({ write: (chunk, _encoding, done) => done(void warnings.push(JSON.parse(String(chunk)))) }),
  );

  beforeAll(async () => {
    proxy = await startTcpProxy(pg.hostname, Number(pg.port || 5432));
    const viaProxy = new URL(services.postgresUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    ctx = await createTestContext({
      backend: 'postgres',
      logger,
      env: {
        DATABASE_URL: viaProxy.toString(),
        DATABASE_POOL_SIZE: '1',
        DATABASE_STATEMENT_TIMEOUT_MS: '500',
        DATABASE_CONNECT_TIMEOUT_MS: '500',
      },
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await proxy?.close();
  });

  it('fails the transaction, not the process, when the connection dies inside it', async () => {
    const transaction = ctx.db.drizzle.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      proxy.cut();
      // The client is checked out and idle in the transaction when its socket closes: pg emits 'error' on it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.execute(sql`select 2`);
    });
    expect(unavailableDependency(await failure(transaction))).toBe('database');
    expect((await ctx.metrics.dbConnectionErrors.get()).values[0]?.value).toBeGreaterThan(0);
    expect(warnings).toContainEqual(
      expect.objectContaining({ msg: 'database connection lost', err: 'Connection terminated unexpectedly' }),
    );
    proxy.restore();
    await vi.waitFor(
      async () => expect(await rows(ctx.db.drizzle.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]),
      { timeout: 20_000, interval: 25 },
    );
  });

  it('gives up on a statement the server never answers, and never hands that connection out again', async () => {
    await ctx.db.drizzle.execute(sql`select 1`);
    proxy.blackhole();
    const transaction = ctx.db.drizzle.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
    });
    expect(unavailableDependency(await failure(transaction))).toBe('database');
    proxy.restore();
    // Had the connection been kept, the BEGIN held by the partition would now be delivered and the
    // next statement would run inside that abandoned transaction (now() frozen at its start).
    expect(
      await rows(ctx.db.drizzle.execute(sql`select now() = statement_timestamp() as outside_transaction`)),
    ).toEqual([{ outside_transaction: true }]);
  });
});
