import { z } from 'zod';
import type { HttpClient } from '../../core/outbound/httpClient.ts';
import type { Connector, RawPost, SkippedEntry } from './types.ts';
import { entryLabel, parseEntries } from './entries.ts';
import { advance, isAfter, watermarkSchema } from './watermark.ts';

/** Binance's announcement catalogues: what agents name them in config, and Binance's ids. */
const binanceCatalogs = { listing: 48, delisting: 161 } as const;
export type BinanceCatalog = keyof typeof binanceCatalogs;

/** One watermark per catalogue id. */
const cursorSchema = z.record(z.string(), watermarkSchema);
type BinanceCursor = z.infer<typeof cursorSchema>;

const articleSchema = z.object({
  id: z.number().int(),
  code: z.string().regex(/^[0-9a-f]{16,64}$/),
  title: z.string().min(1),
  releaseDate: z.number().int().positive(),
});

const responseSchema = z.object({
  code: z.literal('000000'),
  success: z.literal(true),
  data: z.object({
    catalogs: z.array(z.object({ catalogId: z.number(), catalogName: z.string(), articles: z.array(z.unknown()) })),
  }),
});

/** Binance's public CMS article list (the feed behind binance.com/en/support/announcement). */
export function createBinanceConnector(options: {
  id: string;
  intervalMs: number;
  http: HttpClient;
  baseUrl: string;
  catalogs: BinanceCatalog[];
}): Connector<BinanceCursor> {
  return {
    id: options.id,
    intervalMs: options.intervalMs,
    cursorSchema,
    async poll(cursor, signal) {
      const next: BinanceCursor = { ...cursor };
      const posts: RawPost[] = [];
      const skipped: SkippedEntry[] = [];
      for (const catalog of options.catalogs) {
        const catalogId = String(binanceCatalogs[catalog]);
        const url = `${options.baseUrl.replace(/\/$/, '')}/bapi/composite/v1/public/cms/article/list/query?type=1&catalogId=${catalogId}&pageNo=1&pageSize=20`;
        const body = responseSchema.safeParse(await options.http.json(url, { signal }));
        if (!body.success) throw new Error(`Binance answered an unexpected shape: ${body.error.issues[0]?.message}`);
        for (const section of body.data.data.catalogs) {
          const parsed = parseEntries(section.articles, articleSchema, entryLabel);
          skipped.push(...parsed.skipped);
          const fresh = parsed.valid.filter((a) => isAfter(next[catalogId], { at: a.releaseDate, id: String(a.id) }));
          const mark = advance(
            next[catalogId],
            fresh.map((a) => ({ at: a.releaseDate, id: String(a.id) })),
          );
          if (mark) next[catalogId] = mark;
          for (const article of fresh) {
            posts.push({
              source: {
                kind: 'exchange',
                name: 'Binance Announcements',
                url: `https://www.binance.com/en/support/announcement/${article.code}`,
              },
              external_id: `binance:${article.id}`,
              title: article.title,
              // The list API carries no body; the title is the announcement.
              text: article.title,
              published_at: new Date(article.releaseDate).toISOString(),
            });
          }
        }
      }
      return { posts, skipped, cursor: next };
    },
  };
}
