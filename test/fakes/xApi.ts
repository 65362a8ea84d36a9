import { jsonAnswer, startLocalServer, type LocalServer } from './localServer.ts';

/**
 * X API v2 `GET /2/tweets/search/recent` as documented: bearer auth, newest
 * first, `since_id`, `max_results` (10..100), `pagination_token`, the
 * `author_id` expansion into `includes.users`, and its problem-JSON errors.
 */

export interface FakeTweet {
  id: string;
  text: string;
  created_at: string;
  author: { id: string; username: string; name: string };
}

export interface FakeX extends LocalServer {
  tweets: FakeTweet[];
  /** The bearer tokens accepted: add the new one and delete the old one to rotate it. */
  tokens: Set<string>;
  /** Adds tweets (any order); they are served newest (largest id) first. */
  post(...tweets: FakeTweet[]): void;
}

const newestFirst = (a: FakeTweet, b: FakeTweet) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1);

export async function startFakeX(bearerToken: string): Promise<FakeX> {
  const tweets: FakeTweet[] = [];
  const tokens = new Set([bearerToken]);
  const server = await startLocalServer(({ path, query, headers }) => {
    if (![...tokens].some((token) => headers.authorization === `Bearer ${token}`)) {
      return jsonAnswer(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    }
    if (path !== '/2/tweets/search/recent')
      return jsonAnswer(404, {
        title: 'Not Found Error',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
        detail: 'Not found',
      });
    const max = Number(query.get('max_results') ?? 10);
    if (!query.get('query') || !(max >= 10 && max <= 100)) {
      return jsonAnswer(400, {
        errors: [
          {
            parameters: { max_results: [String(max)] },
            message: 'The `max_results` query parameter value is not between 10 and 100',
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    }
    const sinceId = query.get('since_id');
    const matching = tweets.filter((t) => !sinceId || BigInt(t.id) > BigInt(sinceId)).sort(newestFirst);
    const from = Number(query.get('pagination_token')?.replace('page-', '') ?? 0);
    const page = matching.slice(from, from + max);
    if (!page.length) return jsonAnswer(200, { meta: { result_count: 0 } });
    const users = [
      ...new Map(
        page.map((t) => [t.author.id, { id: t.author.id, name: t.author.name, username: t.author.username }]),
      ).values(),
    ];
    return jsonAnswer(
      200,
      {
        data: page.map((t) => ({
          id: t.id,
          text: t.text,
          created_at: t.created_at,
          author_id: t.author.id,
          edit_history_tweet_ids: [t.id],
        })),
        includes: { users },
        meta: {
          newest_id: page[0]!.id,
          oldest_id: page.at(-1)!.id,
          result_count: page.length,
          ...(from + max < matching.length && { next_token: `page-${from + max}` }),
        },
      },
      {
        'x-rate-limit-limit': '450',
        'x-rate-limit-remaining': '449',
        'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900),
      },
    );
  });
  return { ...server, tweets, tokens, post: (...added) => void tweets.push(...added) };
}
