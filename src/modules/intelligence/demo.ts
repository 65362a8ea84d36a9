import { truncateAtWord } from '../../core/truncate.ts';
import type { SimulatedPrices } from '../market/index.ts';
import { buildCorpus, type CorpusReport } from './corpus/corpus.ts';
import { DEMO_EDITION } from './corpus/editions.ts';
import { firstSentence } from './corpus/retell.ts';
import { toRow } from './mapping.ts';
import type { IntelligenceRepository } from './repository.ts';
import type { NewIntelligenceRow } from './table.ts';
import { type IngestItem, ingestSchema } from './schemas.ts';
import { planStories, sourceOf, withFingerprint } from './storyMerge.ts';

/**
 * Demo intelligence for the embedded default, so a fresh `npm start` shows a
 * living feed: five weeks of the corpus (./corpus) up to now, as the shipped
 * agents would have stored it (written for the end of the hour, cut at the
 * moment it is seeded). Seeded, so every install sees the same stories;
 * timestamps are relative to that hour, so the last days always look fresh.
 */

/** Posts without a title are titled by their first sentence, as the agents' pipeline titles them. */
const TITLE_CHARS = 140;
/** Below this absolute sentiment news-sentiment-radar passes on a post (config/agents.json). */
const RADAR_MIN_SENTIMENT = 0.35;

/** The catalogue agent whose shipped pipeline (config/agents.json) would keep this report, or null when none would. */
function keeperOf(report: Pick<CorpusReport, 'source' | 'event' | 'sentiment' | 'tokens'>): string | null {
  const kind = report.source.kind;
  if (report.event === 'hack') return 'security-watch';
  if (kind === 'exchange') return report.event === 'listing' || report.event === 'delisting' ? 'listing-hunter' : null;
  if ((kind === 'news' || kind === 'twitter') && Math.abs(report.sentiment) >= RADAR_MIN_SENTIMENT)
    return 'news-sentiment-radar';
  if ((kind === 'twitter' || kind === 'onchain') && report.tokens.length) return 'token-mentions';
  return null;
}

const labelOf = (score: number) => (score >= 0.2 ? 'bullish' : score <= -0.2 ? 'bearish' : 'neutral');

function toIngest(report: CorpusReport, agent: string): IngestItem {
  const { source, event } = report;
  return ingestSchema.parse({
    external_id: `demo-${report.id}`,
    type: source.kind,
    title: report.title ?? truncateAtWord(firstSentence(report.text), TITLE_CHARS),
    content: report.text,
    summary: report.summary,
    analysis: report.analysis,
    sentiment: { label: labelOf(report.sentiment), score: report.sentiment },
    value: { score: report.value, reasons: [`event: ${event.replace('_', ' ')}`, `source: ${source.name}`] },
    event: { type: event },
    tokens: report.tokens.map(({ symbol, name, chain, address }) => ({ symbol, name, chain, address })),
    source: { kind: source.kind, name: source.name, url: source.url, author: source.author },
    agent_id: agent,
    published_at: report.at.toISOString(),
  });
}

const HOUR_MS = 3_600_000;

/** The kept reports (oldest first, `count` keeps the newest) with the items they become. */
function keptReports(market: SimulatedPrices, now: Date, count?: number) {
  const end = new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  const kept = buildCorpus({ ...DEMO_EDITION, end, market }).flatMap((report) => {
    const agent = report.at < now ? keeperOf(report) : null;
    return agent ? [{ story: report.story, item: toIngest(report, agent) }] : [];
  });
  return count === undefined ? kept : kept.slice(-count);
}

/**
 * The demo feed's items, oldest first, as reports (an outlet repeating a story is a report of its own); `count` keeps the newest.
 * Price moves are read off `market`, the embedded market's path, so the feed agrees with what it quotes.
 *
 * The corpus is written for the end of the current hour and cut at `now`. A corpus's stories depend on its
 * end (its arcs are hours before it, its random draws follow its schedule), so one ending at `now` would
 * tell other stories under the same ids a few seconds later; within the hour, seeding again finds the same
 * reports and only adds those that came due.
 */
export function demoItems(market: SimulatedPrices, now: Date = new Date(), count?: number): IngestItem[] {
  return keptReports(market, now, count).map(({ item }) => item);
}

/**
 * Seeds the demo feed; returns how many items were new. The outlets that
 * repeat a story fold into its item as further sources: the corpus knows
 * which reports tell one story, so they fold by it, not by how alike their
 * wording is (a retelling headlined "Breaking: …" and closing "More to
 * follow." can fingerprint too far from the first to be found). Other
 * reports fold as batch ingestion folds them. The ids are the corpus's own,
 * so running it again within the hour stores only what came due since; a
 * later hour's corpus tells its last hours anew (see demoItems), and may
 * store some of their stories again.
 */
export async function seedDemo(
  repository: IntelligenceRepository,
  market: SimulatedPrices,
  count?: number,
  now = new Date(),
): Promise<number> {
  const leaders: NewIntelligenceRow[] = [];
  const leaderOf = new Map<number, number>();
  const repeats: Array<{ leader: number; row: NewIntelligenceRow }> = [];
  for (const { story, item } of keptReports(market, now, count)) {
    const row = withFingerprint(toRow(item));
    const leader = leaderOf.get(story);
    if (leader === undefined) {
      leaderOf.set(story, leaders.length);
      leaders.push(row);
    } else repeats.push({ leader, row });
  }
  // Nothing stored counts as the same story: the demo's repeats fold into each other only.
  const { inserts, outcomes } = planStories(leaders, { stored: () => undefined, near: () => undefined });
  for (const { leader, row } of repeats) {
    const target = outcomes[leader]!.target;
    if (!('insert' in target)) continue;
    const item = inserts[target.insert]!;
    if (!item.agents.includes(row.agentId)) item.agents = [...item.agents, row.agentId];
    const sources = item.sources ?? [];
    if (row.sourceName !== item.sourceName && !sources.some((source) => source.name === row.sourceName)) {
      item.sources = [...sources, sourceOf(row)];
      item.sourceCount = 1 + item.sources.length;
    }
  }
  return repository.insertMany(inserts);
}
