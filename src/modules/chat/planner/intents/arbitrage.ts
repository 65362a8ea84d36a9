import type { z } from 'zod';
import type { opportunitiesSchema, spreadOutput, triangularOutput } from '../../../arbitrage/index.ts';
import { amount, ARB_WORD, EXCHANGES, exchange, limit, market, percent, writtenPair } from '../extract.ts';
import { cues, isNumber, isString, list, pct, price, prior, toolIntent, type Intent } from '../intent.ts';

const askExchange = { ask: 'On which exchange? For example "triangular arbitrage on binance from USDT".' };
const askMarket = { ask: 'Which market should I look at? For example "BTC/USDT" or "ETH".' };

/** What arbitrage.find_opportunities and arbitrage.scan answer: the opportunities, or why there are none. */
type Search = z.output<typeof opportunitiesSchema> & { markets?: number; explanation?: { message: string } };

/** "any market", "across the whole market", "anywhere": no market of its own, every one is scanned. */
const EVERY_MARKET =
  /\b(all|every|any|each|whole)\s+(markets?|pairs?|coins?|tokens?|symbols?)\b|\banywhere\b|\bacross (the )?(whole )?market\b/i;

const TWO_EXCHANGES = new RegExp(
  `\\b(${EXCHANGES.join('|')})\\s*(?:/|vs\\.?|versus|and|to|-|→|->)\\s*(${EXCHANGES.join('|')})\\b`,
  'i',
);

const TRIANGULAR = /\b(triangular|triangle|three[- ]leg|cycles?|tri[- ]?arbs?)\b/i;
/** A loop named with its exchange ("binance loop check") is a triangular cycle, as "loop" alone need not be. */
const LOOP = /\bloops?\b/i;
/** A specific request's cue (router.ts). */
const SPECIFIC = 5;

/** A number standing alone between commas, in a terse triangular request, is the amount to start with: "okx triangle, start usdt, 250". */
const LONE_NUMBER = /(?:^|[,;:]\s*)(\d+(?:\.\d+)?)(k?)\s*(?=[,;.!?]|$)/i;
function loneNumber(text: string): number | undefined {
  const found = LONE_NUMBER.exec(text);
  return found ? Number(found[1]) * (found[2] ? 1e3 : 1) : undefined;
}

/** An empty search's answer (below) and the reason it quotes from the tool's explanation. */
const NOTHING_FOUND = /^No arbitrage .* right now \(as of [^)]*\)\. (.+)$/s;

const ARBITRAGE = 'arbitrage.find_opportunities';
const SCAN = 'arbitrage.scan';

/**
 * Cross-exchange arbitrage on one market, or, with none named, across every
 * market the engine watches (arbitrage.scan).
 */
const arbitrage: Intent = {
  tools: [ARBITRAGE, SCAN],
  capability:
    'find cross-exchange arbitrage on one market or across all of them ("find me arbitrage for BTC/USDT above 0.5%", "any arbitrage right now?")',
  topic: 'arbitrage',
  score: cues(
    // Not the word in a name (the arbitrage-scanner agent's items are news).
    [2, /\b(arbitrage|opportunit(y|ies))\b(?!-)/i],
    [2, ARB_WORD],
    [2, /\b(buy(ing)?|cheaper)\b.*\b(sell(ing)?|dearer|more expensive)\b/i],
    [2, /\bon one (exchange|venue)\b.*\b(another|other)\b/i],
    // A profit floor after costs asked of every market: "anything over 1% net of fees anywhere?"
    [2, /\b(net|after) (of )?(fees|costs)\b/i],
    [1, /\bprice (difference|gap)s?\b/i],
    // Two exchanges set against each other: "the bybit/coinbase gap on link", "binance vs okx for sol".
    [3, TWO_EXCHANGES],
    [1, /\bacross (venues|exchanges)\b/i],
  ),
  plan(text, context) {
    // A pair written is its market, "anywhere" then meaning any venue ("ETH/BTC cross arb anywhere?").
    const named =
      writtenPair(text, context.lookup) ??
      (EVERY_MARKET.test(text) ? undefined : market(text, context.lookup, context.assets));
    const symbol = named ?? (EVERY_MARKET.test(text) ? undefined : prior(context, 'symbol', isString));
    const minProfit = percent(text) ?? prior(context, 'min_profit_pct', isNumber) ?? 0;
    const top = limit(text) ?? prior(context, 'limit', isNumber) ?? 5;
    if (!symbol) return { calls: [{ tool: SCAN, args: { min_profit_pct: minProfit, limit: top } }] };
    // A size counts in the market's base asset, so it carries over only while the market stays the same.
    const size = amount(text, symbol.split('/')[0]) ?? (named ? undefined : prior(context, 'size', isNumber));
    return {
      calls: [
        {
          tool: ARBITRAGE,
          args: { symbol, min_profit_pct: minProfit, ...(size !== undefined && { size }), limit: top },
        },
      ],
    };
  },
  why({ reply }) {
    const reason = reply && NOTHING_FOUND.exec(reply)?.[1];
    return reason
      ? `${reason} Ask again for a fresh scan, or with a lower floor ("any arbitrage above 0.1%?").`
      : undefined;
  },
  answer(results) {
    const { tool, args, result } = results[0]!;
    const { opportunities, as_of, explanation, markets } = result as Search;
    const floor = args.min_profit_pct ? ` above ${pct(Number(args.min_profit_pct))}` : '';
    const where = tool === SCAN ? `across ${markets} markets` : `for ${args.symbol}`;
    if (opportunities.length === 0)
      return `No arbitrage ${where}${floor} right now (as of ${as_of}).${explanation ? ` ${explanation.message}` : ''}`;
    const lines = opportunities.map((o) => {
      const market = tool === SCAN ? `${o.symbol}: ` : '';
      const q = o.quote_currency;
      return `${market}buy on ${o.buy_venue} at ${price(o.buy_price)} ${q}, sell on ${o.sell_venue} at ${price(o.sell_price)} ${q}: ${pct(o.net_profit_pct)} net after fees on ${price(o.size)} ${o.base_currency} (${price(o.net_profit)} ${q} profit)`;
    });
    const count = `${opportunities.length} arbitrage opportunit${opportunities.length === 1 ? 'y' : 'ies'}`;
    return `${count} ${where}${floor} (as of ${as_of}):\n${list(lines)}`;
  },
};

const triangular = toolIntent<z.output<typeof triangularOutput>>({
  tool: 'arbitrage.triangular',
  capability: 'look for triangular arbitrage on one exchange ("triangular arbitrage on binance from USDT")',
  topic: 'arbitrage',
  // With its exchange named, a specific request ("three-leg arbitrage on coinbase in ETH"): the cycle and where to run it.
  score: (text) => {
    const cued = TRIANGULAR.test(text);
    return (cued || LOOP.test(text)) && exchange(text) ? SPECIFIC : cued ? 3 : 0;
  },
  args(text, context) {
    // Cycles run on one exchange, and which one is the user's to say (every labelled set asks, none assumes one).
    const venue = exchange(text) ?? prior(context, 'exchange', isString);
    if (!venue) return askExchange;
    const start = /\b(?:from|starting (?:with|from|in)|start(?:ing)? asset|in)\s+\$?([A-Za-z]{2,10})\b/i.exec(
      text,
    )?.[1];
    const written = start && context.lookup.bySymbol(start) ? start.toUpperCase() : context.assets(text)[0];
    const startAsset = written ?? prior(context, 'start_asset', isString);
    const size = startAsset
      ? (amount(text, startAsset) ?? loneNumber(text) ?? (written ? undefined : prior(context, 'amount', isNumber)))
      : undefined;
    return {
      args: {
        exchange: venue,
        ...(startAsset && { start_asset: startAsset }),
        ...(size !== undefined && { amount: size }),
        limit: limit(text) ?? prior(context, 'limit', isNumber) ?? 5,
      },
    };
  },
  answer({ exchange: venue, start_asset, cycles, as_of }) {
    if (cycles.length === 0) return `No triangular cycles from ${start_asset} on ${venue} (as of ${as_of}).`;
    const lines = cycles.map(
      (c) =>
        `${c.path.join(' → ')}: ${pct(c.net_profit_pct)} (${price(c.start_amount)} → ${price(c.end_amount)} ${start_asset})`,
    );
    const profitable = cycles.filter((c) => c.net_profit_pct > 0).length;
    return `Best triangular cycles from ${start_asset} on ${venue} (as of ${as_of}); ${profitable} of ${cycles.length} profitable after fees:\n${list(lines)}`;
  },
});

const spread = toolIntent<z.output<typeof spreadOutput>>({
  tool: 'arbitrage.spread',
  capability: 'show the bid/ask spread of a market on every venue ("spread for SOL/USDT")',
  topic: 'arbitrage',
  score: cues(
    [3, /\b(spreads?|bid[/ -]?ask|order ?books?|top of (the )?book)\b/i],
    [
      3,
      /\b(which|what|where)\b.{0,30}\b(exchanges?|venues?)\b.*\b(cheapest|lowest|highest|best (price|bid|ask|offer))\b/i,
    ],
    [3, /\bcheapest (place|exchange|venue|spot) to (buy|get)\b|\bwhere (is it|can i|should i)\b.*\bcheapest\b/i],
    // The best price to sell at is the best bid, as the cheapest to buy is the best ask; a gap between two venues named.
    [
      3,
      /\bwhere (can|should|do|would) i (sell|buy|dump|offload|unload)\b.*\b((highest|best|cheapest|lowest) (price|rate)|(the )?most (usdt|usdc|usd|dollars|money|cash))\b/i,
    ],
    // One side of a trade ("best place to dump my xrp"); buying and then selling is arbitrage.
    [3, /\b(best|cheapest) (place|exchange|venue|spot) to (sell|dump|offload|unload|buy|get)\b(?!.*\b(sell|buy)\b)/i],
    [3, /\b(binance|okx|bybit|coinbase|kraken|kucoin)\b.{0,30}\bprice (gap|diff(erence)?)\b/i],
    // Two venues set against each other on a price: "okx vs bybit price diff on doge", "does kraken or coinbase pay more".
    [
      4,
      /\b(binance|okx|bybit|coinbase|kraken|kucoin)\s*(vs\.?|versus|or|\/)\s*(binance|okx|bybit|coinbase|kraken|kucoin)\b.{0,40}\b(price|pays?|diff(erence)?|gap|higher|lower|more|less|cheaper|better)\b/i,
    ],
    [1, /\bbest (bid|ask|price)\b/i],
  ),
  args(text, context) {
    const symbol = market(text, context.lookup, context.assets) ?? prior(context, 'symbol', isString);
    return symbol ? { args: { symbol } } : askMarket;
  },
  answer(s) {
    const q = s.quote_currency;
    const lines = s.venues.map(
      (v) => `${v.venue}: bid ${price(v.bid)} / ask ${price(v.ask)} ${q} (spread ${pct(v.spread_pct)})`,
    );
    return (
      `${s.symbol} across ${s.venues.length} venues (as of ${s.as_of}):\n${list(lines)}\n` +
      `Best bid ${price(s.best_bid.price)} ${q} on ${s.best_bid.venue}, best ask ${price(s.best_ask.price)} ${q} on ${s.best_ask.venue}: ` +
      `cross-venue spread ${pct(s.cross_spread_pct)}, ${pct(s.cross_spread_after_fees_pct)} after fees.`
    );
  },
});

export const arbitrageIntents: Intent[] = [triangular, spread, arbitrage];
