import { tokenKey, type Evidence, type MentionReads } from '../intelligence/index.ts';
import { BASELINE_WINDOWS, rankDiscoveries } from './discovery.ts';

const EVIDENCE_PER_TOKEN = 3;
const SERIES_BUCKETS = 12;
const TOP_ITEMS = 10;
const velocity = (v: number) => Math.round(v * 100) / 100;

const toEvidenceView = (e: Evidence) => ({
  id: e.id,
  title: e.title,
  type: e.type,
  source: e.source,
  value_score: e.valueScore,
  published_at: e.publishedAt.toISOString(),
});

/** The reads behind the OSINT tools, over the intelligence store. */
export function createOsintQueries(mentions: MentionReads, now: () => Date) {
  return {
    async discoverCoins(windowMs: number, minMentions: number, limit: number) {
      const to = now();
      const windowStart = new Date(to.getTime() - windowMs);
      const baselineStart = new Date(windowStart.getTime() - BASELINE_WINDOWS * windowMs);
      // The on-chain agent's alerts name tokens deployed on a watched chain, not coins the market talks about:
      // they count neither as mentions, nor as having been seen before, nor as evidence.
      const market = { withoutAlerts: true };
      const counts = await mentions.windowCounts(baselineStart, windowStart, to, minMentions, market);
      const quiet = counts.filter((c) => c.baseline === 0).map((c) => c.token);
      const ranked = rankDiscoveries(counts, await mentions.seenBefore(quiet, baselineStart, market), limit);
      const evidence = await mentions.evidence(
        ranked.map((d) => d.token),
        windowStart,
        to,
        EVIDENCE_PER_TOKEN,
        market,
      );
      return {
        from: windowStart.toISOString(),
        to: to.toISOString(),
        baseline_from: baselineStart.toISOString(),
        tokens: ranked.map((d) => ({
          token: d.token,
          mentions: d.mentions,
          baseline_per_window: d.baselinePerWindow,
          velocity: velocity(d.velocity),
          first_seen: d.firstSeen,
          first_mention_at: d.firstMentionAt.toISOString(),
          evidence: (evidence.get(d.token) ?? []).map(toEvidenceView),
        })),
      };
    },

    async tokenMentions(token: string, windowMs: number) {
      const key = tokenKey(token);
      const to = now();
      const from = new Date(to.getTime() - windowMs);
      const previousFrom = new Date(from.getTime() - windowMs);
      const [current, previous, span, top] = await Promise.all([
        mentions.summary(key, from, to, SERIES_BUCKETS),
        mentions.summary(key, previousFrom, from, 1),
        mentions.span(key),
        mentions.evidence([key], from, to, TOP_ITEMS),
      ]);
      const bucketMs = windowMs / SERIES_BUCKETS;
      return {
        token: key,
        from: from.toISOString(),
        to: to.toISOString(),
        mentions: current.total,
        previous_window_mentions: previous.total,
        average_sentiment: current.sentiment === null ? null : Math.round(current.sentiment * 1000) / 1000,
        by_type: current.byType,
        series: current.series.map((count, i) => ({
          from: new Date(from.getTime() + i * bucketMs).toISOString(),
          mentions: count,
        })),
        first_seen_at: span?.first.toISOString() ?? null,
        last_seen_at: span?.last.toISOString() ?? null,
        top_items: (top.get(key) ?? []).map(toEvidenceView),
      };
    },
  };
}

export type OsintQueries = ReturnType<typeof createOsintQueries>;
