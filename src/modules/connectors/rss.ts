import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { HttpClient } from '../../core/outbound/httpClient.ts';
import type { Connector, RawPost, SkippedEntry } from './types.ts';
import { advance, isAfter, watermarkSchema } from './watermark.ts';
import { feedEntries, type FeedEntry } from './rssEntries.ts';

/** One watermark per feed URL, so feeds advance independently. */
const cursorSchema = z.record(z.string(), watermarkSchema);
type RssCursor = z.infer<typeof cursorSchema>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
});

const FEED_TYPES = 'application/rss+xml, application/atom+xml, application/xml, text/xml, */*';

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds from any list of URLs. A feed that is
 * unreachable or not a feed is a skip for this poll (its mark stays where it
 * was); the poll fails only when every feed does.
 */
export function createRssConnector(options: {
  id: string;
  intervalMs: number;
  http: HttpClient;
  urls: string[];
}): Connector<RssCursor> {
  async function readFeed(
    url: string,
    signal?: AbortSignal,
  ): Promise<{ title: string; entries: FeedEntry[]; skipped: SkippedEntry[] }> {
    const feed = await options.http.text(url, { signal, headers: { accept: FEED_TYPES } });
    return feedEntries(parser.parse(feed) as Record<string, unknown>, url);
  }

  return {
    id: options.id,
    intervalMs: options.intervalMs,
    cursorSchema,
    async poll(cursor, signal) {
      const next: RssCursor = { ...cursor };
      const posts: RawPost[] = [];
      const skipped: SkippedEntry[] = [];
      let failures = 0;
      for (const url of options.urls) {
        let feed: Awaited<ReturnType<typeof readFeed>>;
        try {
          feed = await readFeed(url, signal);
        } catch (err) {
          failures++;
          skipped.push({ entry: url, reason: `feed unavailable: ${(err as Error).message}` });
          continue;
        }
        skipped.push(...feed.skipped);
        const fresh = feed.entries.filter((e) => isAfter(next[url], { at: e.publishedAt, id: e.id }));
        const mark = advance(
          next[url],
          fresh.map((e) => ({ at: e.publishedAt, id: e.id })),
        );
        if (mark) next[url] = mark;
        for (const e of fresh) {
          posts.push({
            source: { kind: 'news', name: feed.title, url: e.link, author: e.author },
            external_id: `rss:${e.id}`,
            title: e.title,
            text: e.text,
            published_at: new Date(e.publishedAt).toISOString(),
          });
        }
      }
      if (options.urls.length && failures === options.urls.length)
        throw new Error(`all ${failures} feed(s) unavailable: ${skipped.at(-1)?.reason}`);
      return { posts, skipped, cursor: next };
    },
  };
}
