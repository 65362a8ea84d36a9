import { truncateAtWord } from '../../core/truncate.ts';
import type { BriefingReads, BriefItemRow, EventSentimentCount } from './briefingReads.ts';
import type { MentionReads } from './mentionReads.ts';
import type { TokenFilterKey } from './tokenFilterKey.ts';
import type { Briefing } from './toolSchemas.ts';

/** Items shown per event and of the alerts, tokens per item, movers and summary length: what keeps a 30-day briefing a few tens of KiB. */
const TOP_PER_EVENT = 3;
const TOP_ALERTS = 3;
const TOKENS_PER_ITEM = 10;
const MOVERS = 10;
const SUMMARY_CHARS = 300;

type SentimentCounts = Briefing['sentiment'];
const noSentiment = (): SentimentCounts => ({ bullish: 0, bearish: 0, neutral: 0 });

const briefItem = (row: BriefItemRow) => ({
  id: row.id,
  title: row.title,
  summary: row.summary === null ? null : truncateAtWord(row.summary, SUMMARY_CHARS),
  value: row.valueScore,
  sentiment: row.sentiment,
  tokens: [...new Set(row.tokens.map((token) => token.symbol))].slice(0, TOKENS_PER_ITEM),
  published_at: row.publishedAt.toISOString(),
  source_count: row.sourceCount,
});

/** The most valuable first, then the newest, then by id: the order the reads rank in. */
const mostValuableFirst = (rows: BriefItemRow[]) =>
  [...rows].sort(
    (a, b) =>
      b.valueScore - a.valueScore || b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : -1),
  );

/** The events of the window with their counts and best items, the event with the most valuable item first. */
function eventGroups(counts: EventSentimentCount[], top: BriefItemRow[]): Briefing['events'] {
  const groups = new Map<string | null, Briefing['events'][number]>();
  const group = (event: string | null) => {
    const found = groups.get(event) ?? { event, count: 0, sentiment: noSentiment(), top_items: [] };
    groups.set(event, found);
    return found;
  };
  for (const { event, sentiment, count } of counts) {
    const found = group(event);
    found.count += count;
    found.sentiment[sentiment] += count;
  }
  // An event's alerts and its other items are read apart: with both kept in, each brings its best.
  for (const row of mostValuableFirst(top)) {
    const found = group(row.event);
    if (found.top_items.length < TOP_PER_EVENT) found.top_items.push(briefItem(row));
  }
  const best = (g: Briefing['events'][number]) => g.top_items[0]?.value ?? -1;
  return [...groups.values()].sort(
    (a, b) => best(b) - best(a) || b.count - a.count || String(a.event).localeCompare(String(b.event)),
  );
}

const total = (counts: EventSentimentCount[]) => counts.reduce((sum, c) => sum + c.count, 0);

/** `until`: an ISO instant the window ends at (exclusive); later than now, or absent, it ends now. */
export type BriefingBuilder = (windowMs: number, tokens?: string[], until?: string) => Promise<Briefing>;

/**
 * intelligence.briefing: the window's items counted by event and sentiment with each event's most
 * valuable items, and the tokens whose mentions moved most against the window before (counted
 * as OSINT counts them, through the mention reads). With tokens, only items about them, and
 * movers among them.
 *
 * The on-chain agent files every token it rates danger (event hack, value its danger score), dozens
 * an hour on a busy chain: in a market briefing they would lead it and bury the real hacks and news,
 * so there they are reported apart (`onchain_alerts`, the most dangerous first, with their tokens) and
 * `items`, `sentiment`, `events` and `movers` are the other items': a freshly deployed scam token is
 * not a market mover. Asked for tokens, an alert about one of them is what matters most: the alerts
 * stay in `events` and count among the movers, and `onchain_alerts` is null.
 */
export function createBriefing(deps: {
  reads: BriefingReads;
  mentions: MentionReads;
  tokenFilterKey: TokenFilterKey;
  now: () => Date;
}): BriefingBuilder {
  return async (windowMs, tokens, until) => {
    const now = deps.now();
    const to = until !== undefined && Date.parse(until) < now.getTime() ? new Date(until) : now;
    const from = new Date(to.getTime() - windowMs);
    const previousFrom = new Date(from.getTime() - windowMs);
    // Resolved as the feed resolves them, sorted and without repeats (`bitcoin` and `BTC` are one token).
    const keys = tokens && [...new Set(tokens.map(deps.tokenFilterKey))].sort();
    const filter = { since: from, until: to, tokens: keys };
    const [counts, top, mentions] = await Promise.all([
      deps.reads.eventCounts(filter),
      deps.reads.topByEvent(filter, TOP_PER_EVENT),
      // Movers count the items `items` counts: without tokens, the market's, not the tokens the alerts name.
      deps.mentions.windowCounts(previousFrom, from, to, 0, { withoutAlerts: !keys }),
    ]);
    const apart = (read: { alert: boolean }) => !keys && read.alert;
    const news = counts.filter((c) => !apart(c));
    const sentiment = noSentiment();
    for (const { sentiment: label, count } of news) sentiment[label] += count;
    const movers = mentions
      .filter((m) => m.current !== m.baseline && (!keys || keys.includes(m.token)))
      .map((m) => ({ token: m.token, count: m.current, previous: m.baseline, change: m.current - m.baseline }))
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || b.count - a.count || a.token.localeCompare(b.token))
      .slice(0, MOVERS);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      previous_from: previousFrom.toISOString(),
      tokens: keys ?? null,
      items: total(news),
      sentiment,
      events: eventGroups(
        news,
        top.filter((row) => !apart(row)),
      ),
      onchain_alerts: keys
        ? null
        : {
            count: total(counts.filter(apart)),
            top_items: mostValuableFirst(top.filter(apart)).slice(0, TOP_ALERTS).map(briefItem),
          },
      movers,
    };
  };
}
