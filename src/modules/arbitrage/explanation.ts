import { percent, toOpportunity } from './presentation.ts';
import type { SymbolTrade } from './scanner.ts';
import type { Shortfall, ShortfallReason } from './schemas.ts';

/** What was asked, as the explanation repeats it. */
export interface ShortfallQuestion {
  minProfitPct: number;
  /** Base units the caller asked to price; absent when each pair was priced at its executable size. */
  size?: number;
  /** Where the candidates come from, as the message names it: `on BTC/USDT`, `in any of 50 markets`. */
  scope: string;
}

const amount = (value: number) => value.toLocaleString('en-US', { maximumSignificantDigits: 8 });
const signed = (pct: number) => `${pct > 0 ? '+' : ''}${percent(pct)} %`;
const grossPct = (t: SymbolTrade) => (t.sellPrice / t.buyPrice - 1) * 100;

/** Why a candidate falls short; a candidate exists, so there was a second venue. */
type CandidateReason = Exclude<ShortfallReason, 'no_second_venue'>;

function reasonOf(best: SymbolTrade, size: number | undefined): CandidateReason {
  if (size !== undefined && (!best.complete || (best.executableSize > 0 && best.executableSize < size))) return 'depth';
  if (best.netProfitPct > 0) return 'below_min_profit';
  return grossPct(best) > 0 ? 'fees' : 'no_price_gap';
}

function sentence(
  reason: CandidateReason,
  best: SymbolTrade,
  { minProfitPct, size, scope }: ShortfallQuestion,
): string {
  const [base, quote] = best.symbol.split('/') as [string, string];
  const wanted = minProfitPct > 0 ? `${minProfitPct} % or more` : 'a profit';
  const head = `No trade ${scope} nets ${wanted} after taker fees`;
  const pair = `buy ${base} on ${best.buyVenue} at ${amount(best.buyPrice)} ${quote}, sell on ${best.sellVenue} at ${amount(best.sellPrice)} ${quote}`;
  const fees = `${percent(best.buyFee * 100)} % + ${percent(best.sellFee * 100)} %`;
  const prices = `${signed(grossPct(best))} before fees, ${signed(best.netProfitPct)} after the taker fees (${fees})`;
  switch (reason) {
    case 'no_price_gap':
      return `${head}: no venue bids above another's ask. Closest: ${pair}, ${prices}.`;
    case 'fees':
      return `${head}: the fees eat the gap. Best: ${pair}, ${prices}.`;
    case 'below_min_profit':
      return `${head}. Best: ${pair}, ${signed(best.netProfitPct)} after fees on ${amount(best.size)} ${base} (cost ${amount(best.cost)} ${quote}).`;
    case 'depth':
      return best.complete
        ? `${head} at ${amount(size!)} ${base}: ${pair} stays profitable only up to ${amount(best.executableSize)} ${base}; the whole size nets ${signed(best.netProfitPct)}.`
        : `${head} at ${amount(size!)} ${base}: the books hold only ${amount(best.size)} ${base} (${pair}), which nets ${signed(best.netProfitPct)}.`;
  }
}

/**
 * Why nothing passed `minProfitPct`: the candidate with the highest net %
 * (every venue pair, priced as the opportunities are) and what stopped it:
 * books that do not cross, fees larger than the gap, depth below the asked
 * size, a profit below the minimum, or no second venue to trade against.
 */
export function explainShortfall(
  candidates: readonly SymbolTrade[],
  question: ShortfallQuestion,
  asOf: string,
): Shortfall {
  const best = candidates.reduce<SymbolTrade | undefined>(
    (a, b) => (a && a.netProfitPct >= b.netProfitPct ? a : b),
    undefined,
  );
  if (!best) {
    return {
      reason: 'no_second_venue',
      message: `No trade ${question.scope}: fewer than two venues returned a book, and a cross-exchange trade needs two.`,
      as_of: asOf,
      best_candidate: null,
    };
  }
  const reason = reasonOf(best, question.size);
  return {
    reason,
    message: sentence(reason, best, question),
    as_of: asOf,
    best_candidate: {
      ...toOpportunity(best),
      gross_spread_pct: percent(grossPct(best)),
      fees_pct: percent((best.buyFee + best.sellFee) * 100),
    },
  };
}
