import { EVENT_POINTS, MAJOR_OUTLETS, SOURCE_POINTS, TRUSTED_ACCOUNTS } from './lexicon/sources.ts';
import { exchangeOf, nameKey } from './venue.ts';
import {
  HIGH_VALUE_THRESHOLD,
  type AnalysisInput,
  type EventType,
  type Sentiment,
  type TokenMention,
  type Value,
} from './types.ts';

/**
 * How much an item deserves a reader's attention, 0..100, and why. Five
 * parts: who says it (25), what happened (25), how strongly the market should
 * feel it (15), how big the tokens are (15), and whether it is news (20).
 */

const SENTIMENT_POINTS = 15;
const NOVELTY_POINTS = 20;
/** Without a novelty signal an item is assumed half new: neither rewarded nor punished much. */
const DEFAULT_NOVELTY = 0.5;

const outlets = new Set(MAJOR_OUTLETS.map(nameKey));
const accounts = new Set(TRUSTED_ACCOUNTS.map(nameKey));
const isExchange = (name: string) => exchangeOf(name) !== undefined;

export function sourcePoints(source: AnalysisInput['source']): { points: number; reason: string } {
  if (!source) return { points: SOURCE_POINTS.unknown, reason: 'unknown source' };
  const name = nameKey(source.name);
  switch (source.kind) {
    case 'exchange':
      return isExchange(source.name)
        ? { points: SOURCE_POINTS.exchangeOfficial, reason: `official exchange announcement (${source.name})` }
        : { points: SOURCE_POINTS.exchangeOther, reason: `exchange announcement (${source.name})` };
    case 'news':
      return outlets.has(name) || [...outlets].some((outlet) => outlet.length > 3 && name.startsWith(outlet))
        ? { points: SOURCE_POINTS.majorOutlet, reason: `major outlet (${source.name})` }
        : { points: SOURCE_POINTS.otherNews, reason: `news site (${source.name})` };
    case 'twitter':
      if (accounts.has(name))
        return { points: SOURCE_POINTS.trustedAccount, reason: `established account (${source.name})` };
      if (isExchange(source.name))
        return { points: SOURCE_POINTS.exchangeAccount, reason: `exchange account (${source.name})` };
      return { points: SOURCE_POINTS.otherAccount, reason: `unverified X account (${source.name})` };
    case 'onchain':
      return accounts.has(name)
        ? { points: SOURCE_POINTS.onchainTracker, reason: `on-chain tracker (${source.name})` }
        : { points: SOURCE_POINTS.onchainOther, reason: `on-chain alert (${source.name})` };
  }
}

/** Points for the biggest token mentioned: a BTC story reaches more people than a micro-cap one. */
function tokenSizePoints(
  tokens: readonly TokenMention[],
  ranks: ReadonlyMap<string, number | undefined>,
): { points: number; reason?: string } {
  if (tokens.length === 0) return { points: 0 };
  const ranked = tokens
    .map((t) => ({ symbol: t.symbol, rank: ranks.get(t.symbol) }))
    .filter((t) => t.rank !== undefined);
  const best = ranked.sort((a, b) => a.rank! - b.rank!)[0];
  if (!best) return { points: 4, reason: `small or unranked tokens (${tokens.map((t) => t.symbol).join(', ')})` };
  const points = best.rank! <= 10 ? 15 : best.rank! <= 50 ? 12 : best.rank! <= 200 ? 9 : 6;
  return { points, reason: `${best.rank! <= 50 ? 'major' : 'mid-cap'} token ${best.symbol} (rank ${best.rank})` };
}

export interface ValueInputs {
  source: AnalysisInput['source'];
  event: EventType;
  sentiment: Sentiment;
  tokens: readonly TokenMention[];
  /** Market-cap rank of each mentioned symbol, when known. */
  ranks: ReadonlyMap<string, number | undefined>;
  novelty?: number;
}

export function scoreValue(inputs: ValueInputs): Value {
  const source = sourcePoints(inputs.source);
  const event = EVENT_POINTS[inputs.event];
  const strength = Math.abs(inputs.sentiment.score);
  const sentiment = Math.round(strength * SENTIMENT_POINTS);
  const size = tokenSizePoints(inputs.tokens, inputs.ranks);
  const novelty = Math.min(1, Math.max(0, inputs.novelty ?? DEFAULT_NOVELTY));
  const fresh = Math.round(novelty * NOVELTY_POINTS);

  const reasons = [source.reason, `event: ${inputs.event} (+${event})`];
  if (strength >= 0.5)
    reasons.push(`strong ${inputs.sentiment.label} sentiment (${inputs.sentiment.score.toFixed(2)})`);
  if (size.reason) reasons.push(size.reason);
  if (inputs.novelty !== undefined)
    reasons.push(novelty >= 0.8 ? 'new story' : novelty <= 0.2 ? 'already reported' : 'partly new');

  const score = Math.max(0, Math.min(100, source.points + event + sentiment + size.points + fresh));
  return { score, high_value: score >= HIGH_VALUE_THRESHOLD, reasons };
}
