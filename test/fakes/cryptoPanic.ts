import { jsonAnswer, startLocalServer, type LocalServer } from './localServer.ts';

/**
 * CryptoPanic's posts API (`/api/v1/posts/?auth_token=…&public=true`):
 * newest first, 20 per page with absolute `next` links, `auth_token` checked.
 */

export interface FakePanicPost {
  id: number;
  title: string;
  published_at: string;
  source: { title: string; domain: string };
  currencies?: string[];
  description?: string;
}

export interface FakeCryptoPanic extends LocalServer {
  /** Base URL including `/api/v1`, ready for CRYPTOPANIC_BASE_URL. */
  baseUrl: string;
  /** The auth tokens accepted: add the new one and delete the old one to rotate it. */
  tokens: Set<string>;
  post(...posts: FakePanicPost[]): void;
  /** Adds an entry exactly as given (to serve a malformed one). */
  postRaw(entry: Record<string, unknown>): void;
}

const PAGE_SIZE = 20;

function wire(post: FakePanicPost) {
  const slug = post.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    kind: 'news',
    domain: post.source.domain,
    source: { title: post.source.title, region: 'en', domain: post.source.domain, path: null },
    title: post.title,
    description: post.description ?? null,
    published_at: post.published_at,
    slug,
    currencies: (post.currencies ?? []).map((code) => ({
      code,
      title: code,
      slug: code.toLowerCase(),
      url: `https://cryptopanic.com/news/${code.toLowerCase()}/`,
    })),
    id: post.id,
    url: `https://cryptopanic.com/news/${post.id}/${slug}`,
    created_at: post.published_at,
    votes: { negative: 0, positive: 3, important: 1, liked: 2, disliked: 0, lol: 0, toxic: 0, saved: 1, comments: 0 },
  };
}

export async function startFakeCryptoPanic(token: string): Promise<FakeCryptoPanic> {
  const entries: Array<Record<string, unknown>> = [];
  const tokens = new Set([token]);
  let base = '';
  const server = await startLocalServer(({ path, query }) => {
    if (path !== '/api/v1/posts/') return jsonAnswer(404, { detail: 'Not found.' });
    if (!tokens.has(query.get('auth_token') ?? ''))
      return jsonAnswer(401, { status: 'Incomplete', info: 'Invalid auth_token' });
    const sorted = [...entries].sort((a, b) => String(b.published_at).localeCompare(String(a.published_at)));
    const page = Number(query.get('page') ?? 1);
    const results = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const link = (n: number) => {
      const next = new URLSearchParams(query);
      next.set('page', String(n));
      return `${base}/posts/?${next}`;
    };
    return jsonAnswer(200, {
      count: sorted.length,
      next: page * PAGE_SIZE < sorted.length ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results,
    });
  });
  base = `${server.url}/api/v1`;
  return {
    ...server,
    baseUrl: base,
    tokens,
    post: (...posts) => void entries.push(...posts.map(wire)),
    postRaw: (entry) => void entries.push(entry),
  };
}
