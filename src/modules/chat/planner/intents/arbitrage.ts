import type { z } from 'zod';
import type { opportunitiesSchema, spreadOutput, triangularOutput } from '../../../arbitrage/index.ts';
import { amount, exchange, limit, market, percent, assets } from '../extract.ts';
import { cues, list, pct, price, type Intent } from '../intent.ts';

const askMarket = { ask: 'Which market should I look at? For example "BTC/USDT" or "ETH".' };

const findOpportunities: Intent<z.output<typeof opportunitiesSchema>> = {
  tool: 'arbitrage.find_opportunities',
  capability: 'find cross-exchange arbitrage ("find me arbitrage for BTC/USDT above 0.5%")',
  score: cues(
    [2, /\b(arbitrage|arbs?|opportunit(y|ies))\b/i],
    [2, /\b(buy|cheaper)\b.*\b(sell|dearer|more expensive)\b/i],
    [1, /\bprice (difference|gap)s?\b/i],
    [1, /\bacross (venues|exchanges)\b/i],
  ),
  args(text, { lookup }) {
    const symbol = market(text, lookup);
    if (!symbol) return askMarket;
    const size = amount(text, symbol.split('/')[0]);
    return {
      args: {
        symbol,
        min_profit_pct: percent(text) ?? 0,
        ...(size !== undefined && { size }),
        limit: limit(text) ?? 5,
      },
    };
  },
  answer({ opportunities, as_of }, args) {
    const floor = args.min_profit_pct ? ` above ${pct(Number(args.min_profit_pct))}` : '';
    if (opportunities.length === 0) return `No arbitrage for ${args.symbol}${floor} right now (as of ${as_of}).`;
    const lines = opportunities.map(
      (o) =>
        `buy on ${o.buy_venue} at ${price(o.buy_price)}, sell on ${o.sell_venue} at ${price(o.sell_price)}: ${pct(o.net_profit_pct)} net after fees on ${price(o.size)} units (${price(o.net_profit)} profit)`,
    );
    return `${opportunities.length} arbitrage opportunit${opportunities.length === 1 ? 'y' : 'ies'} for ${args.symbol}${floor} (as of ${as_of}):\n${list(lines)}`;
  },
};

const triangular: Intent<z.output<typeof triangularOutput>> = {
  tool: 'arbitrage.triangular',
  capability: 'look for triangular arbitrage on one exchange ("triangular arbitrage on binance from USDT")',
  score: cues([3, /\b(triangular|triangle|three[- ]leg|cycles?)\b/i]),
  args(text, { lookup }) {
    const venue = exchange(text);
    if (!venue) return { ask: 'On which exchange? For example "triangular arbitrage on binance".' };
    const start = /\b(?:from|starting (?:with|from|in)|start(?:ing)? asset|in)\s+\$?([A-Za-z]{2,10})\b/i.exec(
      text,
    )?.[1];
    const startAsset = start && lookup.bySymbol(start) ? start.toUpperCase() : assets(text, lookup)[0];
    const size = startAsset ? amount(text, startAsset) : undefined;
    return {
      args: {
        exchange: venue,
        ...(startAsset && { start_asset: startAsset }),
        ...(size !== undefined && { amount: size }),
        limit: limit(text) ?? 5,
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
};

const spread: Intent<z.output<typeof spreadOutput>> = {
  tool: 'arbitrage.spread',
  capability: 'show the bid/ask spread of a market on every venue ("spread for SOL/USDT")',
  score: cues([3, /\b(spreads?|bid[/ -]?ask|order ?books?|top of (the )?book)\b/i], [1, /\bbest (bid|ask|price)\b/i]),
  args(text, { lookup }) {
    const symbol = market(text, lookup);
    return symbol ? { args: { symbol } } : askMarket;
  },
  answer(s) {
    const lines = s.venues.map(
      (v) => `${v.venue}: bid ${price(v.bid)} / ask ${price(v.ask)} (spread ${pct(v.spread_pct)})`,
    );
    return (
      `${s.symbol} across ${s.venues.length} venues (as of ${s.as_of}):\n${list(lines)}\n` +
      `Best bid ${price(s.best_bid.price)} on ${s.best_bid.venue}, best ask ${price(s.best_ask.price)} on ${s.best_ask.venue}: ` +
      `cross-venue spread ${pct(s.cross_spread_pct)}, ${pct(s.cross_spread_after_fees_pct)} after fees.`
    );
  },
};

export const arbitrageIntents: Intent[] = [triangular, spread, findOpportunities];
