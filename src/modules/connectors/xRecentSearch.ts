import { z } from 'zod';
import type { HttpClient } from '../../core/outbound/httpClient.ts';
import type { Connector, RawPost } from './types.ts';
import { entryLabel, parseEntries } from './entries.ts';

/**
 * X API v2 recent search. `since_id` is the newest tweet stored; while a
 * backlog spans several pages, the cursor also carries the page token and the
 * newest id seen, and `since_id` moves only once the last page is stored.
 */
const cursorSchema = z.object({
  since_id: z.string().regex(/^\d+$/).optional(),
  next_token: z.string().optional(),
  newest_id: z.string().regex(/^\d+$/).optional(),
});
type XCursor = z.infer<typeof cursorSchema>;

const tweetSchema = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string().min(1),
  created_at: z.iso.datetime({ offset: true }),
  author_id: z.string().optional(),
});

const responseSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z
    .object({
      users: z.array(z.object({ id: z.string(), username: z.string(), name: z.string().optional() })).optional(),
    })
    .optional(),
  meta: z.object({ newest_id: z.string().optional(), next_token: z.string().optional(), result_count: z.number() }),
});

export function createXConnector(options: {
  id: string;
  intervalMs: number;
  http: HttpClient;
  baseUrl: string;
  /** Read for every request, so a rotated token (the secrets store's `x`) goes with the next one. */
  bearerToken: () => string;
  query: string;
  maxResults?: number;
}): Connector<XCursor> {
  return {
    id: options.id,
    intervalMs: options.intervalMs,
    cursorSchema,
    async poll(cursor, signal) {
      const url = new URL(`${options.baseUrl.replace(/\/$/, '')}/2/tweets/search/recent`);
      url.searchParams.set('query', options.query);
      url.searchParams.set('max_results', String(options.maxResults ?? 100));
      url.searchParams.set('tweet.fields', 'created_at,author_id');
      url.searchParams.set('expansions', 'author_id');
      url.searchParams.set('user.fields', 'username');
      if (cursor?.since_id) url.searchParams.set('since_id', cursor.since_id);
      if (cursor?.next_token) url.searchParams.set('pagination_token', cursor.next_token);

      const authorization = `Bearer ${options.bearerToken()}`;
      const body = responseSchema.safeParse(await options.http.json(url.href, { signal, headers: { authorization } }));
      if (!body.success) throw new Error(`X answered an unexpected shape: ${body.error.issues[0]?.message}`);
      const { data = [], includes, meta } = body.data;
      const users = new Map((includes?.users ?? []).map((u) => [u.id, u.username]));
      const { valid, skipped } = parseEntries(data, tweetSchema, entryLabel);
      const posts: RawPost[] = valid.map((tweet) => {
        const username = tweet.author_id ? users.get(tweet.author_id) : undefined;
        return {
          source: {
            kind: 'twitter',
            name: 'X',
            author: username ? `@${username}` : null,
            url: `https://x.com/${username ?? 'i/web'}/status/${tweet.id}`,
          },
          external_id: `x:${tweet.id}`,
          text: tweet.text,
          published_at: tweet.created_at,
        };
      });

      const newest = cursor?.newest_id ?? meta.newest_id;
      // On the first poll there is no backlog to walk: start from the newest tweet.
      const next: XCursor =
        cursor?.since_id && meta.next_token
          ? { since_id: cursor.since_id, next_token: meta.next_token, newest_id: newest }
          : { since_id: newest ?? cursor?.since_id };
      return { posts, skipped, cursor: next };
    },
  };
}
