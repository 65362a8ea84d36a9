import { ARB_WORD, addressesIn, inOrderWritten, limit, lookBack, WHEN_CLOSING, windowMinutes } from '../extract.ts';
import { askChain, chainIn } from './naughtyCoin.ts';
import {
  cues,
  guarded,
  isNumber,
  isString,
  isStrings,
  list,
  money,
  NAMED_TOOL,
  pct,
  prior,
  type Intent,
  type IntentContext,
} from '../intent.ts';

/** The fields of market.token_info the answer reads (also one entry of market.prices). */
interface TokenInfo {
  symbol: string;
  name: string;
  price_usd: number | null;
  change_24h_pct: number | null;
  market_cap_usd: number | null;
  volume_24h_usd: number | null;
  as_of: string;
  source: string;
}

export const TOKEN_INFO = 'market.token_info';
export const PRICES = 'market.prices';
/** market.prices answers up to this many tokens at once. */
const MAX_PRICES = 25;

const asksPrice = cues(
  [
    3,
    /\b(prices?|priced|quotes?|worth(?! it\b)|cost|how much (is|are|does|for)|value of|market ?caps?|mcap|(trading )?volume|24 ?h(ours?)? change|up or down|ath|charts?|holders)\b/i,
  ],
  [3, /\b\d{1,2} ?(h|hrs?|d) ?(%|pct\b|change\b)/i],
);
/** Words of a price moving: "moved", "dropped", "pumping". */
const MOVED =
  /\b(mov(e|ed|ing)|pump(s|ed|ing)?|dump(s|ed|ing)?|moon(ing)?|crash(es|ed|ing)?|drop(s|ped|ping)?|rall(y|ied|ying)|tank(s|ed|ing)?|bleed(ing)?|surg(e|ed|ing)|spik(e|ed|ing)|gain(ed|ing)?|fall(en|ing)?|fell|rising|rose)\b/i;
/** How a coin did over a time ("how did ETH do this week", "how has SOL performed"): the 24 h change answers it. */
const HOW_IT_DID = /\bhow (did|has|have)\b.{1,60}\b(do|done|perform(ed)?|fared?)\b/i;
/** How a named token is doing: "how are BTC and ETH doing", "where is ADA trading", "what's SOL at". */
const asksHowItTrades = cues(
  [3, /\b(how|what|where)('?s| is| are)\b.{1,60}\b(doing|looking|performing|trading|at)\b/i],
  [3, /\b(compare|quote me)\b/i],
  [3, /\b(trading|sitting|changing hands) (at|around)\b/i],
  [3, MOVED],
  [3, HOW_IT_DID],
);
/**
 * Two coins set against each other and nothing else asked ("eth vs sol this week", "sol vs eth performance"): their
 * prices side by side, with which moved most. Anything more ("eth vs sol news") is for the intent its words cue.
 */
const SET_AGAINST = new RegExp(
  String.raw`^\s*\$?[\w.-]+\s+(?:vs\.?|versus|against)\s+\$?[\w.-]+(?:\s+(?:performance|perf|prices?|price action|returns?|gains?))?(?:` +
    WHEN_CLOSING.source +
    String.raw`|\s*[?!.]*\s*$)`,
  'i',
);
/** Several coins compared by their move: "which of BTC, ETH and SOL moved most?", "which one dropped the least". */
const WHICH_MOVED = new RegExp(
  `\\b(which|who)\\b.{0,40}(${MOVED.source}).{0,20}\\b(most|least|more|less|hardest|best|worst)\\b`,
  'i',
);
/** A price change asked for ("how much did BTC drop", "ETH's performance", "SOL % change"). */
const CHANGE = new RegExp(`${MOVED.source}|\\b(change[ds]?|perform(ance|ed|ing)?|up or down|gains?|loss(es)?)\\b`, 'i');

/**
 * A price change asked over a window other than a day ("this week", "in the last hour"): the market data gives
 * the 24 h change only, which the answer gives with a line saying so rather than as the week's.
 */
function windowNote(text: string): string | undefined {
  const window = lookBack(text);
  if (window === undefined || window === '24h' || /\byesterday\b/i.test(text)) return undefined;
  if (!CHANGE.test(text) && !HOW_IT_DID.test(text) && !SET_AGAINST.test(text)) return undefined;
  return `The market data gives the 24 h change only; no tool here reports a ${window} change.`;
}
/** Words that ask about prices between venues: arbitrage and spread questions, not a token's price. */
const BETWEEN_VENUES =
  /\b(across|between) (venues|exchanges)\b|\b(every|each) (venue|exchange)\b|\bprice (gap|difference)s?\b|\bcheaper\b|\barbitrage\b|\bspreads?\b|\b(best|cheapest) (place|exchange|venue|spot) to\b/i;
const CHAIN = /\bon (ethereum|base|bsc|bnb chain|arbitrum|polygon|optimism|avalanche|solana)\b/i;

/**
 * The token a text asks about by contract address, with its chain ("… on base"; Solana addresses
 * name their own; else the chain the registry lists it on), or the question for its chain.
 */
function addressQuery(
  text: string,
  context: IntentContext,
): { args: { address: string; chain: string } } | { ask: string } | undefined {
  const [found] = addressesIn(text);
  if (!found) return undefined;
  const chain =
    found.family === 'solana'
      ? 'solana'
      : (CHAIN.exec(text)?.[1]?.toLowerCase() ?? chainIn(text) ?? context.lookup.byAddress(found.address)?.chain);
  if (!chain) return askChain(found.address);
  return { args: { address: found.address, chain: chain === 'bnb chain' ? 'bsc' : chain } };
}

/** The tokens asked about, in the order written, each once; else those of the call followed up. */
export function tokensAsked(text: string, context: IntentContext): string[] {
  const before = prior(context, 'symbols', isStrings) ?? [prior(context, 'symbol', isString)].filter(isString);
  const named = inOrderWritten(text, context.assets(text), context.lookup);
  if (named.length === 0) return before;
  // "add jup to that", "also need ena in there" grow the table; "now do bnb" asks for the new ones only.
  const grown = ADDS_TO.test(text) ? [...new Set([...before, ...named])] : named;
  return grown.slice(0, MAX_PRICES);
}
const ADDS_TO =
  /\b(add|throw|toss|chuck|include|put|stick)\b.*\b(in|to|into|too|also|as well)\b|\b(also|too|as well|in there)\b/i;

/** A rise or fall of 24 h: "+12.30 %"; "unknown" where the source gave none. */
const signed = (change: number | null) => (change === null ? 'unknown' : `${change > 0 ? '+' : ''}${pct(change)}`);

/** "ETH (Ethereum) is $3,245.13, −2.31 % in 24 h". */
function describeToken(info: TokenInfo): string {
  const change = info.change_24h_pct === null ? '' : `, ${signed(info.change_24h_pct)} in 24 h`;
  return `${info.symbol} (${info.name}) ${info.price_usd === null ? 'has no price' : `is ${money(info.price_usd)}`}${change}`;
}

/** Market figures no tool reports: past prices (on a day of a year written, plotted, as candles), gas fees, dominance. Said, rather than answered with today's price. */
const NOT_REPORTED =
  /\b(gas (fees?|prices?)|gwei|dominance|plot|graph|candle(stick)? charts?|candlesticks?)\b|\b(closed?|opened?) at\b|\bwhat did \S+ (trade|sell|go) (at|for)\b|\bhistorical\b|\bprice history\b|\b(\d+|one|a) (years?|months?|weeks?) ago\b|\ball[- ]time highs?\b|\bfor (19|20)\d{2}\b|\b(on|in|during)\s+(the\s+)?(\d{1,2}(st|nd|rd|th)?\s+(of\s+)?)?((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+)?(\d{1,2}(st|nd|rd|th)?,?\s+)?(19|20)\d{2}\b(?!-)/i;
const NOT_REPORTED_REPLY =
  'I have current prices only (price, 24 h change, market cap, volume, holders); no tool here reports past prices or charts, gas fees or market dominance.';

/** A price asked in another currency ("btc price in EUR", "eth in €"): the tools quote US dollars only. */
const OTHER_CURRENCY =
  /\b(?:in|to|into)\s+(eur|euros?|gbp|pounds?|jpy|yen|cad|aud|chf|inr|rupees?|cny|rmb|yuan|krw|won|brl|rub|rubles?|mxn|sgd|hkd|nzd|sek|nok|pln|zar)\b|([€£¥₹₩])/i;

function currencyNote(text: string): string | undefined {
  const found = OTHER_CURRENCY.exec(text);
  if (!found) return undefined;
  const written = found[1] ? (found[1].length === 3 ? found[1].toUpperCase() : found[1]) : found[2]!;
  return `Prices here are in US dollars; no tool converts them to ${written}.`;
}

/**
 * A ticker written where a price question puts one ("price of NMBX?", "$nmbx", "nmbx price"), for a
 * token the registry does not know: said so, rather than asked "which token?" again.
 */
const WRITTEN_TICKER = [
  /\$([a-z][a-z0-9]{1,9})\b/i,
  /\b(?:price|value|worth|chart|quote|mcap|market cap|volume)\s+(?:of|for|on)\s+([a-z][a-z0-9]{1,9})\b/i,
  /\b([a-z][a-z0-9]{1,9})\s+(?:price|chart|mcap|market cap|volume)\b/i,
  /\b([A-Z][A-Z0-9]{1,9})\b/,
];
const NOT_A_TICKER = new Set(
  'the a an my our your this that its it their what whats current today now token coin crypto usd usdt eur ath atl api utc etf nft'.split(
    ' ',
  ),
);

function unknownTicker(text: string): string | undefined {
  return WRITTEN_TICKER.map((pattern) => pattern.exec(text)?.[1])
    .find((word) => word !== undefined && !NOT_A_TICKER.has(word.toLowerCase()))
    ?.toUpperCase();
}

const notInRegistry = (ticker: string) => ({
  ask:
    `${ticker} is not in the token registry, so I have no price for it. ` +
    `Its mentions may still be counted: osint.token_mentions ("how many mentions did ${ticker} get today?").`,
});

/**
 * A token's price and market data (market.token_info), or several tokens'
 * prices at once (market.prices). A bare asset ("SOL?") is taken as a price question.
 */
const tokenPrice: Intent = {
  tools: [TOKEN_INFO, PRICES],
  capability: 'give token prices, 24 h change, market cap and volume ("price of ETH?", "BTC, ETH and SOL prices")',
  topic: 'token prices',
  score(text, context) {
    if (BETWEEN_VENUES.test(text) || ARB_WORD.test(text)) return 0;
    // A figure it does not have is still its to answer: it says so.
    if (NOT_REPORTED.test(text)) return 3;
    const asked = asksPrice(text, context);
    if (asked) return asked;
    const named = context.assets(text).length;
    // Which of the coins named moved most is a request for their prices, as specific as a tool named (router.ts).
    if (named > 1 && WHICH_MOVED.test(text)) return 5;
    if (named > 1 && SET_AGAINST.test(text)) return 3;
    const trades = asksHowItTrades(text, context);
    return trades && named > 0 ? trades : 0;
  },
  hint(text, context) {
    // Nothing but an asset, an address or a pair ("SOL?", "$PEPE", "ETH/USDT"), or a list of tokens
    // ("the majors: bitcoin, ethereum, solana"): their prices.
    const leftover = text.replace(/[$?!.,\s]|\b[A-Za-z0-9]{2,10}\s?[/_-]\s?[A-Za-z]{2,6}\b/g, '');
    const named = context.assets(text).length;
    return (leftover.length <= 12 && named > 0) || named >= 3 ? 1 : 0;
  },
  plan(text, context) {
    if (NOT_REPORTED.test(text)) return { ask: NOT_REPORTED_REPLY };
    const address = addressQuery(text, context);
    if (address) return 'ask' in address ? address : { calls: [{ tool: TOKEN_INFO, args: address.args }] };
    const tokens = tokensAsked(text, context);
    if (tokens.length === 0) {
      const ticker = unknownTicker(text);
      return ticker
        ? notInRegistry(ticker)
        : { ask: 'Which token? For example "price of ETH" or "BTC, ETH and SOL prices".' };
    }
    const note = [currencyNote(text), windowNote(text)].filter(Boolean).join(' ');
    return {
      calls: [
        tokens.length === 1
          ? { tool: TOKEN_INFO, args: { symbol: tokens[0] } }
          : { tool: PRICES, args: { symbols: tokens } },
      ],
      ...(note && { note }),
    };
  },
  answer: (results) => describePrices(results[0]!.tool, results[0]!.result),
};

/** The answer to market.token_info (with market cap and volume) or market.prices (a line a token). */
export function describePrices(tool: string, result: unknown): string {
  if (tool === TOKEN_INFO) {
    const info = result as TokenInfo;
    const size = [
      info.market_cap_usd === null ? '' : `market cap ${money(info.market_cap_usd)}`,
      info.volume_24h_usd === null ? '' : `24 h volume ${money(info.volume_24h_usd)}`,
    ].filter(Boolean);
    return `${describeToken(info)}${size.length ? `; ${size.join(', ')}` : ''} (${info.source}, as of ${info.as_of}).`;
  }
  const { prices, not_found } = result as { prices: Array<TokenInfo & { query: string }>; not_found: string[] };
  const missing = not_found.length ? `\nNo price for ${not_found.join(', ')}.` : '';
  const source = prices[0] ? ` (${prices[0].source}, as of ${prices[0].as_of})` : '';
  return `Prices${source}:\n${list(prices.map(describeToken))}${movedMost(prices)}${missing}`;
}

/** Of several coins, which moved most in 24 h either way and which least: what a comparison asks ("which of those moved most?"). */
function movedMost(prices: readonly TokenInfo[]): string {
  const moved = prices
    .filter((info) => info.change_24h_pct !== null)
    .sort((a, b) => Math.abs(b.change_24h_pct!) - Math.abs(a.change_24h_pct!));
  if (moved.length < 2) return '';
  const said = (info: TokenInfo) => `${info.symbol} (${signed(info.change_24h_pct)})`;
  // Of two, the one that moved less is the other line of the list.
  const least = moved.length > 2 ? `; least: ${said(moved.at(-1)!)}` : '';
  return `\nMoved most in 24 h: ${said(moved[0]!)}${least}.`;
}

const MOVERS = 'market.movers';
/** market.movers lists up to this many each way. */
const MAX_MOVERS = 50;

/** The market's movers asked for, no coin named: "top gainers today?", "biggest losers", "what's pumping", "best performing coins". */
const asksMovers = cues(
  // The tool's own words (its name, its directions: movers, gainers, losers) name it as a tool's name does
  // (intent.ts NAMED_TOOL), which the classifier must not read as a briefing ("biggest losers in the last 24h?");
  // top performers are a specific request (router.ts).
  [NAMED_TOOL, /\b(gainers|losers|movers)\b/i],
  [5, /\b((best|worst|top)( \d+)?[- ]perform(ing|ers))\b/i],
  [
    5,
    /\b(biggest|largest|top)( \d+)?( %| percent(age)?)? (movers|gains|losses|drops|moves|swings|risers|fallers|pumps|dumps|pumpers|dumpers)\b/i,
  ],
  // Coins that moved most: "which coins ripped the hardest today?", "who's moving today".
  [
    4,
    /\b(which|what) (of the (big|large|major|top) )?(coins?|tokens?|caps?)\b.{0,20}\b(ripped|pumped|mooned|dumped|tanked|bled|rose|fell|gained|lost|smashed|hammered|wrecked|rekt|crashed)\b.{0,15}\b(most|hardest)\b|^\s*who'?s moving\b/i,
  ],
  [
    4,
    /^\s*(what|which)( coins?| tokens?)?('?s| is| are)( \w+)? (pumping|dumping|mooning|ripping|bleeding|tanking|(up|down) the most)\b/i,
  ],
  // What moved most, either way: "what moved the most today?", "what's moving the most right now".
  [5, /^\s*(what|which)( coins?| tokens?)?('?s| is| are| has| have)? (moved|moving) (the )?most\b/i],
  // The largest coins asked which way they moved: "which big coins went up most since yesterday", "who bled the most
  // among the majors", "anything green among large caps today?", "top 10 green coins 24h".
  [
    4,
    guarded(
      /big|large|major|top|green|red/i,
      /\b(big|large|largest|major|top)[- ]?(coins?|caps?|crypto|ones)\b.{0,30}\b(went (up|down)|(is|are) (falling|rising)|falling|rising|bled|pumped|dumped|up|down)\b.{0,10}\b(most|more|hardest)\b|\b(most|hardest)\b.{0,20}\bamong (the )?(majors|large caps|big caps|top caps|big coins)\b|\b(green|red) (coins|ones)\b|\b(green|red)\b.{0,15}\bamong (the )?(majors|large caps|big caps|top caps|big coins)\b/i,
    ),
  ],
);
/** The other side of the movers asked for ("now the other side pls", "flip it"). */
const FLIPS = /\b(other side|flip(ped)?|the reverse|opposite|other way round)\b/i;
/** A question about the list itself, which its tool's description answers: "how many coins does the movers list rank". */
const ABOUT_THE_LIST =
  /\b(movers|gainers|losers)(\s?\/\s?\w+)? (list|board|ranking|tool)\b.{0,30}\b(include|rank|cover|contain|count|work|mean|computed|calculated)\b/i;
/** Movers of the talk about coins, not of their prices (osint.discover_coins, a briefing). */
const TALK = /\b(mentions?|mentioned|chatter|buzz|talk(ed|ing)?|tweets?|news|headlines|feeds?)\b/i;
const FALLING =
  /\b(losers|worst|losses|drops|fallers|dumpers|dumped|dumping|tanked|tanking|bleeding|bled|fell|falling|went down|going down|smashed|hammered|wrecked|rekt|crashed|down the most|bottom|red)\b/i;
const RISING =
  /\b(gainers|best|top( \d+)?[- ]perform\w*|gains|risers|pumps|pumpers|pumped|pumping|mooned|mooning|ripped|ripping|went up|going up|rose|rising|up the most|up most|leaders|green)\b/i;

interface Mover extends TokenInfo {
  rank: number;
}
interface Movers {
  quote_currency: string;
  ranked: number;
  gainers?: Mover[];
  losers?: Mover[];
  as_of: string | null;
  source: string;
}

/** The tool ranks by the 24 h change: another window asked for is said, as a price in another currency is. */
const OVER_A_DAY = 'The movers are ranked by their 24 h change; no tool ranks them over another window.';

/** The day's top gainers and losers among the largest coins (market.movers). */
const movers: Intent = {
  tools: [MOVERS],
  capability: 'list the day\'s top gainers and losers among the largest coins ("top gainers today?", "biggest losers")',
  topic: 'token prices',
  score(text, context) {
    const asked = asksMovers(text, context);
    return asked && !TALK.test(text) && !ABOUT_THE_LIST.test(text) && context.assets(text).length === 0 ? asked : 0;
  },
  plan(text, context) {
    const [rising, falling] = [RISING.test(text), FALLING.test(text)];
    const before = prior(context, 'direction', isString);
    // "now the other side pls", "flip it": the side the last answer did not show.
    const flipped = FLIPS.test(text) && before !== undefined && before !== 'both';
    const direction = flipped
      ? before === 'gainers'
        ? 'losers'
        : 'gainers'
      : rising === falling
        ? (before ?? 'both')
        : rising
          ? 'gainers'
          : 'losers';
    const count = limit(text) ?? prior(context, 'limit', isNumber);
    const minutes = windowMinutes(text);
    return {
      calls: [
        { tool: MOVERS, args: { direction, ...(count !== undefined && { limit: Math.min(count, MAX_MOVERS) }) } },
      ],
      ...(minutes !== undefined && minutes !== 1_440 && { note: OVER_A_DAY }),
    };
  },
  answer(results) {
    const r = results[0]!.result as Movers;
    const line = (coin: Mover) =>
      `#${coin.rank} ${coin.symbol} ${coin.price_usd === null ? 'no price' : money(coin.price_usd)}, ${signed(coin.change_24h_pct)}`;
    // A quiet day may have no coin that rose (or fell): said, not shown as an empty list.
    const side = (name: string, moved: string, coins: Mover[] | undefined) =>
      coins === undefined ? [] : [coins.length ? `${name}:\n${list(coins.map(line))}` : `No coin ${moved}.`];
    const source = `${r.source}${r.as_of ? `, as of ${r.as_of}` : ''}`;
    const head = `Over 24 h among ${r.ranked} of the largest coins, prices in ${r.quote_currency} (${source}):`;
    return [head, ...side('Top gainers', 'rose', r.gainers), ...side('Top losers', 'fell', r.losers)].join('\n');
  },
};

export const marketIntents: Intent[] = [tokenPrice, movers];
