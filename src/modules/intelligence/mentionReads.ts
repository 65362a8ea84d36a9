import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import { isOnchainAlert } from './onchainAlert.ts';
import { textArray } from './sqlArrays.ts';

/** Counts for one token over the current window and the baseline windows before it. */
export interface TokenWindowCounts {
  token: string;
  current: number;
  baseline: number;
  firstInWindow: Date;
}

export interface Evidence {
  id: string;
  title: string;
  type: string;
  source: string;
  valueScore: number;
  publishedAt: Date;
}

interface MentionSummary {
  total: number;
  sentiment: number | null;
  byType: Record<string, number>;
  /** Mentions per bucket, oldest first (empty buckets included). */
  series: number[];
}

/**
 * Read-only queries over intelligence_items for OSINT, owned here and exported: token mentions counted
 * through the `token_keys` GIN index. Only symbol keys count, so an item that
 * names a token by symbol and address is one mention, not two.
 */
export interface MentionReads {
  /**
   * Mentions in [windowStart, to) and in the baseline [from, windowStart), of tokens mentioned at least
   * `minCurrent` times in the window. `withoutAlerts` leaves the on-chain agent's scam-token alerts out:
   * a market's mentions, not the tokens deployed on its chains.
   */
  windowCounts(
    from: Date,
    windowStart: Date,
    to: Date,
    minCurrent: number,
    options?: { withoutAlerts?: boolean },
  ): Promise<TokenWindowCounts[]>;
  /** Which of the tokens appear in any item published before `before` (`withoutAlerts` as in `windowCounts`). */
  seenBefore(tokens: string[], before: Date, options?: { withoutAlerts?: boolean }): Promise<Set<string>>;
  /** The highest-value items mentioning each token in [from, to), `perToken` each (`withoutAlerts` as in `windowCounts`). */
  evidence(
    tokens: string[],
    from: Date,
    to: Date,
    perToken: number,
    options?: { withoutAlerts?: boolean },
  ): Promise<Map<string, Evidence[]>>;
  summary(token: string, from: Date, to: Date, buckets: number): Promise<MentionSummary>;
  /** First and last mention ever. */
  span(token: string): Promise<{ first: Date; last: Date } | null>;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const SYMBOL_KEY: SQL = sql`k !~ '^0x[0-9a-f]{40}$' AND length(k) < 32`;
/** `AND` the item is no on-chain alert, when alerts are left out. */
const alertsLeftOut = (withoutAlerts: boolean) => (withoutAlerts ? sql`AND NOT ${isOnchainAlert}` : sql``);

export function createMentionReads(db: Database): MentionReads {
  const d = db.drizzle;
  const rows = async <T>(query: SQL) => {
    const result = (await d.execute(query)) as unknown as { rows: T[] };
    return result.rows;
  };

  return {
    async windowCounts(from, windowStart, to, minCurrent, { withoutAlerts = false } = {}) {
      const found = await rows<{ token: string; current: number; baseline: number; first_in_window: string }>(sql`
        SELECT k AS token,
               count(*) FILTER (WHERE published_at >= ${ts(windowStart)})::int AS current,
               count(*) FILTER (WHERE published_at < ${ts(windowStart)})::int AS baseline,
               min(published_at) FILTER (WHERE published_at >= ${ts(windowStart)}) AS first_in_window
        FROM intelligence_items, unnest(token_keys) AS k
        WHERE published_at >= ${ts(from)} AND published_at < ${ts(to)} AND ${SYMBOL_KEY}
          ${alertsLeftOut(withoutAlerts)}
        GROUP BY k
        HAVING count(*) FILTER (WHERE published_at >= ${ts(windowStart)}) >= ${minCurrent}`);
      return found.map((r) => ({
        token: r.token,
        current: r.current,
        baseline: r.baseline,
        firstInWindow: new Date(r.first_in_window),
      }));
    },
    async seenBefore(tokens, before, { withoutAlerts = false } = {}) {
      if (!tokens.length) return new Set();
      const found = await rows<{ token: string }>(sql`
        SELECT t.k AS token FROM unnest(${textArray(tokens)}) AS t(k)
        WHERE EXISTS (
          SELECT 1 FROM intelligence_items
          WHERE token_keys @> ARRAY[t.k] AND published_at < ${ts(before)} ${alertsLeftOut(withoutAlerts)}
        )`);
      return new Set(found.map((r) => r.token));
    },
    async evidence(tokens, from, to, perToken, { withoutAlerts = false } = {}) {
      if (!tokens.length) return new Map();
      const found = await rows<{
        token: string;
        id: string;
        title: string;
        type: string;
        source_name: string;
        value_score: number;
        published_at: string;
      }>(sql`
        SELECT t.k AS token, i.id, i.title, i.type, i.source_name, i.value_score, i.published_at
        FROM unnest(${textArray(tokens)}) AS t(k)
        CROSS JOIN LATERAL (
          SELECT id, title, type, source_name, value_score, published_at FROM intelligence_items
          WHERE token_keys @> ARRAY[t.k] AND published_at >= ${ts(from)} AND published_at < ${ts(to)}
            ${alertsLeftOut(withoutAlerts)}
          ORDER BY value_score DESC, published_at DESC LIMIT ${perToken}
        ) AS i`);
      const byToken = new Map<string, Evidence[]>();
      for (const r of found) {
        const item = {
          id: r.id,
          title: r.title,
          type: r.type,
          source: r.source_name,
          valueScore: r.value_score,
          publishedAt: new Date(r.published_at),
        };
        byToken.set(r.token, [...(byToken.get(r.token) ?? []), item]);
      }
      return byToken;
    },
    async summary(token, from, to, buckets) {
      const bucketSeconds = (to.getTime() - from.getTime()) / 1000 / buckets;
      const found = await rows<{ bucket: number; type: string; n: number; sentiment: number }>(sql`
        SELECT least(floor(extract(epoch FROM published_at - ${ts(from)}) / ${bucketSeconds}), ${buckets - 1})::int AS bucket,
               type, count(*)::int AS n, sum(sentiment_score)::float8 AS sentiment
        FROM intelligence_items
        WHERE token_keys @> ARRAY[${token}]::text[] AND published_at >= ${ts(from)} AND published_at < ${ts(to)}
        GROUP BY 1, 2`);
      const series = new Array<number>(buckets).fill(0);
      const byType: Record<string, number> = {};
      let total = 0;
      let sentiment = 0;
      for (const r of found) {
        series[r.bucket] = (series[r.bucket] ?? 0) + r.n;
        byType[r.type] = (byType[r.type] ?? 0) + r.n;
        total += r.n;
        sentiment += r.sentiment;
      }
      return { total, sentiment: total ? sentiment / total : null, byType, series };
    },
    async span(token) {
      const [row] = await rows<{ first: string | null; last: string | null }>(sql`
        SELECT min(published_at) AS first, max(published_at) AS last FROM intelligence_items WHERE token_keys @> ARRAY[${token}]::text[]`);
      return row?.first && row.last ? { first: new Date(row.first), last: new Date(row.last) } : null;
    },
  };
}
