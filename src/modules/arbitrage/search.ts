import type { MarketSource } from './marketSource.ts';
import { explainShortfall, type ShortfallQuestion } from './explanation.ts';
import { toOpportunity } from './presentation.ts';
import { isOpportunity, type SymbolTrade } from './scanner.ts';

/**
 * What a search over freshly priced trades answers: those that pass
 * `minProfitPct`, best first, or, when none does, why (the best candidate and
 * what stops it), so an empty list is never the whole answer.
 */
export function searchAnswer(
  trades: readonly SymbolTrade[],
  question: ShortfallQuestion & { limit: number; source: MarketSource['kind'] },
) {
  const asOf = new Date(Math.max(0, ...trades.map((t) => t.timestamp))).toISOString();
  const found = trades
    .filter((t) => isOpportunity(t, question.minProfitPct))
    .sort((a, b) => b.netProfitPct - a.netProfitPct);
  const answer = {
    as_of: asOf,
    source: question.source,
    opportunities: found.slice(0, question.limit).map(toOpportunity),
  };
  return found.length ? answer : { ...answer, explanation: explainShortfall(trades, question, asOf) };
}
