import { unitHash } from '../../../core/seededRandom.ts';
import { MAJORS, MEMECOINS, type CorpusToken } from './tokens.ts';

/**
 * One daily price path per token, so every story about a token's price on a
 * given day tells the same move: no "BTC slides to a 3-week low" an hour
 * before "BTC rallies". The path is a pure function of the seed, the token
 * and the day, so it needs no replaying.
 */

interface DayMove {
  /** Percent change over the day. */
  move: number;
  /** Weeks since the price was last this high (a rise) or this low (a fall); 0 when under two. */
  weeks: number;
}

export interface PricePath {
  day(token: CorpusToken, at: Date): DayMove;
}

const DAY_MS = 86_400_000;
/** How far back a new high or low is looked for. */
const LOOK_BACK_DAYS = 70;

/** Daily volatility in percent: bitcoin calmest, memecoins wildest. */
function volatility(token: CorpusToken): number {
  if (token.symbol === 'BTC') return 2.4;
  if (token.symbol === 'ETH') return 3.2;
  if (MEMECOINS.includes(token)) return 8;
  return MAJORS.some(([t]) => t === token) ? 4 : 6;
}

export function createPricePath(seed: number): PricePath {
  /** A day's return: the sum of four uniforms is close enough to a normal draw. */
  const dailyReturn = (token: CorpusToken, day: number) => {
    let z = -2;
    for (let i = 0; i < 4; i++) z += unitHash(`${seed}:${token.symbol}:${day}`, `return-${i}`);
    return (z / Math.sqrt(4 / 12)) * volatility(token);
  };
  return {
    day(token, at) {
      const today = Math.floor(at.getTime() / DAY_MS);
      // Log levels relative to today's close, walking back.
      const move = dailyReturn(token, today);
      let level = 0;
      let days = 0;
      for (let d = today; d > today - LOOK_BACK_DAYS; d--) {
        level -= Math.log1p(dailyReturn(token, d) / 100);
        if (move > 0 ? level >= 0 : level <= 0) break;
        days++;
      }
      const weeks = Math.floor(days / 7);
      return { move: Math.round(move * 10) / 10, weeks: weeks >= 2 ? weeks : 0 };
    },
  };
}
