import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { createTestContext } from '../../../../test/support/context.ts';
import { startFakeDexScreener, type FakeDexScreener, type FakeDexToken } from '../../../../test/fakes/dexscreener.ts';
import type { AppContext } from '../../../core/context.ts';
import { createIntelligence } from '../../../../test/support/modules.ts';
import type { IntelligenceModule } from '../../intelligence/index.ts';
import { createIntelligenceRepository } from '../../intelligence/repository.ts';
import { createMentionReads } from '../../intelligence/mentionReads.ts';
import { createOsintQueries } from '../queries.ts';
import { createManualClock } from '../../../../test/support/manualClock.ts';
import { HttpStatusError } from '../../../core/outbound/errors.ts';
import { createHttpClient } from '../../../core/outbound/httpClient.ts';
import { createDexScreenerClient, type DexScreenerClient } from './client.ts';
import { createDexScreenerConnector, type DexScreenerConnector } from './connector.ts';
import { DEX_SCREENER_AGENT_ID } from './newToken.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const SOL = { address: 'So11111111111111111111111111111111111111112', name: 'Wrapped SOL', symbol: 'SOL' };
const WETH = { address: '0x4200000000000000000000000000000000000006', name: 'Wrapped Ether', symbol: 'WETH' };
const pool = (dexId: string, quote: typeof SOL, liquidityUsd: number) => ({
  dexId,
  quote,
  liquidityUsd,
  volume24h: liquidityUsd * 3,
  priceUsd: '0.004213',
  fdv: 4_213_000,
  createdAt: NOW.getTime() - 3_600_000,
});

const wifx: FakeDexToken = {
  chainId: 'solana',
  address: '7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr',
  name: 'Dogwifhat X',
  symbol: 'WIFX',
  description: 'The hat stays on.',
  pools: [pool('orca', SOL, 12_000), pool('raydium', SOL, 420_000)],
};
const bretto: FakeDexToken = {
  chainId: 'base',
  address: '0x532f27101965dd16442E59d40670FaF5eBB142E4',
  name: 'Bretto',
  symbol: 'BRETTO',
  pools: [pool('uniswap', WETH, 95_000)],
};
const soon: FakeDexToken = {
  chainId: 'solana',
  address: 'CzLSujWBLFsSjncfkh59rUFqvafWcY5tzedWJSuypump',
  name: 'Soon',
  symbol: 'SOON',
  pools: [],
};

describe('DEX Screener new-token connector (replayed payloads)', () => {
  let fake: FakeDexScreener;
  let ctx: AppContext;
  let intelligence: IntelligenceModule;
  let connector: DexScreenerConnector;
  const stored = () =>
    createIntelligenceRepository(ctx.db, ctx.metrics).list(
      { agents: [DEX_SCREENER_AGENT_ID] },
      { limit: 50, offset: 0 },
    );

  beforeAll(async () => {
    fake = await startFakeDexScreener([wifx, bretto, soon]);
    ctx = await createTestContext();
    intelligence = await createIntelligence(ctx);
    connector = createDexScreenerConnector({
      // Retries wait on a clock that moves only when slept on.
      client: createDexScreenerClient({
        baseUrl: fake.url,
        http: createHttpClient({ timeoutMs: 10_000, clock: createManualClock() }),
      }),
      ingest: (item) => intelligence.service.ingest(item),
      logger: pino({ level: 'silent' }),
      intervalMs: 60_000,
      now: () => NOW,
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await fake?.close();
  });

  it('stores each new token with a pool as onchain intelligence, from its deepest pool', async () => {
    expect(await connector.pollOnce()).toBe(2);
    const rows = await stored();
    const wif = rows.find((r) => r.externalId === `solana:${wifx.address}`)!;
    expect(wif).toMatchObject({
      type: 'onchain',
      eventType: 'listing',
      title: 'New on DEX Screener: Dogwifhat X (WIFX) on solana',
      sourceName: 'DEX Screener',
    });
    expect(wif.content).toContain('WIFX/SOL on raydium: liquidity $420,000');
    expect(wif.tokens).toEqual([{ symbol: 'WIFX', name: 'Dogwifhat X', chain: 'solana', address: wifx.address }]);
    expect(wif.publishedAt).toEqual(NOW);
    expect(rows.find((r) => r.externalId === `base:${bretto.address}`)!.tokenKeys).toEqual([
      'BRETTO',
      bretto.address.toLowerCase(),
    ]);
    expect(fake.requests).toContain(`/tokens/v1/solana/${wifx.address},${soon.address}`);
  });

  it('does not look stored tokens up again, retries one without a pool, and stores it once it has one', async () => {
    fake.requests.length = 0;
    expect(await connector.pollOnce()).toBe(0);
    expect(fake.requests).toEqual(['/token-profiles/latest/v1', `/tokens/v1/solana/${soon.address}`]);
    soon.pools = [pool('pumpswap', SOL, 30_000)];
    expect(await connector.pollOnce()).toBe(1);
    expect(await stored()).toHaveLength(3);
  });

  it('rides out a passing rate limit within the poll', async () => {
    fake.requests.length = 0;
    fake.failNext(429);
    expect(await connector.pollOnce()).toBe(0);
    expect(fake.requests).toEqual(['/token-profiles/latest/v1', '/token-profiles/latest/v1']);
  });

  it('makes the new tokens first-seen coins for osint.discover_coins', async () => {
    const osint = createOsintQueries(createMentionReads(ctx.db), () => new Date(NOW.getTime() + 60_000));
    const found = await osint.discoverCoins(3_600_000, 1, 10);
    expect(found.tokens.map((t) => [t.token, t.first_seen]).sort()).toEqual([
      ['BRETTO', true],
      ['SOON', true],
      ['WIFX', true],
    ]);
  });
});

describe('DEX Screener connector with hostile profiles', () => {
  it('drops unsafe text, leaves out an impossible pool time, and skips a profile that is no valid item without holding back the rest', async () => {
    const poisoned: FakeDexToken = {
      chainId: 'solana',
      address: 'Po1son111111111111111111111111111111111111',
      name: 'Poi\u0000son',
      symbol: 'PSN',
      description: 'gm\u0000 \ud800frens',
      pools: [{ ...pool('raydium', SOL, 50_000), createdAt: 1e17 }],
    };
    const blank: FakeDexToken = {
      chainId: 'solana',
      address: 'B1ank111111111111111111111111111111111111',
      name: 'Blank',
      symbol: '   ',
      pools: [pool('orca', SOL, 1_000)],
    };
    const after: FakeDexToken = {
      chainId: 'solana',
      address: 'Aft3r111111111111111111111111111111111111',
      name: 'After',
      symbol: 'AFT',
      pools: [pool('orca', SOL, 2_000)],
    };
    const dex = await startFakeDexScreener([poisoned, blank, after]);
    const context = await createTestContext();
    try {
      const module = await createIntelligence(context);
      const warnings: Array<Record<string, unknown>> = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
      const connector = createDexScreenerConnector({
        client: createDexScreenerClient({ baseUrl: dex.url }),
        ingest: (item) => module.service.ingest(item),
        logger,
        intervalMs: 60_000,
        now: () => NOW,
      });

      expect(await connector.pollOnce()).toBe(2);
      const rows = await createIntelligenceRepository(context.db, context.metrics).list(
        { agents: [DEX_SCREENER_AGENT_ID] },
        { limit: 10, offset: 0 },
      );
      const stored = rows.find((r) => r.externalId === `solana:${poisoned.address}`)!;
      expect(stored.title).toBe('New on DEX Screener: Poison (PSN) on solana');
      expect(stored.content).toMatch(/^gm frens\n\nPSN\/SOL on raydium/);
      expect(stored.content).not.toContain('Pool created');
      expect(rows.map((r) => r.externalId)).toContain(`solana:${after.address}`);
      expect(warnings).toEqual([
        expect.objectContaining({
          entry: `solana:${blank.address}`,
          reason: expect.stringMatching(/^tokens\.0\.symbol: /),
        }),
      ]);
      // Skipped for good: the next poll does not look it up again.
      dex.requests.length = 0;
      expect(await connector.pollOnce()).toBe(0);
      expect(dex.requests).toEqual(['/token-profiles/latest/v1']);
    } finally {
      await context.close();
      await dex.close();
    }
  });
});

describe('DEX Screener connector loop', () => {
  it('polls every interval, backs off while the API fails, and stops', async () => {
    vi.useFakeTimers();
    try {
      let polls = 0;
      const client: DexScreenerClient = {
        latestProfiles: async () =>
          ++polls === 2 ? Promise.reject(new HttpStatusError('api.dexscreener.com', 503)) : [],
        pairsOf: async () => [],
      };
      const connector = createDexScreenerConnector({
        client,
        ingest: async () => {},
        logger: pino({ level: 'silent' }),
        intervalMs: 60_000,
      });
      const stop = connector.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(polls).toBe(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(polls).toBe(2); // fails: the retry comes within one interval
      await vi.advanceTimersByTimeAsync(60_000);
      expect(polls).toBe(3);
      await stop();
      await vi.advanceTimersByTimeAsync(600_000);
      expect(polls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
