import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  atomDocument,
  rssDocument,
  startFakeFeeds,
  type FakeFeeds,
  type FeedStory,
} from '../../../test/fakes/newsFeeds.ts';
import { testHttp } from '../../../test/agents/sourceHttp.ts';
import { createRssConnector } from './rss.ts';

const story = (n: number, minutes: number, extra: Partial<FeedStory> = {}): FeedStory => ({
  guid: `https://news.example.com/?p=${n}`,
  title: `Bitcoin &amp; ETH story ${n}`,
  link: `https://news.example.com/markets/2026/01/01/story-${n}/`,
  html: `<p>Story <strong>${n}</strong>: BTC rallied &#8212; traders cheered.</p>`,
  author: 'Jane Doe',
  published: new Date(Date.UTC(2026, 0, 1, 12, minutes)),
  ...extra,
});

describe('RSS/Atom connector', () => {
  let feeds: FakeFeeds;
  beforeAll(async () => {
    feeds = await startFakeFeeds();
  });
  afterAll(() => feeds.close());

  const connector = (...paths: string[]) =>
    createRssConnector({
      id: 'radar:rss',
      intervalMs: 60_000,
      http: testHttp(),
      urls: paths.map((p) => `${feeds.url}${p}`),
    });

  it('reads RSS 2.0 items as posts', async () => {
    feeds.set('/coindesk.xml', rssDocument('CoinDesk: Bitcoin, Ethereum, Crypto News', [story(2, 5), story(1, 0)]));
    const { posts, skipped } = await connector('/coindesk.xml').poll(null);
    expect(skipped).toEqual([]);
    expect(posts[0]).toEqual({
      source: {
        kind: 'news',
        name: 'CoinDesk: Bitcoin, Ethereum, Crypto News',
        url: 'https://news.example.com/markets/2026/01/01/story-2/',
        author: 'Jane Doe',
      },
      external_id: 'rss:https://news.example.com/?p=2',
      title: 'Bitcoin & ETH story 2',
      text: 'Story 2 : BTC rallied — traders cheered.',
      published_at: '2026-01-01T12:05:00.000Z',
    });
  });

  it('reads Atom entries, taking the alternate link and the author name', async () => {
    feeds.set('/atom.xml', atomDocument('Rekt', [story(7, 3, { author: 'rekt' })]));
    const { posts } = await connector('/atom.xml').poll(null);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      source: { name: 'Rekt', url: 'https://news.example.com/markets/2026/01/01/story-7/', author: 'rekt' },
      published_at: '2026-01-01T12:03:00.000Z',
    });
  });

  it('takes only new stories on the next poll, including one sharing the newest timestamp', async () => {
    const rss = connector('/moving.xml');
    feeds.set('/moving.xml', rssDocument('Moving', [story(2, 5), story(1, 0)]));
    const first = await rss.poll(null);
    feeds.set('/moving.xml', rssDocument('Moving', [story(4, 9), story(3, 5), story(2, 5), story(1, 0)]));
    const second = await rss.poll(first.cursor);
    expect(second.posts.map((p) => p.external_id)).toEqual([
      'rss:https://news.example.com/?p=4',
      'rss:https://news.example.com/?p=3',
    ]);
    expect((await rss.poll(second.cursor)).posts).toEqual([]);
  });

  it('skips an entry without a usable date, with the reason, and keeps the rest', async () => {
    feeds.set(
      '/broken.xml',
      rssDocument('Broken', [
        story(10, 1, { published: 'yesterday-ish' }),
        story(11, 2, { published: undefined }),
        story(12, 3),
      ]),
    );
    const { posts, skipped } = await connector('/broken.xml').poll(null);
    expect(posts.map((p) => p.external_id)).toEqual(['rss:https://news.example.com/?p=12']);
    expect(skipped).toEqual([
      { entry: `${feeds.url}/broken.xml entry #0`, reason: 'pubDate: not a date: yesterday-ish' },
      { entry: `${feeds.url}/broken.xml entry #1 (https://news.example.com/?p=11)`, reason: 'no publication date' },
    ]);
  });

  it('treats one unreachable feed as a skip, and fails only when every feed is down', async () => {
    feeds.set('/ok.xml', rssDocument('OK', [story(20, 0)]));
    const { posts, skipped, cursor } = await connector('/ok.xml', '/missing.xml').poll(null);
    expect(posts).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ entry: `${feeds.url}/missing.xml`, reason: expect.stringContaining('404') });
    expect(Object.keys(cursor)).toEqual([`${feeds.url}/ok.xml`]);
    await expect(connector('/missing.xml').poll(null)).rejects.toThrow(/all 1 feed/);
  });

  it('rejects a document that is not a feed', async () => {
    feeds.set('/page.xml', '<html><body>hello</body></html>');
    await expect(connector('/page.xml').poll(null)).rejects.toThrow(/not an RSS or Atom/);
  });
});
