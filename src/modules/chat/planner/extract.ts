import { extractTokens, type TokenLookup } from '../../analysis/index.ts';

/**
 * Parameter readers for plain-English requests. Each finds one kind of value
 * (a market, a percentage, a window…) or returns undefined; the intents
 * decide which they need and how their tool spells it.
 */

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const num = (text: string) => Number(text.replace(',', '.'));

/** "arb" is slang for arbitrage; "ARB" in capitals is the Arbitrum ticker. */
export const ARB_WORD = /\b(?!ARB\b)[Aa][Rr][Bb][Ss]?\b/;
const ARB_SLANG = new RegExp(ARB_WORD.source, 'g');
/** Words that name intents, never assets. */
const INTENT_WORDS = /\b(arbitrage|spreads?|scam|rug)\b/gi;
const withoutIntentWords = (text: string) => text.replace(INTENT_WORDS, ' ').replace(ARB_SLANG, ' ');

/**
 * Assets mentioned, strongest first: cashtags, pairs, names ("bitcoin"),
 * tickers. A request to a tool is itself trading context, so a ticker in
 * capitals that reads as an English word ("LINK", "NEAR") counts here too,
 * after the others.
 */
export function assets(text: string, lookup: TokenLookup): string[] {
  const cleaned = withoutIntentWords(text);
  const found = extractTokens(cleaned, lookup)
    .sort((a, b) => b.confidence - a.confidence)
    .map((m) => m.symbol);
  // Not in a message written all in capitals, where every word would be a candidate.
  const shouted = cleaned === cleaned.toUpperCase();
  const capitals = (shouted && found.length ? [] : (cleaned.match(/\b[A-Z][A-Z0-9]{1,9}\b/g) ?? []))
    .filter((word) => lookup.tickerRisk(word) !== 'abbreviation' && lookup.bySymbol(word))
    .map((word) => lookup.bySymbol(word)!.symbol);
  return [...new Set([...found, ...capitals, ...subjectTicker(cleaned, lookup)])];
}

/**
 * A ticker written in lower case that reads as a word ("link", "near", "op"),
 * taken only where the sentence puts a token: "price of link", "near price", "buy or sell link".
 */
function subjectTicker(text: string, lookup: TokenLookup): string[] {
  const subjects = [
    ...text.matchAll(
      /\b(?:prices?|value|worth|chart|cap|news|sentiment|mentions?) (?:of|for|on|about) \$?([a-z0-9]{2,10})\b/gi,
    ),
    ...text.matchAll(/\b\$?([a-z0-9]{2,10}) (?:prices?|charts?|news|sentiment|mcap)\b/gi),
    ...text.matchAll(/\b(?:buy|sell|ape into|aping into) (?:or (?:buy|sell|hold) )?\$?([a-z0-9]{2,10})\b/gi),
  ].map((match) => match[1]!);
  return (
    subjects
      .filter((subject) => !SUBJECT_STOP.has(subject.toLowerCase()))
      // A coin's name is that coin ("bitcoin" is BTC, not a token with that ticker).
      .flatMap((subject) => (lookup.byName(subject) ?? lookup.bySymbol(subject))?.symbol ?? [])
  );
}
const SUBJECT_STOP = new Set(
  'the a an my our your me us you it its this that them all some any more on in at to for of gas market crypto token coin now here today'.split(
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

/**
 * "BTC/USDT", "eth-btc", "SOL_USDC" as written, else the first asset against USDT; `assetsOf` reads
 * the assets (the planner's per-message copy of `assets`, so a text is read for tokens once).
 */
export function market(text: string, lookup: TokenLookup, assetsOf: (text: string) => string[]): string | undefined {
  const pair = /\b([A-Za-z0-9]{2,10})\s?[/_-]\s?([A-Za-z]{2,6})\b/.exec(withoutIntentWords(text));
  if (pair && lookup.bySymbol(pair[1]!) && lookup.bySymbol(pair[2]!))
    return `${pair[1]!.toUpperCase()}/${pair[2]!.toUpperCase()}`;
  const [base] = assetsOf(text);
  return base && base !== 'USDT' ? `${base}/USDT` : undefined;
}

/** "0.5%", "1 percent", "2 pct". */
export function percent(text: string): number | undefined {
  const match = new RegExp(`${NUMBER}\\s*(?:%|percent\\b|pct\\b)`, 'i').exec(text);
  return match ? num(match[1]!) : undefined;
}

/** "2 ETH", "size 1.5", "with 1000 USDT": the amount of `asset` (or a size/amount word). */
export function amount(text: string, asset?: string): number | undefined {
  const patterns = [
    String.raw`\b(?:size|amount|qty|quantity)\s*(?:of\s*)?${NUMBER}`,
    ...(asset ? [`${NUMBER}\\s*\\$?${asset}\\b`] : []),
  ];
  for (const pattern of patterns) {
    const match = new RegExp(pattern, 'i').exec(text);
    if (match) return num(match[1]!);
  }
  return undefined;
}

/** "top 5", "best 3", "5 results". */
export function limit(text: string): number | undefined {
  const match =
    /\b(?:top|best|first)\s+(\d{1,3})\b|\b(\d{1,3})\s+(?:results|items|coins|tokens|opportunities|cycles|members|clans)\b/i.exec(
      text,
    );
  return match ? Number(match[1] ?? match[2]) : undefined;
}

const EXCHANGES = [
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

export function exchange(text: string): string | undefined {
  return new RegExp(`\\b(${EXCHANGES.join('|')})\\b`, 'i').exec(text)?.[1]?.toLowerCase();
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
};

/** A look-back window in minutes: "24h", "30 minutes", "last 3 days", "past week", "today". */
export function windowMinutes(text: string): number | undefined {
  const counted = /\b(\d{1,4})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?)\b/i.exec(text);
  if (counted) return Number(counted[1]) * UNIT_MINUTES[counted[2]!.toLowerCase()]!;
  const single = /\b(?:last|past|this|the)\s+(hour|day|week|month)\b/i.exec(text);
  if (single) return UNIT_MINUTES[single[1]!.toLowerCase()];
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
  if (minutes === undefined) return undefined;
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

/** "#1a2b3c", "#abc" or a colour name, as a six-digit hex colour. */
export function colour(text: string): string | undefined {
  const hex = /#([0-9a-f]{6}|[0-9a-f]{3})\b/i.exec(text)?.[1];
  if (hex) return `#${(hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex).toLowerCase()}`;
  const name = new RegExp(`\\b(${COLOUR_WORDS})\\b`, 'i').exec(text)?.[1];
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

/**
 * A clan reference: a quoted name, a slug ("moon-cartel"), a name in
 * capitals ("Moon Cartel"), or the words after "clan" ("clan moon cartel").
 */
export function clanRef(text: string): string | undefined {
  const fromQuotes = quoted(text);
  if (fromQuotes) return fromQuotes;
  const slug = /\b[a-z0-9]+(?:-[a-z0-9]+)+\b/.exec(text)?.[0];
  if (slug && !/^season-/.test(slug)) return slug;
  for (const run of text.matchAll(/\b[A-Z][\w']*(?:\s+[A-Z][\w']*){0,3}/g)) {
    const words = run[0].replace(/'s?$/, '').split(/\s+/);
    while (words.length && OPENERS.has(words[0]!.toLowerCase().replace(/'s$/, ''))) words.shift();
    const name = words.join(' ');
    if (name && !CLAN_STOP.has(name.toLowerCase())) return name;
  }
  const after = /\bclan\s+(?:called\s+|named\s+)?(.+)$/i.exec(text)?.[1] ?? '';
  const words: string[] = [];
  for (const word of after.split(/\s+/).map((w) => w.replace(/[?!.,]+$/, ''))) {
    if (!word || CLAN_STOP.has(word.toLowerCase()) || words.length === 3) break;
    words.push(word);
  }
  return words.length ? words.join(' ') : undefined;
}

/** A member handle: "@vega_dmnd", or a word with an underscore ("vega_dmnd", but not a variable like "RSS_FEEDS"). */
export function handle(text: string): string | undefined {
  const at = /@([a-z0-9_][a-z0-9_.-]{1,31})/i.exec(text)?.[1];
  if (at) return at.toLowerCase();
  if (!text.includes('_')) return undefined;
  for (const [, word] of text.matchAll(/\b([a-z0-9]+_[a-z0-9_]+)\b/gi))
    if (word !== word!.toUpperCase()) return word!.toLowerCase();
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
