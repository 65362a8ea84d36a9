import { z } from 'zod';
import { httpUrlSchema } from '../../core/httpUrl.ts';
import type { HttpClient } from '../../core/outbound/httpClient.ts';
import type { Connector, RawPost } from './types.ts';
import { entryLabel, parseEntries } from './entries.ts';
import { advance, isAfter, watermarkSchema } from './watermark.ts';
import { htmlToText } from './htmlText.ts';

const cursorSchema = watermarkSchema;
type CryptoPanicCursor = z.infer<typeof cursorSchema>;

const postSchema = z.object({
  id: z.number().int(),
  kind: z.string().optional(),
  title: z.string().min(1),
  description: z.string().nullish(),
  published_at: z.iso.datetime({ offset: true }),
  url: httpUrlSchema.nullish(),
  original_url: httpUrlSchema.nullish(),
  domain: z.string().nullish(),
  source: z.object({ title: z.string().nullish(), domain: z.string().nullish() }).nullish(),
});

const responseSchema = z.object({ results: z.array(z.unknown()), next: z.string().nullish() });

/** Pages walked per poll while every entry on a page is new (a backlog after downtime). */
const MAX_PAGES = 5;

/** CryptoPanic posts API (`/posts/?auth_token=…&public=true`), newest first. */
export function createCryptoPanicConnector(options: {
  id: string;
  intervalMs: number;
  http: HttpClient;
  baseUrl: string;
  /** Read for every poll, so a rotated token (the secrets store's `cryptopanic`) goes with the next one. */
  token: () => string;
  filter?: string;
  currencies?: string;
}): Connector<CryptoPanicCursor> {
  const firstPage = () => {
    const url = new URL(`${options.baseUrl.replace(/\/$/, '')}/posts/`);
    url.searchParams.set('auth_token', options.token());
    url.searchParams.set('public', 'true');
    if (options.filter) url.searchParams.set('filter', options.filter);
    if (options.currencies) url.searchParams.set('currencies', options.currencies);
    return url.href;
  };

  return {
    id: options.id,
    intervalMs: options.intervalMs,
    cursorSchema,
    async poll(cursor, signal) {
      const posts: RawPost[] = [];
      const skipped = [];
      let stamps: Array<{ at: number; id: string }> = [];
      let page: string | null | undefined = firstPage();
      for (let n = 0; page && n < MAX_PAGES; n++) {
        const body = responseSchema.safeParse(await options.http.json(page, { signal }));
        if (!body.success)
          throw new Error(`CryptoPanic answered an unexpected shape: ${body.error.issues[0]?.message}`);
        const parsed = parseEntries(body.data.results, postSchema, entryLabel);
        skipped.push(...parsed.skipped);
        const fresh = parsed.valid.filter((p) =>
          isAfter(cursor ?? undefined, { at: Date.parse(p.published_at), id: String(p.id) }),
        );
        for (const p of fresh) {
          // Titles can carry markup (CryptoPanic colours price moves with <span>s).
          const title = htmlToText(p.title);
          posts.push({
            source: {
              kind: 'news',
              name: p.source?.title ?? p.domain ?? 'CryptoPanic',
              url: p.original_url ?? p.url ?? null,
            },
            external_id: `cryptopanic:${p.id}`,
            title,
            text: htmlToText(p.description ?? '') || title,
            published_at: p.published_at,
          });
        }
        stamps = stamps.concat(fresh.map((p) => ({ at: Date.parse(p.published_at), id: String(p.id) })));
        // The first poll starts from the head; later ones page back only while a page is entirely new.
        page = cursor && fresh.length === parsed.valid.length ? body.data.next : null;
      }
      return { posts, skipped, cursor: advance(cursor ?? undefined, stamps) ?? cursor ?? { at: 0, ids: [] } };
    },
  };
}
