import { extractTokens, findAddresses, type TokenLookup } from '../../analysis/index.ts';
import type { TokenRecord, TokenRegistry } from '../../tokens/index.ts';
import { type LetterPairs, mayMatch } from './literals.ts';

/**
 * Parameter readers for plain-English requests. Each finds one kind of value
 * (a market, a percentage, a window…) or returns undefined; the intents
 * decide which they need and how their tool spells it.
 */

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const num = (text: string) => Number(text.replace(',', '.'));

/** Words closing a sentence that say when it asks about ("this week", "today", "rn", "over the last 3 days"). */
export const WHEN_CLOSING =
  /\s+(?:(?:this|last|past|over the (?:last|past)|in the (?:last|past)|for the (?:last|past))\s+(?:\d+\s*)?\w+|today|tonight|rn|now|right now|lately|recently)\s*[?!.]*$/i;

/**
 * "arb" is slang for arbitrage; "ARB" in capitals is the Arbitrum ticker, and so is "arb" closing a list of
 * coins ("price of op and arb?", "op vs arb") or opening one of two that ends the sentence, or ends it but for
 * when ("brief on arb and op", "unlocks for arb or op?", "sentiment on arb vs op", "arb vs op this week"; "arb or
 * not?" is still the slang).
 */
export const ARB_WORD = new RegExp(
  String.raw`\b(?!ARB\b)(?![Aa][Rr][Bb][?!.\s]*$(?<=(?:,|&|\band|\bor|\bvs\.?|\bversus)\s+[Aa][Rr][Bb][?!.\s]*))(?![Aa][Rr][Bb]\s*(?:,|&|\+|\s(?:and|or|vs\.?|versus)\s)\s*\$?(?!(?:not|no|nope|spreads?|scans?)\b)[A-Za-z]{2,6}(?:[?!.\s]*$|(?i:` +
    WHEN_CLOSING.source +
    String.raw`)))[Aa][Rr][Bb][Ss]?\b`,
);
const ARB_SLANG = new RegExp(ARB_WORD.source, 'g');
/** Words that name intents, never assets, and a chain named as one ("on bnb chain": where to look, not the BNB coin). */
const INTENT_WORDS = /\b(arbitrage|spreads?|scam|rug|(?:bnb|binance) (?:smart )?chain)\b/gi;
/** A coin's old name beside its new one ("POL (ex-matic)", "S, formerly FTM"): the same coin, named once. */
const FORMER_NAME = /\b(?:ex-|formerly |previously |fka |f\.k\.a\.? )\$?[a-z0-9]{2,20}\b/gi;
const withoutIntentWords = (text: string) => {
  const cleaned = text.replace(INTENT_WORDS, ' ').replace(ARB_SLANG, ' ');
  // Most messages name no former name: the cheap look first.
  return /ex-|formerly|previously|fka|f\.k\.a/i.test(cleaned) ? cleaned.replace(FORMER_NAME, ' ') : cleaned;
};

/**
 * The analyser's view of the token registry, with what a person may call a coin beyond its ticker
 * and name: its CoinGecko id ("fetch-ai", "render-token") and its name misspelt ("etherium").
 */
export interface PlannerTokens extends TokenLookup {
  /** A ticker, name or CoinGecko id, else the ranked coin a misspelling most likely means. */
  resolve(term: string): TokenRecord | undefined;
}

/** How many terms `resolve` remembers before it starts over. */
const REMEMBERED_TERMS = 4096;

/**
 * `resolve` remembers its answers: a term no coin is called ("latest", "average") is searched for as
 * a misspelling among every ranked coin's spellings, most of a message's token reading, and the
 * registry, built once from its catalog, answers a term the same way every time.
 */
export function plannerTokens(registry: TokenRegistry, lookup: TokenLookup): PlannerTokens {
  const resolved = new Map<string, TokenRecord | undefined>();
  return {
    ...lookup,
    resolve(term) {
      if (resolved.has(term)) return resolved.get(term);
      if (resolved.size >= REMEMBERED_TERMS) resolved.clear();
      const record = lookup.byName(term) ?? registry.resolve(term)[0] ?? registry.closest(term);
      resolved.set(term, record);
      return record;
    },
  };
}

/**
 * Every match of a global pattern, by `exec` from the start: `matchAll` copies the pattern on each
 * call, which costs more than the matching on the short messages the planner reads.
 */
function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push(match);
  return found;
}

/** A CoinGecko id as people paste it: lower-case words joined by hyphens ("fetch-ai", "ethereum-classic"). */
const COINGECKO_ID = /\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g;

/**
 * Assets mentioned, strongest first: cashtags, pairs, names ("bitcoin"),
 * tickers. A request to a tool is itself trading context, so a ticker in
 * capitals that reads as an English word ("LINK", "NEAR") counts here too,
 * after the others, and so do CoinGecko ids, tickers listed beside other
 * tokens ("eth, link and uni") and coins where the sentence puts one
 * ("price of etherium"). `pairs`: the caller's reader of letter pairs, for those places' filters.
 */
export function assets(text: string, lookup: PlannerTokens, pairs: LetterPairs): string[] {
  const cleaned = withoutIntentWords(text);
  const found = extractTokens(cleaned, lookup)
    .sort((a, b) => b.confidence - a.confidence)
    .map((m) => m.symbol);
  // Not in a message written all in capitals, where every word would be a candidate.
  const shouted = cleaned === cleaned.toUpperCase();
  const capitals = (shouted && found.length ? [] : (cleaned.match(/\b[A-Z][A-Z0-9]{1,9}\b/g) ?? []))
    .filter((word) => lookup.tickerRisk(word) !== 'abbreviation' && lookup.bySymbol(word))
    .map((word) => lookup.bySymbol(word)!.symbol);
  const ids = (cleaned.match(COINGECKO_ID) ?? []).flatMap((id) => {
    const record = lookup.resolve(id);
    return record?.coingeckoId === id ? [record.symbol] : [];
  });
  const named = withoutNamesWithin(
    [
      ...new Set([
        ...found,
        ...capitals,
        ...ids,
        ...twoWordNames(cleaned, lookup),
        ...subjectTicker(cleaned, lookup, pairs),
      ]),
    ],
    cleaned,
    lookup,
  );
  return [...new Set([...named, ...listedBeside(cleaned, named, lookup)])];
}

/**
 * Coins named in two words ("bitcoin cash", "shiba inu"), which the extractor may read as the first
 * word's coin. Only a word that starts some coin's name is looked up with the next.
 */
function twoWordNames(text: string, lookup: TokenLookup): string[] {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words
    .slice(1)
    .flatMap((word, i) => (lookup.startsName(words[i]!) ? (lookup.byName(`${words[i]} ${word}`)?.symbol ?? []) : []));
}

/** "Ethereum Classic" names ETC, not ETH too: a coin is dropped when its name is only ever part of another's. */
function withoutNamesWithin(symbols: string[], text: string, lookup: TokenLookup): string[] {
  // A name is within another's only where there are two.
  if (symbols.length < 2) return symbols;
  const names = new Map(symbols.map((symbol) => [symbol, lookup.bySymbol(symbol)?.name.toLowerCase() ?? '']));
  const lower = text.toLowerCase();
  return symbols.filter((symbol) => {
    const name = names.get(symbol)!;
    const longer = [...names.values()].filter((other) => other !== name && name && other.includes(name));
    if (longer.length === 0 || new RegExp(`\\b${symbol.toLowerCase()}\\b`).test(lower)) return true;
    return longer.reduce((rest, other) => rest.replaceAll(other, ' '), lower).includes(name);
  });
}

/** What joins a list's items (see `listedBeside`): without one, a sentence is a single item. */
const JOINS_ITEMS = /,|&|\+|\band\b|\bvs\b|\bor\b/i;

/**
 * Tickers that read as words ("link", "near", "apt"), taken where they stand in a list with a token
 * already found: joined by commas, "and", "&", "+" or "vs" ("eth, link, aave and uni"), or three or more
 * tickers in a row that end the sentence ("quote sui apt near").
 */
function listedBeside(text: string, found: readonly string[], lookup: TokenLookup): string[] {
  if (found.length === 0 && !text.includes(',')) return [];
  const known = new Set(found.map((symbol) => symbol.toLowerCase()));
  const tickerOf = (word: string) => {
    const clean = word.replace(/^\$/, '');
    if (SUBJECT_STOP.has(clean.toLowerCase()) || lookup.tickerRisk(clean) === 'abbreviation') return undefined;
    // A coin's name stands in a list as its ticker does ("hedera, stellar, algorand").
    return (lookup.bySymbol(clean) ?? lookup.byName(clean))?.symbol;
  };
  const added: string[] = [];
  for (const sentence of text.split(/[.?!:;\n]+/)) {
    // A list needs a word or mark joining its items: a sentence with none is read only for a closing run.
    if (JOINS_ITEMS.test(sentence)) {
      // An amount before a ticker names the ticker ("3 avax, 40 link and 1200 algo").
      // "+" joins two tickers ("stellar + cardano"), not a ticker and a phrase ("price + 24h change for mantle").
      const joined = sentence.split(/\s*(?:,|&|\band\b|\bvs\.?\b|\bor\b)\s*/i).flatMap((item) => {
        const parts = item.split(/\s*\+\s*/);
        return parts.length > 1 && parts.every((part) => /^\$?[a-z0-9]{2,10}$/i.test(part.trim())) ? parts : [item];
      });
      const items = joined.map((item) => {
        // A list may close on when it asks about: "avax and near this week".
        const trimmed = item.trim().replace(WHEN_CLOSING, '');
        return /[\d$]/.test(trimmed[0] ?? '') ? trimmed.replace(/^\$?\d[\d.,]*k?\s+(?=[a-z])/i, '') : trimmed;
      });
      // Joined lists: a one-word item beside a token already found.
      const single = items.map((item) => (/^\$?[a-z0-9]{2,10}$/i.test(item) ? tickerOf(item) : undefined));
      // Three or more, every one a ticker, need no token found beside them: "my watchlist: link, dot, atom".
      const allTickers = single.filter(Boolean).length >= 3 && items.every((item, i) => !item || single[i]);
      // The list's first item closes the words before it: "quote me link, uni and aave" (a name first: "how are bitcoin and …").
      const lead = items[0]!.split(/\s+/).at(-1)!;
      if (items.length >= 2 && !single[0] && !SUBJECT_STOP.has(lead.toLowerCase()))
        single[0] = lookup.byName(lead)?.symbol ?? tickerOf(lead);
      const listed = single.filter((ticker) => ticker !== undefined);
      if (
        listed.length >= 2 &&
        items.length >= 2 &&
        (allTickers || listed.some((ticker) => known.has(ticker.toLowerCase())))
      ) {
        added.push(...listed);
      }
    }
    // A run of tickers closing the sentence: "quote sui apt near"; three at least, one of them found.
    const words = sentence.trim().split(/\s+/);
    let run: string[] = [];
    for (let i = words.length - 1; i >= 0 && known.size > 0 && words.length >= 3; i--) {
      const ticker = tickerOf(words[i]!);
      if (!ticker) break;
      run = [ticker, ...run];
    }
    if (run.length >= 3 && run.some((ticker) => known.has(ticker.toLowerCase()))) added.push(...run);
  }
  return added;
}

/** A coin as a sentence puts one, in the places `subjectTicker` reads. */
const COIN = '\\$?([a-z0-9][a-z0-9-]{1,24}(?: [a-z]{3,12})?)';
/** Where a sentence puts a coin; built once, as they run on every message, each with its filter (literals.ts). */
const SUBJECT_PLACES = [
  new RegExp(
    `\\b(?:prices?|quotes?|value|worth|chart|cap|gap|opportunit(?:y|ies)|brief(?:ing)?|recap|overview|summary|highlights|update|report|rundown|lowdown|volume|news|headlines|tweets|posts|sentiment|vibes?|outlook|thoughts|take|mentions?|bullish|bearish|hyped|fud|buzz|chatter|saying|dip|long|short|entry|score|number|reading|coverage) (?:(?:me|us) )?(?:of|for|on|about|with) ${COIN}`,
    'gi',
  ),
  // Before what is asked of it: "link price", "hype 24h %", "strk market cap", "eth performance".
  /(?<![\w-])\$?([a-z0-9]{2,10}) (?:prices?|charts?|news|headlines|tweets|sentiment|mentions?|buzz|chatter|mcap|market cap|volume|holders|performance|spreads?|per (?:exchange|venue)|\d{1,2}\s?[hdw] ?(?:%|change))(?!\w)/gi,
  /\b(?:buy|sell|ape into|aping into|fomo(?:'?ing|ed)? into|dca(?:-?ing)? into|get(?:ting)? into|rotate into|vibe check|throw|toss|add) (?:or (?:buy|sell|hold) )?(?:(?:my|more|some) )?\$?([a-z0-9]{2,10})\b/gi,
  // A holding or a sum put into a coin: "hold or sell my link bag", "Doge bag: sell now?", "putting 2k into near".
  /(?:(?:^\s*|\b(?:my|our) )\$?(?=[a-z0-9]{2,10} (?:bags?|position|stack|holdings?)\b)|\b(?:put(?:ting)?|throw(?:ing)?|invest(?:ing)?) \$?\d[\d.,]*k? (?:\w+ )?(?:into|in) \$?)([a-z0-9]{2,10})\b/gi,
  // Its price or its chatter asked as a verb: "is etherium trading at", "did stellar pump", "is fartcoin getting more chatter".
  /\b(?:is|was|'s|s|did|has) \$?([a-z0-9][a-z0-9-]{1,24}) (?:trading|sitting|priced|changing hands|worth|going for|getting|pump(?:ing|ed)?|dump(?:ing|ed)?|moon(?:ing|ed)?|crash(?:ing|ed)?|tank(?:ing|ed)?|rall(?:y|ying|ied)|dip(?:ping|ped)?|bleed(?:ing)?|go(?:ing)? (?:up|down)|up|down|green|red|(?:being )?(?:talked about|discussed|mentioned))\b/gi,
  // A coin opening the message before a colon, the subject of what follows: "dot: which exchange has the lowest offer".
  /^\s*\$?([a-z0-9]{2,10})\s*:\s/gi,
  // What the items name: "how many items mention render today".
  /\b(?:items|posts|articles|tweets|headlines|stories) mention(?:s|ing)? \$?([a-z0-9]{2,10})\b/gi,
  // A choice of two opening the question, what to hold or buy: "dot or atom for a long-term hold?".
  /^\s*\$?([a-z0-9]{2,10}) (?:or|vs\.?) \$?[a-z0-9]{2,10}(?= (?:for|as|to (?:buy|hold))\b|\s*[?,])/gi,
  /^\s*\$?[a-z0-9]{2,10} (?:or|vs\.?) \$?([a-z0-9]{2,10})(?= (?:for|as|to (?:buy|hold))\b|\s*[?,])/gi,
  // A follow-up naming one thing: "and dot?", "what about near", "same for link", "what about sol instead". Each
  // optional tail holds its own `\s*`, so a run of spaces is read once, not tried in every split between three.
  new RegExp(
    `^\\s*(?:(?:ok(?:ay)?|so|right)[,\\s]+)?(?:and|or|now|also|(?:what|how) about|same (?:for|with))\\s+(?:for\\s+)?${COIN}(?:\\s*(?:instead|then|too))?(?:\\s*\\?)?\\s*$`,
    'gi',
  ),
].map((place) => [place, mayMatch(place)] as const);

/**
 * A coin written in lower case that reads as a word ("link", "near", "op"), by a CoinGecko id or
 * misspelt ("etherium"), taken only where the sentence puts a token: "price of link", "near price",
 * "buy or sell link", "vibe check hype", "is etherium trading at", "and dot?".
 */
function subjectTicker(text: string, lookup: PlannerTokens, pairs: LetterPairs): string[] {
  pairs.read(text);
  const subjects = SUBJECT_PLACES.flatMap(([place, may]) => (may(pairs) ? matchesOf(place, text) : [])).map((match) =>
    match[1]!.replace(/[?!.,]+$/, ''),
  );
  return subjects.flatMap((subject) => {
    // Two words may be one name ("ethereum classic"), else the first is the coin ("link today").
    const [first] = subject.split(' ');
    for (const term of subject === first ? [subject] : [subject, first!]) {
      if (SUBJECT_STOP.has(term.toLowerCase())) continue;
      // A coin's name is that coin ("bitcoin" is BTC, not a token with that ticker).
      const record = lookup.byName(term) ?? lookup.bySymbol(term) ?? lookup.resolve(term);
      if (record) return [record.symbol];
    }
    return [];
  });
}
const SUBJECT_STOP = new Set(
  'the a an my our your me us you it its this that them all some any more on in at to for of gas market crypto token coin now here today quick current live latest spot best one up down new big small everything everyone anything anyone something nothing'.split(
    ' ',
  ),
);

/** Symbols in the order the text names them, by ticker or by the first word of their name; unnamed ones last. */
export function inOrderWritten(text: string, symbols: readonly string[], lookup: TokenLookup): string[] {
  const words = text.toLowerCase().split(/[^a-z0-9]+/);
  const at = (symbol: string) => {
    const name = lookup.bySymbol(symbol)?.name.toLowerCase().split(/\s+/)[0];
    const found = [words.indexOf(symbol.toLowerCase()), name ? words.indexOf(name) : -1].filter((i) => i >= 0);
    return found.length ? Math.min(...found) : Number.POSITIVE_INFINITY;
  };
  return [...symbols].sort((a, b) => at(a) - at(b));
}

/** A coin quoted in another: "SOL priced in BTC", "eth quoted in btc". */
const QUOTED_IN = /\b([A-Za-z0-9]{2,10}) (?:priced|quoted|denominated) in ([A-Za-z]{2,6})\b/i;

/** A market written as a pair: "BTC/USDT", "eth-btc", "SOL_USDC", "SOL priced in BTC". */
export function writtenPair(text: string, lookup: TokenLookup): string | undefined {
  const written = [
    /\b([A-Za-z0-9]{2,10})\s?[/_-]\s?([A-Za-z]{2,6})\b/.exec(withoutIntentWords(text)),
    QUOTED_IN.exec(text),
  ];
  const pair = written.find((found) => found && lookup.bySymbol(found[1]!) && lookup.bySymbol(found[2]!));
  return pair ? `${pair[1]!.toUpperCase()}/${pair[2]!.toUpperCase()}` : undefined;
}

/**
 * A pair as written, else the first asset against USDT; `assetsOf` reads the assets (the planner's
 * per-message copy of `assets`, so a text is read for tokens once).
 */
export function market(text: string, lookup: TokenLookup, assetsOf: (text: string) => string[]): string | undefined {
  const pair = writtenPair(text, lookup);
  if (pair) return pair;
  const [base] = assetsOf(text);
  return base && base !== 'USDT' ? `${base}/USDT` : undefined;
}

const PERCENT = new RegExp(`${NUMBER}\\s*(?:%|percent\\b|pct\\b)`, 'i');
/** The profit floor written as the tool's setting, in percent: "min_profit=0.15", "min profit 0.2", `"min_profit_pct": 0.05`, "--min 0.1". */
const PROFIT_SETTING = new RegExp(
  `(?:\\bmin(?:imum)?[_ ]profit(?:_pct)?["']?|(?<![\\w-])--min(?:[_-]profit(?:[_-]pct)?)?)\\s*[=:]?\\s*${NUMBER}(?![\\d.])`,
  'i',
);
/** "0.5%", "1 percent", "2 pct". */
export function percent(text: string): number | undefined {
  const match = PERCENT.exec(text) ?? PROFIT_SETTING.exec(text);
  if (match) return num(match[1]!);
  // "half a percent", "a quarter of a percent".
  const fraction = /\b(half|a quarter)(?: of)? an? (?:percent|pct)\b/i.exec(text)?.[1];
  return fraction ? (fraction.toLowerCase() === 'half' ? 0.5 : 0.25) : undefined;
}

/** "2 ETH", "size 1.5", "with 1000 USDT", "size 1m": the amount of `asset` (or a size/amount word). */
export function amount(text: string, asset?: string): number | undefined {
  const scaled = String.raw`${NUMBER}\s?([km])?`;
  const patterns = [
    String.raw`\b(?:size|amount|qty|quantity)\s*(?:of\s*)?${scaled}\b`,
    ...(asset ? [`${scaled}\\s*\\$?${asset}\\b`] : []),
  ];
  for (const pattern of patterns) {
    const match = new RegExp(pattern, 'i').exec(text);
    if (match) return num(match[1]!) * ({ k: 1e3, m: 1e6 }[match[2]?.toLowerCase() ?? ''] ?? 1);
  }
  return undefined;
}

/** "top 5", "worst 3", "5 results"; none for "top 0", which asks for nothing a tool could list. */
export function limit(text: string): number | undefined {
  const match =
    /\b(?:top|best|first|worst|biggest|largest)\s+(\d{1,3})\b|\b(\d{1,3})\s+(?:results|items|coins|tokens|opportunities|cycles|members|clans)\b/i.exec(
      text,
    );
  const count = match ? Number(match[1] ?? match[2]) : 0;
  return count > 0 ? count : undefined;
}

export const EXCHANGES = [
  'binance',
  'okx',
  'bybit',
  'coinbase',
  'kraken',
  'kucoin',
  'bitfinex',
  'bitstamp',
  'gate',
  'gateio',
  'htx',
  'huobi',
  'mexc',
  'bitget',
  'gemini',
  'cryptocom',
];

const EXCHANGE = new RegExp(`\\b(${EXCHANGES.join('|')})\\b`, 'i');
export function exchange(text: string): string | undefined {
  return EXCHANGE.exec(text)?.[1]?.toLowerCase();
}

const UNIT_MINUTES: Record<string, number> = {
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1_440,
  day: 1_440,
  days: 1_440,
  w: 10_080,
  wk: 10_080,
  wks: 10_080,
  week: 10_080,
  weeks: 10_080,
  month: 43_200,
  months: 43_200,
  fortnight: 20_160,
};

/** Counts written as words, as a window may be ("seven days"). */
// biome-ignore format: a table, packed
const COUNTS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fourteen: 14,
  thirty: 30, 'a couple of': 2, 'couple of': 2, 'a few': 3,
};
const SPELLED_WINDOW = new RegExp(
  `\\b(${Object.keys(COUNTS).join('|')})[\\s-]+(minutes?|hours?|days?|weeks?|months?)\\b`,
  'i',
);

/** A look-back window in minutes: "24h", "30 minutes", "last 3 days", "seven days", "past week", "today". */
export function windowMinutes(text: string): number | undefined {
  const counted = /\b(\d{1,4})[\s-]*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?)\b/i.exec(text);
  if (counted) return Number(counted[1]) * UNIT_MINUTES[counted[2]!.toLowerCase()]!;
  // Written out: "the previous seven days", "past two weeks", "a couple of hours".
  const spelled = SPELLED_WINDOW.exec(text);
  if (spelled) return COUNTS[spelled[1]!.toLowerCase()]! * UNIT_MINUTES[spelled[2]!.toLowerCase()]!;
  const single =
    /\b(?:last|past|this|the|(?:for|in|over|within) a)\s+(?:whole\s+|entire\s+|full\s+)?(hour|day|week|fortnight|month)\b/i.exec(
      text,
    );
  if (single) return UNIT_MINUTES[single[1]!.toLowerCase()];
  // "month in review", "week over week", "weekly recap": a period named as the whole subject.
  const period = /^\s*(?:the\s+)?(day|week|month)\s+in\s+review\b|\b(day|week|month) over \2\b|\bfortnight\b/i.exec(
    text,
  );
  if (period) return UNIT_MINUTES[(period[1] ?? period[2] ?? 'fortnight').toLowerCase()];
  const every = /\b(hourly|daily|weekly|monthly)\b/i.exec(text)?.[1];
  if (every) return { hourly: 60, daily: 1_440, weekly: 10_080, monthly: 43_200 }[every.toLowerCase()];
  if (/\bovernight\b/i.test(text)) return 720;
  if (/\btoday\b/i.test(text)) return 1_440;
  if (/\byesterday\b/i.test(text)) return 2_880;
  return undefined;
}

/** A look-back window as the tools write it: 30m, 6h, 7d. */
export function lookBack(text: string): string | undefined {
  const minutes = windowMinutes(text);
  return minutes === undefined ? undefined : windowOf(minutes);
}

/** A window of so many minutes as the tools take it: "2d", "24h", "90m". */
export function windowOf(minutes: number): string {
  if (minutes % 1_440 === 0 && minutes > 1_440) return `${minutes / 1_440}d`;
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** Text in quotes: "…", “…”, or '…' standing apart from words (so apostrophes don't count). */
function quoted(text: string): string | undefined {
  const match = /["“]([^"”]{1,80})["”]/.exec(text) ?? /(?:^|\s)'([^']{1,80})'(?=$|[\s?!.,])/.exec(text);
  return match?.[1]?.trim();
}

// biome-ignore format: a table, packed
const NAMED_COLOURS: Record<string, string> = {
  black: '#000000', white: '#ffffff', red: '#e53935', green: '#43a047', blue: '#1e88e5', navy: '#000080', teal: '#008080',
  purple: '#8e24aa', violet: '#7f00ff', pink: '#d81b60', orange: '#fb8c00', yellow: '#fdd835', gold: '#ffd700',
  silver: '#c0c0c0', grey: '#808080', gray: '#808080', brown: '#6d4c41', cyan: '#00bcd4', magenta: '#ff00ff',
  lime: '#c0ca33', indigo: '#3949ab', maroon: '#800000', olive: '#808000', turquoise: '#40e0d0', coral: '#ff7f50',
  crimson: '#dc143c', emerald: '#50c878', mint: '#98ff98', lavender: '#b57edc', beige: '#f5f5dc',
};

/** The colour names `colour` knows, as a regex alternation. */
export const COLOUR_WORDS = Object.keys(NAMED_COLOURS).join('|');

const COLOUR_NAME = new RegExp(`\\b(${COLOUR_WORDS})\\b`, 'i');
/** "#1a2b3c", "#abc" or a colour name, as a six-digit hex colour. */
export function colour(text: string): string | undefined {
  const hex = /#([0-9a-f]{6}|[0-9a-f]{3})\b/i.exec(text)?.[1];
  if (hex) return `#${(hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex).toLowerCase()}`;
  const name = COLOUR_NAME.exec(text)?.[1];
  return name ? NAMED_COLOURS[name.toLowerCase()] : undefined;
}

const CLAN_STOP = new Set([
  'is',
  'are',
  'was',
  'has',
  'have',
  'leading',
  'winning',
  'losing',
  'ahead',
  'currently',
  'current',
  'running',
  'ongoing',
  'latest',
  'right',
  'clan',
  'clans',
  'doing',
  'score',
  'scores',
  'rank',
  'standing',
  'war',
  'wars',
  'warz',
  'the',
  'my',
  'our',
  'in',
  'this',
  'season',
  'now',
  'today',
]);

/** Capitalised because they start a sentence, not because they name something. */
const OPENERS = new Set([
  'how',
  'what',
  'whats',
  "what's",
  'is',
  'are',
  'show',
  'tell',
  'give',
  'which',
  'who',
  'where',
  'when',
  'does',
  'did',
  'can',
  'could',
  'please',
  'find',
  'list',
  'get',
  'stats',
  'i',
  'and',
  'the',
]);

/** Up to four capitalised words in a row ("Moon Cartel", "What Is Whale Pod"). */
const CAPITALISED_RUN = /\b[A-Z][\w']*(?:\s+[A-Z][\w']*){0,3}/g;

/**
 * A clan reference: a quoted name, a slug ("moon-cartel"), a name in
 * capitals ("Moon Cartel"), or the words after "clan" ("clan moon cartel").
 */
export function clanRef(text: string): string | undefined {
  const fromQuotes = quoted(text);
  if (fromQuotes) return fromQuotes;
  const slug = /\b[a-z0-9]+(?:-[a-z0-9]+)+\b/.exec(text)?.[0];
  if (slug && !/^season-/.test(slug)) return slug;
  for (const run of matchesOf(CAPITALISED_RUN, text)) {
    const words = run[0].replace(/'s?$/, '').split(/\s+/);
    while (words.length && OPENERS.has(words[0]!.toLowerCase().replace(/'s$/, ''))) words.shift();
    const name = words.join(' ');
    if (name && !CLAN_STOP.has(name.toLowerCase())) return name;
  }
  // Not after "my clan": the user's own clan goes unnamed ("how many points did my clan get").
  const after = /(?<!\b(?:my|our)\s+)\bclan\s+(?:called\s+|named\s+)?(.+)$/i.exec(text)?.[1] ?? '';
  const words: string[] = [];
  for (const word of after.split(/\s+/).map((w) => w.replace(/[?!.,]+$/, ''))) {
    if (!word || CLAN_STOP.has(word.toLowerCase()) || words.length === 3) break;
    words.push(word);
  }
  if (words.length) return words.join(' ');
  for (const pattern of LOWER_CASE_CLAN) {
    // "show me satoshi guard's score": the name is what is left after the words that lead into it.
    const found = pattern.exec(text)?.[1];
    if (!found) continue;
    const named = found.split(' ');
    // "how are my holdings doing": what the user owns, not a clan.
    if (OWNED.test(named[0]!)) continue;
    while (named.length && NOT_A_CLAN.has(named[0]!.toLowerCase())) named.shift();
    if (named.length && named.every((word) => !NOT_A_CLAN.has(word.toLowerCase()))) return named.join(' ');
  }
  return undefined;
}

const OWNED = /^(my|our|your)$/i;

/** One to three words a clan's name may be written as, in lower case. */
const NAME = `([a-z][a-z0-9]*(?: [a-z][a-z0-9]*){0,2}?)`;
/**
 * Where a sentence about clans puts a name, so one written in lower case is still read ("moon
 * cartel score?", "what rank is whale pod", "the diamond hands war", "are the gas goblins at war",
 * "and satoshi guard?" after a score).
 */
const LOWER_CASE_CLAN = [
  new RegExp(`^\\s*(?:and|or|what about|how about)\\s+(?:the\\s+)?${NAME}\\s*[?!.]*\\s*$`, 'i'),
  new RegExp(
    `\\b(?:rank|score|standing|points|position) (?:is|of|for) (?:the )?${NAME}(?=\\s*[?!.]*\\s*$|\\s+(?:in|this|right|now|today|season)\\b)`,
    'i',
  ),
  new RegExp(
    `\\b(?:is|are|does|do|did) (?:the )?${NAME} (?:doing|do|fare|faring|at war|in a war|fighting|facing|battling|winning|losing|ahead|leading|ranked|still|have|has|sit|stand|rank)\\b`,
    'i',
  ),
  // The clan closing a request for its figures: "recent score events for degen alliance", "war margin for whale pod".
  new RegExp(
    `\\b(?:score|points|events|rank|ranking|standing|stats|war|margin|status)\\b.{0,30}\\b(?:for|of) (?:the )?${NAME}\\s*[?!.]*\\s*$`,
    'i',
  ),
  // Its place asked: "what place is degen alliance in".
  new RegExp(`\\b(?:what|which) (?:place|position|rank|spot) (?:is|are) (?:the )?${NAME} (?:in|at)\\b`, 'i'),
  // A clan opening the sentence, then its war: "gas goblins at war with anyone?", "satoshi guard losing their war".
  new RegExp(`^\\s*(?:the\\s+)?${NAME} (?:at war|winning|losing|ahead|behind|leading)\\b`, 'i'),
  // Its war opening the sentence: "satoshi guard war — are they leading?".
  new RegExp(`^\\s*(?:the\\s+)?${NAME} war\\b`, 'i'),
  new RegExp(`\\b(?:between )?(?:the )?${NAME} (?:vs\\.?|versus|against) `, 'i'),
  new RegExp(`\\bbetween (?:the )?${NAME} and `, 'i'),
  new RegExp(`\\bthe ${NAME} (?:war|clan)\\b`, 'i'),
  new RegExp(`${NAME}'s (?:score|points|rank|ranking|standing|stats|war)\\b`, 'i'),
  new RegExp(
    `(?:^|[,:;?] ?)${NAME}(?::| -| –)? (?:war )?(?:score|points|rank|ranking|standings?|stats|update|status|members|recent events)\\b`,
    'i',
  ),
  // The clan as the one who scored: "how many points has gas goblins got".
  new RegExp(
    `\\b(?:points|score)\\b.{0,20}\\b(?:has|have|did) (?:the )?${NAME} (?:got|gotten|get|earned|scored|made|collected)\\b`,
    'i',
  ),
  // Where a clan stands, asked as a place: "where's degen alliance placed".
  new RegExp(
    `\\b(?:where|how high|how far up|how low)(?:'s| is| are) (?:the )?${NAME} (?:placed|ranked|sitting|standing)\\b`,
    'i',
  ),
  // Its best member asked of it: "who's the top dog in moon cartel rn", "mvp of gas goblins".
  new RegExp(
    `\\b(?:top dog|mvp|top (?:member|player|scorer)|best (?:member|player)|strongest (?:member|player))s? (?:in|of|at) (?:the )?${NAME}(?=(?:\\s+(?:rn|now|right now|today|this season))?[\\s?!.]*$)`,
    'i',
  ),
  // The clan as the object closing the question: "who's carrying whale pod", "members of degen alliance".
  new RegExp(`\\b(?:carrying|carries|members (?:of|in)|joined|leads|leading) (?:the )?${NAME}\\s*[?!.]*\\s*$`, 'i'),
];
/** Words that are not a clan's name where those patterns read one. */
const NOT_A_CLAN = new Set([
  ...CLAN_STOP,
  ...OPENERS,
  'their',
  'its',
  'they',
  'it',
  'that',
  'this',
  'we',
  'you',
  'your',
  'me',
  'at',
  'a',
  'an',
  'any',
  'every',
  'all',
  'which',
  'many',
  'much',
  'whose',
  'who',
  'top',
  'best',
  'first',
  'last',
  'overall',
  'total',
  'recent',
  'member',
  'members',
  'player',
  'players',
  'leaderboard',
]);

/**
 * Words a tool's field or option is built of ("min_profit", "net_profit_pct", "from_block"): a name
 * made of one is a setting or an output field pasted from a tool, not a member's handle.
 */
const FIELD_PARTS =
  /^(min|max|net|gross|pct|usd|id|ids|block|size|profit|asset|color|colour|count|limit|window|since|until|value|mentions|address|chain|types?|score|rank|share|first|seen|high|low|from|to|start|end|amount|fee|fees|price|brand)$/i;

/**
 * A member handle: "@vega_dmnd", or a word with an underscore ("vega_dmnd", but not a variable like
 * "RSS_FEEDS", a field like "min_profit=0.15" or "net_profit_pct").
 */
export function handle(text: string): string | undefined {
  const at = /@([a-z0-9_][a-z0-9_.-]{1,31})/i.exec(text)?.[1];
  if (at) return at.toLowerCase();
  if (!text.includes('_')) return undefined;
  // Not a tool's name ("market.token_info").
  for (const [, word] of text.matchAll(/(?<![\w.])([a-z0-9]+_[a-z0-9_]+)\b(?!\s*=)/gi))
    if (word !== word!.toUpperCase() && !word!.split('_').some((part) => FIELD_PARTS.test(part)))
      return word!.toLowerCase();
  return undefined;
}

/** "season 2", "season-2" → "season-2". */
export function season(text: string): string | undefined {
  const match = /\bseason[\s-]?(\d{1,4})\b/i.exec(text);
  return match ? `season-${match[1]}` : undefined;
}

export function uuid(text: string): string | undefined {
  return /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.exec(text)?.[0]?.toLowerCase();
}

/**
 * Addresses as a person types them: the analyser's, and an EVM address whose mixed case is no valid
 * checksum (a digit mistyped, an example made up), passed on as typed: the tools refuse it, naming the
 * checksum, where its lower case would have them check another contract without a word. The analyser
 * drops those, rightly for posts, where a mistyped address is noise.
 */
export function addressesIn(text: string): Array<{ address: string; family: 'evm' | 'solana'; start: number }> {
  const found = findAddresses(text);
  const typed = (text.match(/\b0x[0-9a-fA-F]{40}\b/g) ?? []).filter(
    (address) => !found.some((f) => f.address === address),
  );
  if (typed.length === 0) return found;
  return [
    ...found,
    ...typed.map((address) => ({
      address,
      family: 'evm' as const,
      start: text.indexOf(address),
    })),
  ].sort((a, b) => a.start - b.start);
}
