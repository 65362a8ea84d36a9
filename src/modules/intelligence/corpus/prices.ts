import type { SimulatedPrices } from '../../market/index.ts';
import type { CorpusToken } from './tokens.ts';

/**
 * What the corpus says about prices, read off the embedded market's own
 * simulated price path (src/modules/market/simulatedQuotes.ts): a story
 * published at an instant states the move `market.token_info` quotes at that
 * instant, so the demo feed never says "SOL +9.8%" beside a market showing
 * SOL up 3%. The path is a pure function of the token and the second, so the
 * corpus stays reproducible. A token the market does not know (an invented
 * launch) has no move to tell.
 */

export interface PricePath {
  /** Percent change (to a tenth) from `from` to `to`; 0 for a token the market does not quote. */
  move(token: CorpusToken, from: Date, to: Date): number;
  /** The 24 h change at `at`, as the market quotes it then. */
  change24h(token: CorpusToken, at: Date): number;
  /**
   * Whole weeks since the price was last as high as at `at` (`up`) or as low; 0 when under two,
   * so a story says "2-week low" only when the path really is at one.
   */
  extremeWeeks(token: CorpusToken, at: Date, up: boolean): number;
  /** Market cap (USD) at `at`, as the market quotes it; 0 for a token it does not quote. */
  marketCap(token: CorpusToken, at: Date): number;
  /** Circulating supply (market cap over price) at `at`; 0 for a token the market does not quote. */
  supply(token: CorpusToken, at: Date): number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far back a new high or low is looked for, in hours: the path's hourly readings are fine enough for weeks. */
const LOOK_BACK_HOURS = 70 * 24;

const tenth = (value: number) => Math.round(value * 10) / 10;

export function createPricePath(market: SimulatedPrices): PricePath {
  const usd = (token: CorpusToken, at: number) => market.usd(token.symbol, at);
  const move = (token: CorpusToken, from: number, to: number) => {
    const [before, after] = [usd(token, from), usd(token, to)];
    return before === undefined || after === undefined ? 0 : tenth((after / before - 1) * 100);
  };
  return {
    move: (token, from, to) => move(token, from.getTime(), to.getTime()),
    change24h: (token, at) => move(token, at.getTime() - DAY_MS, at.getTime()),
    marketCap: (token, at) => market.marketCapUsd(token.symbol, at.getTime()) ?? 0,
    supply(token, at) {
      const [cap, price] = [market.marketCapUsd(token.symbol, at.getTime()), usd(token, at.getTime())];
      return cap === undefined || price === undefined ? 0 : cap / price;
    },
    extremeWeeks(token, at, up) {
      const now = usd(token, at.getTime());
      if (now === undefined) return 0;
      let hours = 0;
      while (hours < LOOK_BACK_HOURS) {
        const then = usd(token, at.getTime() - (hours + 1) * HOUR_MS)!;
        if (up ? then >= now : then <= now) break;
        hours++;
      }
      const weeks = Math.floor(hours / (7 * 24));
      return weeks >= 2 ? weeks : 0;
    },
  };
}
