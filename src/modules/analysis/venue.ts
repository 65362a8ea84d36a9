import { EXCHANGE_DISPLAY_NAMES, EXCHANGES } from './lexicon/sources.ts';
import type { Word } from './splitWords.ts';
import { isCommonWord } from './tokenLookup.ts';
import type { AnalysisInput, TokenMention } from './types.ts';

/** Source and exchange names compare lower-case, without spaces, dots, dashes or a leading '@'. */
export const nameKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/[\s.-]/g, '');

const exchanges = EXCHANGES.map(nameKey);
const exchangeSet = new Set(exchanges);

/** The exchange a name belongs to: "Binance Announcements", "Coinbase Markets" and "@binance" are the exchange itself. */
export function exchangeOf(name: string): string | undefined {
  const key = nameKey(name);
  return exchanges.find((exchange) => key.startsWith(exchange));
}

function displayName(exchange: string, written: string): string {
  const known = EXCHANGE_DISPLAY_NAMES[exchange];
  if (known) return known;
  // As written when written as a name ("Binance.US", "Kraken"), not when shouted ("UPBIT LISTING").
  if (nameKey(written) === exchange && /^\p{Lu}/u.test(written) && /\p{Ll}/u.test(written)) return written;
  return exchange.charAt(0).toUpperCase() + exchange.slice(1);
}

/** Is this word an exchange's name ("Binance", "okx"; "gate" only written as a name, "Gate")? */
export function isExchangeName(word: Word): boolean {
  const key = nameKey(word.raw);
  return exchangeSet.has(key) && (!isCommonWord(key) || /^\p{Lu}/u.test(word.raw));
}

/**
 * Where a listing or delisting happens: the announcing exchange, else the
 * first exchange the text names ("gate" only when written as a name, "Gate"),
 * other than the project of a token the story is about.
 */
export function findVenue(
  source: AnalysisInput['source'],
  words: readonly Word[],
  subjects: readonly TokenMention[],
): string | undefined {
  const announcer = source?.kind === 'exchange' ? exchangeOf(source.name) : undefined;
  if (announcer) return displayName(announcer, '');
  for (const word of words) {
    if (!isExchangeName(word)) continue;
    const key = nameKey(word.raw);
    // "Hyperliquid's HYPE lands on Bitget": the exchange that is also the token's project is not the venue.
    if (subjects.some((token) => nameKey(token.name) === key)) continue;
    return displayName(key, word.raw);
  }
  return source?.kind === 'exchange' ? source.name : undefined;
}
