import type { Figures } from './figures.ts';
import { DENIABLE_EVENTS, DENIED_PREFIX, EVENT_PHRASES, IMPLICATIONS, LEANINGS } from './lexicon/implications.ts';
import type { EventType, MarketQuote, SentimentLabel, TokenMention } from './types.ts';
import { nameKey } from './venue.ts';

/**
 * The analysis in words, from what the analyser found: first what happened,
 * to which token or protocol, where, with the figures the text states
 * ("Hack or exploit at Sui (SUI): $223 million, down 7%."), then which way it
 * leans and why it matters ("Bearish for SUI: exploits hit the token…"),
 * and, when a market quote is at hand, where the token traded at ingest.
 */

export interface AnalysisFacts {
  event: EventType;
  denied: boolean;
  sentiment: SentimentLabel;
  /** Best first. */
  subjects: readonly TokenMention[];
  /** With no subject, the coins the event happens to, by tickers the registry does not know, as written ("XYZ"). */
  coins?: readonly string[];
  /** Who the headline is about, for a story without a known token. */
  actor?: string;
  /** The exchange of a listing or delisting. */
  venue?: string;
  figures: Figures;
  market?: Readonly<Record<string, MarketQuote>>;
}

/** Named in full at most this many tokens; the rest are counted. */
const MAX_NAMED = 3;

function tokenName(token: TokenMention): string {
  return token.name.toUpperCase() === token.symbol ? token.symbol : `${token.name} (${token.symbol})`;
}

function list(items: readonly string[]): string {
  const named = items.slice(0, MAX_NAMED);
  const more = items.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
}

function venuePart(facts: AnalysisFacts): string {
  if (!facts.venue) return '';
  if (facts.event === 'listing') return ` on ${facts.venue}`;
  if (facts.event === 'delisting') return ` from ${facts.venue}`;
  return '';
}

/**
 * Who or what the event happens to: the subjects, else the coins named by unknown tickers, else the headline's
 * actor, unless that is the venue ("Coinbase says it has no plans to list…": the exchange lists, it is not listed).
 */
function targetOf(facts: AnalysisFacts): string | undefined {
  if (facts.subjects.length > 0) return list(facts.subjects.map(tokenName));
  if (facts.coins?.length) return list(facts.coins);
  if (facts.actor && facts.venue && nameKey(facts.actor) === nameKey(facts.venue)) return undefined;
  return facts.actor;
}

/** What happened, to which token or protocol, with the text's figures: one sentence. */
export function whatHappened(facts: AnalysisFacts): string {
  const { noun, joiner } = EVENT_PHRASES[facts.event];
  const target = targetOf(facts);
  const denied = facts.denied && DENIABLE_EVENTS.has(facts.event);
  const event = denied ? `${DENIED_PREFIX}: ${noun.toLowerCase()}` : noun;
  const figures = [...facts.figures.amounts, ...facts.figures.percentages];
  return `${event}${target ? ` ${joiner} ${target}` : ''}${venuePart(facts)}${figures.length ? `: ${figures.join(', ')}` : ''}.`;
}

// Made once: toLocaleString with options builds a new formatter on every call, which cost the analysis of a post
// with a quote about a quarter of its time.
const DOLLARS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const CENTS = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const PERCENT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function formatPrice(price: number): string {
  return `$${(price >= 1 ? DOLLARS : CENTS).format(price)}`;
}

/**
 * "As of ingest, ETH trades at $3,120, down 4.2% in 24 h.", for the main token when its quote is given: a sentence of
 * its own, dated, so its 24 h move is not read as contradicting the move the post states ("up 3.8%").
 */
function marketSentence(facts: AnalysisFacts): string {
  const main = facts.subjects[0];
  const quote = main && facts.market?.[main.symbol];
  if (!main || !quote || !Number.isFinite(quote.price_usd)) return '';
  const change = quote.change_24h_pct;
  const move =
    change === undefined || !Number.isFinite(change)
      ? ''
      : `, ${change < 0 ? 'down' : 'up'} ${PERCENT.format(Math.abs(change))}% in 24 h`;
  return ` As of ingest, ${main.symbol} trades at ${formatPrice(quote.price_usd)}${move}.`;
}

/** Which way the story leans, for which tokens, and why it matters: one sentence. */
function whyItMatters(facts: AnalysisFacts): string {
  const symbols =
    facts.subjects.length > 0 ? list(facts.subjects.map((token) => token.symbol)) : list(facts.coins ?? []);
  const leaning = `${LEANINGS[facts.sentiment]}${symbols ? ` for ${symbols}` : ''}`;
  return `${leaning}: ${IMPLICATIONS[facts.event][facts.sentiment]}.${marketSentence(facts)}`;
}

export function writeAnalysis(facts: AnalysisFacts): string {
  return `${whatHappened(facts)} ${whyItMatters(facts)}`;
}
