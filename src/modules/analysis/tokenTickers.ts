import { QUOTE_ASSETS, QUOTE_LEAD_WORDS, QUOTE_MARKET_WORDS } from './lexicon/tokenContext.ts';
import { CONFIDENCE, type Mentions } from './mentions.ts';
import type { TextEvidence } from './tokenEvidence.ts';
import type { TokenLookup } from './tokenLookup.ts';
import type { Word } from './splitWords.ts';

/** Only tickers this big are recognised when written in lower case ("btc", "eth"). */
const LOWER_CASE_MAX_RANK = 150;
const UPPER_TICKER = /^[A-Z0-9]*[A-Z][A-Z0-9.]*$/;
/** Tickers styled in mixed case on purpose: "USDe", "cbBTC", "stETH". */
const STYLED_TICKER = /^(?=(?:.*\p{Lu}){2})(?=.*\p{Ll})[\p{L}\d.]+$/u;
const quoteAssets = new Set(QUOTE_ASSETS);
const LIST_JOINERS = new Set(['and', 'or', '&']);

/** "KRW, BTC, USDT markets", "USDT-margined", "trading against USDT, USDC and FDUSD": the quote side of markets. */
function isQuoteSide(words: Word[], index: number): boolean {
  if (!quoteAssets.has(words[index]!.raw.toUpperCase())) return false;
  const isListed = (w: Word) => quoteAssets.has(w.raw.toUpperCase()) || LIST_JOINERS.has(w.lower);
  for (let j = index + 1; j < words.length && j <= index + 4; j++) {
    if (QUOTE_MARKET_WORDS.has(words[j]!.lower)) return true;
    if (!isListed(words[j]!)) break;
  }
  for (let j = index - 1; j >= 0 && j >= index - 4; j--) {
    if (QUOTE_LEAD_WORDS.has(words[j]!.lower)) return true;
    if (!isListed(words[j]!)) break;
  }
  return false;
}

/**
 * Bare tickers. Plain ones count as written ("BTC"); English-word and very
 * short ones ("ONE", "OP") need trading context; prose abbreviations ("AI",
 * "ATH") only count as "X token"; big ones also count in lower case ("eth").
 */
export function findTickers(
  words: Word[],
  evidence: TextEvidence,
  lookup: TokenLookup,
  claimed: Set<number>,
  mentions: Mentions,
): void {
  words.forEach((word, i) => {
    if (claimed.has(i)) return;
    const record = lookup.bySymbol(word.raw);
    if (!record || isQuoteSide(words, i)) return;
    const risk = lookup.tickerRisk(word.raw);
    if (word.raw === word.raw.toLowerCase()) {
      const big = record.rank !== undefined && record.rank <= LOWER_CASE_MAX_RANK;
      if (big && risk === 'plain' && word.raw.length >= 3) mentions.add(record, CONFIDENCE.lowerCaseTicker, word.start);
      return;
    }
    if (STYLED_TICKER.test(word.raw) && risk === 'plain') {
      mentions.add(record, CONFIDENCE.ticker, word.start);
      return;
    }
    if (!UPPER_TICKER.test(word.raw)) return;
    const next = words[i + 1];
    const namedAsToken = next !== undefined && !word.boundaryAfter && (next.lower === 'token' || next.lower === 'coin');
    if (risk === 'plain') {
      mentions.add(record, record.rank !== undefined ? CONFIDENCE.rankedTicker : CONFIDENCE.ticker, word.start);
    } else if (namedAsToken || (risk === 'ambiguous' && !evidence.isShouted(i) && evidence.hasTokenContext(i))) {
      mentions.add(record, CONFIDENCE.inContext, word.start);
    }
  });
}
