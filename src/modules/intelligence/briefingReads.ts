import { eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import type { Metrics } from '../../core/metrics.ts';
import { isOnchainAlert as isAlert } from './onchainAlert.ts';
import { feedConditions, type FeedFilter } from './repository.ts';
import { intelligenceItems as t } from './table.ts';

export interface EventSentimentCount {
  /** On-chain token alerts are counted apart from the other items of their event. */
  alert: boolean;
  event: string | null;
  sentiment: 'bullish' | 'bearish' | 'neutral';
  count: number;
}

/** What a briefing shows of an item: no content, nothing unbounded but the summary, which the briefing cuts. */
export interface BriefItemRow {
  id: string;
  alert: boolean;
  event: string | null;
  title: string;
  summary: string | null;
  valueScore: number;
  sentiment: 'bullish' | 'bearish' | 'neutral';
  tokens: Array<{ symbol: string }>;
  publishedAt: Date;
  sourceCount: number;
}

/** The aggregates behind intelligence.briefing, over the items a feed filter selects (a window, tokens). */
export interface BriefingReads {
  /** How many items there are of each event and sentiment, on-chain alerts apart. */
  eventCounts(filter: FeedFilter): Promise<EventSentimentCount[]>;
  /**
   * The `perEvent` most valuable items of each event (newer first among equals), in no particular order;
   * on-chain alerts and the other items of an event are ranked apart, `perEvent` of each.
   */
  topByEvent(filter: FeedFilter, perEvent: number): Promise<BriefItemRow[]>;
}

export function createBriefingReads(db: Database, metrics: Metrics): BriefingReads {
  const d = db.drizzle;
  const counted = (query: string) => metrics.dbQueries.inc({ query: `intelligence.${query}` });
  return {
    async eventCounts(filter) {
      counted('briefing_counts');
      return d
        .select({ alert: isAlert, event: t.eventType, sentiment: t.sentimentLabel, count: sql<number>`count(*)::int` })
        .from(t)
        .where(feedConditions(filter))
        .groupBy(isAlert, t.eventType, t.sentimentLabel);
    },
    async topByEvent(filter, perEvent) {
      counted('briefing_top');
      // Ranked on the sort keys alone, so the window's sort never carries the items' text; the few winners are joined after.
      const ranked = d
        .select({
          id: t.id,
          alert: sql<boolean>`${isAlert}`.as('alert'),
          rank: sql<number>`row_number() OVER (PARTITION BY ${isAlert}, ${t.eventType} ORDER BY ${t.valueScore} DESC, ${t.publishedAt} DESC, ${t.id} DESC)`.as(
            'rank',
          ),
        })
        .from(t)
        .where(feedConditions(filter))
        .as('ranked');
      return d
        .select({
          id: t.id,
          alert: ranked.alert,
          event: t.eventType,
          title: t.title,
          summary: t.summary,
          valueScore: t.valueScore,
          sentiment: t.sentimentLabel,
          tokens: t.tokens,
          publishedAt: t.publishedAt,
          sourceCount: t.sourceCount,
        })
        .from(t)
        .innerJoin(ranked, eq(t.id, ranked.id))
        .where(lte(ranked.rank, perEvent));
    },
  };
}
