import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../support/context.ts';
import type { AppContext } from '../../src/core/context.ts';
import { startFakeFeeds, rssDocument, type FakeFeeds, type FeedStory } from '../fakes/newsFeeds.ts';
import { startFakeX, type FakeX } from '../fakes/xApi.ts';
import { startFakeCryptoPanic, type FakeCryptoPanic } from '../fakes/cryptoPanic.ts';
import { startFakeBinance, type FakeBinance } from '../fakes/binanceCms.ts';
import { createOverrideStore } from '../../src/modules/agents/overrides.ts';
import { feedQuerySchema, type FeedPage } from '../../src/modules/intelligence/schemas.ts';
import type { AlphaNest } from '../../src/platform.ts';
import { capturingLogger, startNode } from './agentNode.ts';

const BEARER = 'AAAAAAAAAAAAAAAAAAAAAfake';
const PANIC = 'panic-token';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

const rssStory = (
  n: number,
  title: string,
  html: string,
  link = `https://www.coindesk.com/markets/2026/01/0${n}/story-${n}/`,
): FeedStory => ({
  guid: `coindesk-${n}`,
  title,
  link,
  html: `<p>${html}</p>`,
  author: 'Omkar Godbole',
  published: minutesAgo(60 - n),
});

async function agentItems(platform: AlphaNest, agent: string) {
  return (
    JSON.parse(await platform.intelligence.service.feedPage(feedQuerySchema.parse({ agent, size: '100' }))) as FeedPage
  ).items;
}

describe('agents on live sources (local fakes, PostgreSQL)', () => {
  let ctx: AppContext;
  let feeds: FakeFeeds;
  let x: FakeX;
  let panic: FakeCryptoPanic;
  let binance: FakeBinance;

  beforeAll(async () => {
    [feeds, x, panic, binance] = await Promise.all([
      startFakeFeeds(),
      startFakeX(BEARER),
      startFakeCryptoPanic(PANIC),
      startFakeBinance(),
    ]);
    ctx = await createTestContext({
      backend: 'postgres',
      env: {
        AGENT_SOURCES: 'live',
        RSS_FEEDS: `${feeds.url}/coindesk.xml`,
        X_API_BASE_URL: x.url,
        X_BEARER_TOKEN: BEARER,
        CRYPTOPANIC_BASE_URL: panic.baseUrl,
        CRYPTOPANIC_TOKEN: PANIC,
        BINANCE_CMS_BASE_URL: binance.url,
      },
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await Promise.all([feeds, x, panic, binance].map((fake) => fake?.close()));
  });

  it('the listing hunter stores analysed exchange listings under its own id', async () => {
    binance.publish(48, {
      id: 250101,
      code: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      title: 'Binance Will List Jupiter (JUP) with Seed Tag Applied',
      releaseDate: minutesAgo(5).getTime(),
    });
    binance.publish(161, {
      id: 250102,
      code: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      title: 'Binance Will Delist FTT, BETA and UNFI on 2026-02-01',
      releaseDate: minutesAgo(4).getTime(),
    });
    const node = await startNode(ctx.config);
    const reports = await node.platform.agents.runOnce('listing-hunter');
    const items = await agentItems(node.platform, 'listing-hunter');
    await node.close();

    expect(reports).toEqual([
      {
        connector: 'listing-hunter:binance',
        fetched: 2,
        skipped: 0,
        delivered: expect.objectContaining({ created: 2 }),
      },
    ]);
    expect(items.map((i) => [i.type, i.event?.type, i.source.name, i.agent_id])).toEqual([
      ['exchange', 'delisting', 'Binance Announcements', 'listing-hunter'],
      ['exchange', 'listing', 'Binance Announcements', 'listing-hunter'],
    ]);
    expect(items[1]!.tokens.map((t) => t.symbol)).toContain('JUP');
  });

  it('the news radar reads feeds, CryptoPanic and X, keeps strong sentiment and skips malformed posts with a reason', async () => {
    feeds.set(
      '/coindesk.xml',
      rssDocument('CoinDesk', [
        rssStory(
          1,
          'Bitcoin soars to a record high as ETF inflows surge',
          'Bitcoin rallied to an all-time high, with record inflows into spot ETFs and bullish traders piling in.',
        ),
        rssStory(
          2,
          'Bitcoin trading volume was unchanged over the weekend',
          'Bitcoin trading volume was unchanged over the weekend.',
        ),
        rssStory(
          3,
          'Solana crashes after a massive exploit drains a bridge',
          'Solana plunged as hackers drained the bridge; panic selling followed.',
          'not a link',
        ),
      ]),
    );
    panic.post({
      id: 9001,
      title: 'SEC sues major exchange, crypto market plunges',
      published_at: minutesAgo(3).toISOString(),
      source: { title: 'Reuters', domain: 'reuters.com' },
      currencies: ['BTC'],
    });
    x.post(
      {
        id: '1880000000000000001',
        text: 'Massive short squeeze: $ETH explodes higher, bulls are euphoric and the rally looks unstoppable',
        created_at: minutesAgo(2).toISOString(),
        author: { id: '42', username: 'WuBlockchain', name: 'Wu Blockchain' },
      },
      {
        id: '1880000000000000002',
        text: 'broken tweet',
        created_at: 'yesterday',
        author: { id: '42', username: 'WuBlockchain', name: 'Wu Blockchain' },
      },
    );
    const { logger, lines } = capturingLogger();
    const node = await startNode(ctx.config, logger);
    const reports = await node.platform.agents.runOnce('news-sentiment-radar');
    const items = await agentItems(node.platform, 'news-sentiment-radar');
    await node.close();

    expect(reports.map((r) => r.connector)).toEqual([
      'news-sentiment-radar:rss',
      'news-sentiment-radar:cryptopanic',
      'news-sentiment-radar:x',
    ]);
    expect(reports[0]).toMatchObject({ fetched: 3, delivered: { skipped: 1, filtered: 1, created: 1 } });
    expect(reports[2]).toMatchObject({ fetched: 1, skipped: 1 });
    expect(items.map((i) => i.title).sort()).toEqual([
      'Bitcoin soars to a record high as ETF inflows surge',
      'Massive short squeeze: $ETH explodes higher, bulls are euphoric and the rally looks unstoppable',
      'SEC sues major exchange, crypto market plunges',
    ]);
    for (const item of items) expect(Math.abs(item.sentiment.score)).toBeGreaterThanOrEqual(0.35);
    expect(lines).toContainEqual(
      expect.objectContaining({
        agent: 'news-sentiment-radar',
        entry: 'rss:coindesk-3',
        reason: expect.stringMatching(/^source\.url: /),
        msg: 'skipped a post',
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        connector: 'news-sentiment-radar:x',
        entry: '1880000000000000002',
        reason: expect.stringMatching(/^created_at: /),
      }),
    );
  });

  it('resumes every source from its persisted cursor after a restart, and applies stored overrides', async () => {
    await createOverrideStore(ctx.db).set('news-sentiment-radar', { thresholds: { min_abs_sentiment: 0 } });
    const node = await startNode(ctx.config);
    const quiet = await node.platform.agents.runOnce('news-sentiment-radar');
    expect(quiet.map((r) => ('fetched' in r ? r.fetched : r.error))).toEqual([0, 0, 0]);

    panic.post({
      id: 9002,
      title: 'Ethereum Foundation publishes its quarterly report',
      published_at: new Date().toISOString(),
      source: { title: 'Blockworks', domain: 'blockworks.co' },
    });
    const [, cryptopanic] = await node.platform.agents.runOnce('news-sentiment-radar');
    const items = await agentItems(node.platform, 'news-sentiment-radar');
    await node.close();
    expect(cryptopanic).toMatchObject({ fetched: 1, delivered: { created: 1, filtered: 0 } });
    expect(items.map((i) => i.title)).toContain('Ethereum Foundation publishes its quarterly report');
  });
});
