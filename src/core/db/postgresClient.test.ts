import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type pg from 'pg';
import { services } from '../../../test/support/services.ts';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcpProxy.ts';
import { DeadlineClient, DeadlinePool } from './postgresClient.ts';

/** A pool of one through a proxy the test cuts: a checkout that kept a dead client would leave nothing for anyone else. */
describe('DeadlinePool checkouts whose connection dies', () => {
  let proxy: TcpProxy;
  let pool: DeadlinePool;

  beforeAll(async () => {
    const target = new URL(services.postgresUrl);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(services.postgresUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    pool = new DeadlinePool({
      connectionString: viaProxy.toString(),
      Client: DeadlineClient,
      max: 1,
      connectionTimeoutMillis: 1_000,
    });
    pool.on('error', () => {});
  });
  afterAll(async () => {
    await pool?.end();
    await proxy?.close();
  });

  const checkouts: Record<string, () => Promise<pg.PoolClient>> = {
    promise: () => pool.connect(),
    callback: () =>
      new Promise((resolve, reject) =>
        pool.connect((err: Error | undefined, client: pg.PoolClient | undefined) =>
          err ? reject(err) : resolve(client!),
        ),
      ),
  };

  for (const [form, checkOut] of Object.entries(checkouts)) {
    it(`goes back to the pool (checked out with a ${form}), and releasing it again is harmless`, async () => {
      const client = await checkOut();
      client.on('error', () => {}); // the holder's listener, as drizzle's session has
      proxy.cut();
      await vi.waitFor(() => expect(pool.totalCount).toBe(0), { timeout: 5_000, interval: 25 });
      expect(() => client.release()).not.toThrow();
      proxy.restore();
      expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    });
  }
});
