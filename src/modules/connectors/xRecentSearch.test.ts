import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeX, type FakeTweet, type FakeX } from '../../../test/fakes/xApi.ts';
import { testHttp } from '../../../test/agents/sourceHttp.ts';
import { createXConnector } from './xRecentSearch.ts';
import { HttpStatusError } from '../../core/outbound/errors.ts';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAtest-bearer';
const whale = { id: '1334200897081987072', username: 'lookonchain', name: 'Lookonchain' };
const tweet = (id: bigint, text = `A whale withdrew ${id % 1000n} $ETH from Binance`): FakeTweet => ({
  id: String(id),
  text,
  created_at: new Date(Date.UTC(2026, 0, 1) + Number(id % 100_000n) * 1000).toISOString(),
  author: whale,
});
const BASE = 1_870_000_000_000_000_000n;

describe('X recent search connector', () => {
  let x: FakeX;
  beforeAll(async () => {
    x = await startFakeX(TOKEN);
  });
  afterAll(() => x.close());

  const connector = (maxResults = 10) =>
    createXConnector({
      id: 'mentions:x',
      intervalMs: 30_000,
      http: testHttp(),
      bearerToken: () => TOKEN,
      baseUrl: x.url,
      query: '$ETH -is:retweet',
      maxResults,
    });

  it('asks with the bearer token, expansions and fields, and names the author', async () => {
    x.post(tweet(BASE + 1n), tweet(BASE + 2n));
    const { posts, cursor } = await connector().poll(null);
    const request = x.requests.at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.fromEntries(request.query)).toEqual({
      query: '$ETH -is:retweet',
      max_results: '10',
      'tweet.fields': 'created_at,author_id',
      expansions: 'author_id',
      'user.fields': 'username',
    });
    expect(posts[0]).toEqual({
      source: {
        kind: 'twitter',
        name: 'X',
        author: '@lookonchain',
        url: `https://x.com/lookonchain/status/${BASE + 2n}`,
      },
      external_id: `x:${BASE + 2n}`,
      text: `A whale withdrew 2 $ETH from Binance`,
      published_at: tweet(BASE + 2n).created_at,
    });
    expect(cursor).toEqual({ since_id: String(BASE + 2n) });
  });

  it('walks a backlog page by page and moves since_id only after the last page', async () => {
    const search = connector();
    let { cursor } = await search.poll(null);
    x.post(...Array.from({ length: 25 }, (_, i) => tweet(BASE + 100n + BigInt(i))));
    const seen: string[] = [];
    const cursors = [];
    for (let i = 0; i < 3; i++) {
      const batch = await search.poll(cursor);
      seen.push(...batch.posts.map((p) => p.external_id));
      cursor = batch.cursor;
      cursors.push(cursor);
    }
    expect(new Set(seen).size).toBe(25);
    expect(cursors[0]).toEqual({ since_id: String(BASE + 2n), next_token: 'page-10', newest_id: String(BASE + 124n) });
    expect(cursors[2]).toEqual({ since_id: String(BASE + 124n) });
    expect((await search.poll(cursor)).posts).toEqual([]);
  });

  it('keeps the cursor when nothing is new', async () => {
    const { posts, cursor } = await connector().poll({ since_id: String(BASE + 999_999n) });
    expect(posts).toEqual([]);
    expect(cursor).toEqual({ since_id: String(BASE + 999_999n) });
  });

  it('skips a malformed tweet with its reason and keeps the others', async () => {
    x.tweets.length = 0;
    x.post(tweet(BASE + 5_000n), { ...tweet(BASE + 5_001n), created_at: 'not a date' });
    const { posts, skipped } = await connector().poll({ since_id: String(BASE + 4_999n) });
    expect(posts.map((p) => p.external_id)).toEqual([`x:${BASE + 5_000n}`]);
    expect(skipped).toEqual([{ entry: String(BASE + 5_001n), reason: expect.stringMatching(/^created_at: /) }]);
  });

  it('reports a rejected token and a rate limit with its reset time', async () => {
    const wrong = createXConnector({
      id: 'x',
      intervalMs: 1,
      http: testHttp(),
      bearerToken: () => 'nope',
      baseUrl: x.url,
      query: 'btc',
    });
    await expect(wrong.poll(null)).rejects.toMatchObject({ status: 401 });
    x.failNext({
      status: 429,
      body: '{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}',
      headers: { 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 60) },
    });
    const error = await connector()
      .poll(null)
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).retryAfterMs).toBeGreaterThan(50_000);
  });
});
