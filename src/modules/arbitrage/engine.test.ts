import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { createTestContext, type Backend } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createMemoryCache } from '../../core/cache/memoryCache.ts';
import { createIntelligence } from '../../../test/support/modules.ts';
import type { IntelligenceModule } from '../intelligence/index.ts';
import { createIntelligenceRepository } from '../intelligence/repository.ts';
import { createSimulatedPrices } from '../market/index.ts';
import { createTokenRegistry } from '../tokens/index.ts';
import { createSimulatedMarket } from './simulatedOrderBooks.ts';
import { createScanner, type Scanner } from './scanner.ts';
import { createArbitrageEngine, OPPORTUNITIES_KEY, type EngineDeps } from './engine.ts';
import { SCANNER_AGENT_ID } from './publication.ts';

const T = Date.parse('2026-03-01T00:05:20Z'); // seed 42: binance's ETH/USDT is dislocated by about 2.4 %
const prices = createSimulatedPrices(createTokenRegistry());

const setups: Array<{ backend: Backend; redis: boolean }> = [
  { backend: 'pglite', redis: false },
  { backend: 'postgres', redis: true },
];

describe.each(setups)('arbitrage engine on $backend (redis: $redis)', ({ backend, redis }) => {
  let ctx: AppContext;
  let intelligence: IntelligenceModule;
  let time = T;

  beforeAll(async () => {
    ctx = await createTestContext({ backend, redis });
    intelligence = await createIntelligence(ctx);
  });
  afterAll(() => ctx?.close());

  const engine = () =>
    createArbitrageEngine({
      scanner: createScanner(createSimulatedMarket({ seed: 42, prices, now: () => time }), { depth: 50 }),
      sourceKind: 'simulated',
      cache: ctx.cache,
      logger: ctx.logger,
      intervalMs: 2_000,
      publishMinPct: 1,
      publish: (item) => intelligence.service.ingest(item),
      now: () => time,
    });
  const published = () =>
    createIntelligenceRepository(ctx.db, ctx.metrics).list({ agents: [SCANNER_AGENT_ID] }, { limit: 100, offset: 0 });

  it('keeps the current opportunities in the cache for every reader', async () => {
    const snapshot = await engine().scanOnce();
    expect(snapshot.as_of).toBe('2026-03-01T00:05:20.000Z');
    expect(snapshot.opportunities[0]).toMatchObject({ symbol: 'ETH/USDT', buy_venue: 'binance', sell_venue: 'okx' });
    expect(JSON.parse((await ctx.cache.get(OPPORTUNITIES_KEY))!)).toEqual(snapshot);
    expect(await engine().current()).toEqual(snapshot);
  });

  it('publishes the best opportunity per symbol above the threshold as exchange intelligence, once per time bucket', async () => {
    const rows = await published();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'exchange', agentId: SCANNER_AGENT_ID, tokenKeys: ['ETH'] });
    expect(rows[0]!.title).toMatch(/^Arbitrage ETH\/USDT: buy on binance, sell on okx for 1\.\d\d% net$/);
    time = T + 1_000; // still open, still above 1 %, same ten-minute bucket
    await engine().scanOnce();
    expect(await published()).toHaveLength(1);
  });
});

describe('arbitrage engine loop', () => {
  const stubScanner = (scans: { count: number }) =>
    ({
      async scan() {
        scans.count++;
        return [];
      },
    }) as unknown as Scanner;
  const deps = (scans: { count: number }): EngineDeps => ({
    scanner: stubScanner(scans),
    sourceKind: 'simulated',
    cache: createMemoryCache(),
    logger: pino({ level: 'silent' }),
    intervalMs: 2_000,
    publishMinPct: 1,
    publish: async () => {},
  });

  it('runs one loop however many callers start it, and stops when the last one does', async () => {
    vi.useFakeTimers();
    try {
      const scans = { count: 0 };
      const engine = createArbitrageEngine(deps(scans));
      const stopComponent = await engine.start();
      const stopTools = await engine.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(scans.count).toBe(1);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(scans.count).toBe(2);
      await stopComponent();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(scans.count).toBe(3);
      await stopTools();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(scans.count).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps going after a failed scan', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const failing = {
        scan: async () => (++calls === 1 ? Promise.reject(new Error('exchange down')) : []),
      } as unknown as Scanner;
      const stop = await createArbitrageEngine({ ...deps({ count: 0 }), scanner: failing }).start();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(calls).toBe(2);
      await stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
