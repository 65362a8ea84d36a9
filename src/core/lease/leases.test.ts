import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../context.ts';
import { createLeases, LeaseLostError, type Lease, type Leases } from './leases.ts';

const logger = pino({ level: 'silent' });
const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve())));

describe.each(backends)('leases on %s', (backend) => {
  let ctx: AppContext;
  let a: Leases;
  let b: Leases;
  // Long enough that no renewal is missed on a loaded machine; expiry is forced in SQL where a test needs it.
  const ttlMs = 30_000;

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    a = createLeases(ctx.db, logger, { ttlMs, holder: 'node-a' });
    b = createLeases(ctx.db, logger, { ttlMs, holder: 'node-b' });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await ctx?.close();
  });

  /** The owner stopped renewing and its time ran out (a killed process), without waiting for it. */
  const expire = (name: string) =>
    ctx.db.drizzle.execute(sql`UPDATE leases SET expires_at = now() - interval '1 second' WHERE name = ${name}`);
  const marks = async () =>
    ((await ctx.db.drizzle.execute(sql`SELECT n FROM lease_test_marks ORDER BY n`)) as unknown as { rows: unknown[] })
      .rows;
  const mark = (lease: Lease, n: number) =>
    lease.fenced((tx) => tx.execute(sql`INSERT INTO lease_test_marks (n) VALUES (${n})`));

  it('grants a free lease to one holder at a time, with a fencing token that grows on every grant', async () => {
    const first = await a.tryAcquire('one');
    expect(first?.token).toBe(1);
    expect(await b.tryAcquire('one')).toBeNull();
    expect(await a.tryAcquire('one')).toBeNull();
    await first!.release();
    expect(first!.signal.aborted).toBe(true);
    const second = await b.tryAcquire('one');
    expect(second?.token).toBe(2);
    await second!.release();
  });

  it('lets another holder take an expired lease, and refuses the old holder’s fenced writes', async () => {
    await ctx.db.drizzle.execute(sql`CREATE TABLE lease_test_marks (n int NOT NULL)`);
    const old = (await a.tryAcquire('source'))!;
    await mark(old, 1);
    await expire('source');
    const taker = (await b.tryAcquire('source'))!;
    expect(taker.token).toBe(old.token + 1);

    await expect(mark(old, 2)).rejects.toBeInstanceOf(LeaseLostError);
    expect(old.signal.aborted).toBe(true);
    await mark(taker, 3);
    expect(await marks()).toEqual([{ n: 1 }, { n: 3 }]);
    await taker.release();
  });

  it('tells the holder when a renewal finds its lease taken over', async () => {
    const short = createLeases(ctx.db, logger, { ttlMs: 900, holder: 'node-short' });
    try {
      const lease = (await short.tryAcquire('renewed'))!;
      await ctx.db.drizzle.execute(sql`UPDATE leases SET holder = 'node-x', token = token + 1 WHERE name = 'renewed'`);
      await aborted(lease.signal);
      expect(lease.signal.reason).toBeInstanceOf(LeaseLostError);
    } finally {
      await short.close();
    }
  });

  it('keeps a lease it renews past its first lease time', async () => {
    const short = createLeases(ctx.db, logger, { ttlMs: 900, holder: 'node-renewing' });
    try {
      const lease = (await short.tryAcquire('kept'))!;
      const expiry = async () =>
        (
          (await ctx.db.drizzle.execute(sql`SELECT expires_at FROM leases WHERE name = 'kept'`)) as unknown as {
            rows: Array<{ expires_at: unknown }>;
          }
        ).rows[0]!.expires_at;
      const first = String(await expiry());
      while (String(await expiry()) === first && !lease.signal.aborted) await new Promise((r) => setTimeout(r, 50));
      expect(lease.signal.aborted).toBe(false);
      await mark(lease, 4);
    } finally {
      await short.close();
    }
  });

  it('spreads a group of leases over the holders that hold for it, and gives a stopped holder’s to the other', async () => {
    // Short leases: a holder checks its share every third of the lease time.
    const first = createLeases(ctx.db, logger, { ttlMs: 3_000, holder: 'node-first' });
    const second = createLeases(ctx.db, logger, { ttlMs: 3_000, holder: 'node-second' });
    const names = ['src:a', 'src:b', 'src:c', 'src:d'];
    const share = { group: 'src:', total: names.length };
    const holding = (leases: Leases, stop: AbortSignal) =>
      names.map((name) => leases.hold(name, (lease) => aborted(lease.signal), stop, share));
    const holders = async () =>
      (
        (await ctx.db.drizzle.execute(
          sql`SELECT holder, count(*)::int AS n FROM leases WHERE starts_with(name, 'src:') AND expires_at > now()
              GROUP BY holder ORDER BY holder`,
        )) as unknown as { rows: Array<{ holder: string; n: number }> }
      ).rows;
    const stopFirst = new AbortController();
    const stopSecond = new AbortController();
    try {
      const loops = [...holding(first, stopFirst.signal)];
      while ((await holders())[0]?.n !== 4) await new Promise((r) => setTimeout(r, 50));
      loops.push(...holding(second, stopSecond.signal));
      while (
        JSON.stringify(await holders()) !==
        JSON.stringify([
          { holder: 'node-first', n: 2 },
          { holder: 'node-second', n: 2 },
        ])
      )
        await new Promise((r) => setTimeout(r, 50));

      stopFirst.abort();
      await first.close();
      while (JSON.stringify(await holders()) !== JSON.stringify([{ holder: 'node-second', n: 4 }]))
        await new Promise((r) => setTimeout(r, 50));
      stopSecond.abort();
      await Promise.all(loops);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('runs a singleton on one holder and starts it on the other once the first stops', async () => {
    const running: string[] = [];
    const started = (who: string) => async (lease: Lease) => {
      running.push(`${who}:${lease.token}`);
      return async () => void running.splice(running.indexOf(`${who}:${lease.token}`), 1);
    };
    const stopA = a.singleton('engine', started('a'));
    while (!running.length) await new Promise((r) => setTimeout(r, 20));
    const stopB = b.singleton('engine', started('b'));
    expect(running).toEqual(['a:1']);
    await stopA();
    expect(running).toEqual([]);
    while (!running.length) await new Promise((r) => setTimeout(r, 20));
    expect(running).toEqual(['b:2']);
    await stopB();
    expect(running).toEqual([]);
  });
});
