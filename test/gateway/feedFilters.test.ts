import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import type { AppContext } from '../../src/core/context.ts';
import { ingestSchema, type IngestInput } from '../../src/modules/intelligence/schemas.ts';

const setups = [
  { name: 'PGlite + in-process cache', backend: 'pglite' as const, redis: false },
  { name: 'PostgreSQL + Redis', backend: 'postgres' as const, redis: true },
];

const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';

/** One item per line; titles are what the assertions compare. */
const items: Array<Partial<IngestInput> & { title: string }> = [
  {
    title: 'a',
    type: 'news',
    tokens: [{ symbol: 'BTC' }],
    sentiment: { label: 'bullish', score: 0.6 },
    event: { type: 'listing' },
    value: { score: 80 },
    agent_id: 'listing-hunter',
    published_at: '2025-06-10T10:00:00Z',
  },
  {
    title: 'b',
    type: 'onchain',
    tokens: [{ symbol: 'ETH' }],
    sentiment: { label: 'bearish', score: -0.8 },
    event: { type: 'hack' },
    value: { score: 95 },
    agent_id: 'security-watch',
    published_at: '2025-06-11T00:00:00Z',
  },
  {
    title: 'c',
    type: 'news',
    tokens: [{ symbol: 'USDC', address: USDC, chain: 'ethereum' }],
    event: { type: 'regulation' },
    value: { score: 40 },
    agent_id: 'news-sentiment-radar',
    published_at: '2025-06-11T23:59:59.999Z',
  },
  {
    title: 'd',
    type: 'twitter',
    tokens: [{ symbol: 'SOL' }],
    sentiment: { label: 'bearish', score: -0.5 },
    event: { type: 'hack' },
    value: { score: 60 },
    agent_id: 'token-mentions',
    published_at: '2025-06-12T08:00:00Z',
  },
  {
    // A meme coin whose ticker is BITCOIN: `token=bitcoin` means Bitcoin, not this.
    title: 'e',
    type: 'twitter',
    tokens: [{ symbol: 'BITCOIN' }],
    event: { type: 'other' },
    value: { score: 10 },
    agent_id: 'token-mentions',
    published_at: '2025-06-12T09:00:00Z',
  },
];

const FEED_PARAMETERS =
  'type, high_value, keyword, token, agent, exclude_agent, sentiment, event, min_value, since, until, page, size, cursor';

describe.each(setups)('feed filters over HTTP on $name', ({ backend, redis }) => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  const feed = async (query: string) => {
    const response = await http(`${gateway.url}/api/v1/intelligence/?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.items.map((item: { title: string }) => item.title);
  };
  const refusal = async (query: string) => {
    const response = await http(`${gateway.url}/api/v1/intelligence/?${query}`);
    expect(response.status, query).toBe(400);
    return response.body.error as { code: string; message: string; field: string };
  };

  beforeAll(async () => {
    ctx = await createTestContext({ backend, redis, env: { GLOBAL_LIMIT_TIMES: '100000' } });
    gateway = await startGateway(ctx);
    for (const item of items) {
      await gateway.platform.intelligence.service.ingest(
        ingestSchema.parse({ content: `item ${item.title}`, source: { name: 'filters test' }, ...item }),
      );
    }
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
  });

  it('filters by sentiment, event and minimum value, alone and together', async () => {
    expect(await feed('sentiment=bearish')).toEqual(['d', 'b']);
    expect(await feed('sentiment=neutral')).toEqual(['e', 'c']);
    expect(await feed('event=hack')).toEqual(['d', 'b']);
    expect(await feed('event=hack&min_value=90')).toEqual(['b']);
    expect(await feed('min_value=80')).toEqual(['b', 'a']);
    expect(await feed('min_value=0')).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(await feed('sentiment=bullish&event=hack')).toEqual([]);
  });

  it('takes lists repeated or comma-separated, and matches any of their values', async () => {
    for (const query of ['token=BTC,ETH', 'token=BTC&token=ETH', 'token=eth,%20btc,BTC', 'token=BTC,&token=ETH']) {
      expect(await feed(query), query).toEqual(['b', 'a']);
    }
    expect(await feed('type=news,onchain')).toEqual(['c', 'b', 'a']);
    expect(await feed('type=news&type=onchain')).toEqual(['c', 'b', 'a']);
    expect(await feed('agent=security-watch,listing-hunter')).toEqual(['b', 'a']);
    expect(await feed('agent=security-watch&agent=listing-hunter')).toEqual(['b', 'a']);
    // Its complement: none of the agents named.
    expect(await feed('exclude_agent=security-watch,listing-hunter')).toEqual(['e', 'd', 'c']);
    expect(await feed('exclude_agent=security-watch&high_value=true')).toEqual(['a']);
    expect(await feed('sentiment=bullish,bearish&event=listing&event=hack')).toEqual(['d', 'b', 'a']);
  });

  it('takes the values of sentiment, event and type in any letter case', async () => {
    expect(await feed('sentiment=Bearish')).toEqual(['d', 'b']);
    expect(await feed('event=HACK&min_value=90')).toEqual(['b']);
    expect(await feed('type=News,ONCHAIN')).toEqual(['c', 'b', 'a']);
  });

  it('resolves coin names and CoinGecko ids through the token registry', async () => {
    expect(await feed('token=bitcoin')).toEqual(['a']);
    expect(await feed('token=Bitcoin')).toEqual(['a']);
    expect(await feed('token=ethereum,solana')).toEqual(['d', 'b']);
    expect(await feed('token=usd-coin')).toEqual(['c']);
    expect(await feed(`token=${USDC}`)).toEqual(['c']);
    expect(await feed('token=$sol')).toEqual(['d']);
    // A ticker the registry does not know is still a ticker.
    expect(await feed('token=NOTLISTEDANYWHERE')).toEqual([]);
  });

  it('takes whole UTC days for since and until (until includes its day)', async () => {
    expect(await feed('since=2025-06-11&until=2025-06-11')).toEqual(['c', 'b']);
    expect(await feed('until=2025-06-10')).toEqual(['a']);
    expect(await feed('since=2025-06-12')).toEqual(['e', 'd']);
    expect(await feed('since=2025-06-11T00:00:00Z&until=2025-06-12')).toEqual(['e', 'd', 'c', 'b']);
  });

  it('refuses an unknown parameter, naming it and every accepted one', async () => {
    for (const name of ['sentimen', 'tokens', 'limit']) {
      const error = await refusal(`${name}=bearish`);
      expect(error).toMatchObject({ code: 'invalid_parameter', field: name });
      expect(error.message).toContain(`unknown parameter; accepted: ${FEED_PARAMETERS}`);
    }
  });

  it('refuses an exclusion naming no catalogue agent, which would exclude nothing; a misspelt agent finds nothing', async () => {
    const error = await refusal('exclude_agent=security-watch,onchain_watch');
    expect(error).toMatchObject({ field: 'exclude_agent' });
    expect(error.message).toContain('"onchain_watch" is not an agent (GET /api/v1/agents lists them)');
    expect(await feed('agent=security_watch')).toEqual([]);
  });

  it('names every allowed value when a list value is not one of them', async () => {
    const cases: Array<[string, string, string]> = [
      ['type=news,telegram', 'type', 'twitter, news, exchange, onchain'],
      ['sentiment=angry', 'sentiment', 'bullish, bearish, neutral'],
      [
        'event=rugpull',
        'event',
        'listing, delisting, hack, regulation, partnership, funding, token_unlock, airdrop, macro, other',
      ],
    ];
    for (const [query, field, allowed] of cases) {
      const error = await refusal(query);
      expect(error.field).toBe(field);
      expect(error.message).toContain(allowed);
    }
    for (const [query, field] of [
      ['min_value=101', 'min_value'],
      ['min_value=high', 'min_value'],
      ['since=2025-02-30', 'since'],
      ['until=1999-12-30', 'until'],
      ['agent=Not%20An%20Agent', 'agent'],
      ['exclude_agent=Not%20An%20Agent', 'exclude_agent'],
      ['token=,', 'token'],
      ['since=2025-06-12&until=2025-06-11', 'since'],
    ]) {
      expect((await refusal(query!)).field, query).toBe(field);
    }
  });

  it('answers token/info for a coin name with that coin, not a meme coin sharing the word as its ticker', async () => {
    const response = await http(`${gateway.url}/api/v1/intelligence/token/info?symbol=bitcoin`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ symbol: 'BTC', name: 'Bitcoin' });
  });

  it('refuses an unknown token/info parameter, as the feed does, rather than answering without it', async () => {
    const response = await http(`${gateway.url}/api/v1/intelligence/token/info?symbol=tether&foo=1`);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_parameter', field: 'foo' });
    expect(response.body.error.message).toContain('unknown parameter; accepted: symbol, address, chain');
  });
});
