import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTokenRegistry } from '../tokens/index.ts';
import type { MarketData, TokenMarketInfo } from './marketData.ts';
import { createQuoteSnapshot } from './quoteSnapshot.ts';

const registry = createTokenRegistry();
const logger = pino({ level: 'silent' });
const info = (symbol: string, price: number | null): TokenMarketInfo => ({
  symbol,
  name: symbol,
  chain: 'ethereum',
  address: null,
  price_usd: price,
  change_24h_pct: price === null ? null : -1.5,
  market_cap_usd: null,
  volume_24h_usd: null,
  holders: null,
  as_of: new Date(0).toISOString(),
  source: 'test',
});

/** Market data that answers with `answer` and counts the loads. */
function market(answer: (symbols: readonly string[]) => Promise<Array<TokenMarketInfo | null>>) {
  const data = {
    kind: 'embedded' as const,
    loads: 0,
    tokenInfo: async () => null,
    tokenInfos: answer,
    largestCoins: async () => [],
  };
  data.tokenInfos = (symbols) => {
    data.loads++;
    return answer(symbols);
  };
  return data satisfies MarketData;
}

describe('the quote snapshot for analysis', () => {
  it('quotes the best-ranked tokens by ticker, once a minute, one load for concurrent callers', async () => {
    let t = 0;
    let asked: readonly string[] = [];
    const data = market(async (symbols) => {
      asked = symbols;
      return symbols.map((s, i) => info(s, i === 1 ? null : 100 + i));
    });
    const snapshot = createQuoteSnapshot(data, registry, { logger, now: () => t });
    const [first, second] = await Promise.all([snapshot(), snapshot()]);
    expect(data.loads).toBe(1);
    expect(first).toBe(second);
    expect(first.BTC).toEqual({ price_usd: 100, change_24h_pct: -1.5 });
    expect(asked[0]).toBe('BTC');
    expect(asked.length).toBeLessThanOrEqual(100);
    // A token without a price is left out rather than quoted as nothing.
    expect(Object.keys(first)).toHaveLength(asked.length - 1);
    t += 59_000;
    await snapshot();
    expect(data.loads).toBe(1);
    t += 2_000;
    await snapshot();
    expect(data.loads).toBe(2);
  });

  it('keeps the last good quotes when the market fails, and tries again a minute later', async () => {
    let t = 0;
    let failing = false;
    const data = market(async (symbols) => {
      if (failing) throw new Error('coingecko said 429');
      return symbols.map((s) => info(s, 1));
    });
    const snapshot = createQuoteSnapshot(data, registry, { logger, now: () => t });
    const good = await snapshot();
    failing = true;
    t += 61_000;
    expect(await snapshot()).toBe(good);
    expect(data.loads).toBe(2);
    failing = false;
    t += 61_000;
    await snapshot();
    expect(data.loads).toBe(3);
  });

  it('gives up on a market that never answers, with no quotes', async () => {
    const data = market(() => new Promise(() => {}));
    const snapshot = createQuoteSnapshot(data, registry, { logger, deadlineMs: 10 });
    expect(await snapshot()).toEqual({});
  });
});
