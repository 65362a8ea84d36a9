import { ingestSchema, type IngestItem } from '../intelligence/index.ts';
import type { Opportunity } from './schemas.ts';

export const SCANNER_AGENT_ID = 'arbitrage-scanner';
/** An opportunity still open in the next bucket is news again; within one it is the same item. */
const PUBLICATION_BUCKET_MS = 10 * 60_000;

const amount = (value: number) => value.toLocaleString('en-US', { maximumSignificantDigits: 8 });

/** The best opportunity of each symbol: one dislocation is one story, not one per venue it can be sold to. */
export function bestPerSymbol(opportunities: readonly Opportunity[]): Opportunity[] {
  const best = new Map<string, Opportunity>();
  for (const o of opportunities) {
    const current = best.get(o.symbol);
    if (!current || o.net_profit_pct > current.net_profit_pct) best.set(o.symbol, o);
  }
  return [...best.values()];
}

/** An opportunity as an intelligence item of type exchange, idempotent per (symbol, venues, time bucket). */
export function opportunityItem(o: Opportunity, asOf: Date): IngestItem {
  const [base, quote] = o.symbol.split('/') as [string, string];
  const bucket = Math.floor(asOf.getTime() / PUBLICATION_BUCKET_MS);
  return ingestSchema.parse({
    external_id: `${o.symbol}:${o.buy_venue}:${o.sell_venue}:${bucket}`,
    type: 'exchange',
    title: `Arbitrage ${o.symbol}: buy on ${o.buy_venue}, sell on ${o.sell_venue} for ${o.net_profit_pct.toFixed(2)}% net`,
    content:
      `Buy ${amount(o.size)} ${base} on ${o.buy_venue} at a volume-weighted ${amount(o.buy_price)} ${quote} (taker fee ${o.buy_fee_pct}%) ` +
      `and sell on ${o.sell_venue} at ${amount(o.sell_price)} (taker fee ${o.sell_fee_pct}%): ` +
      `${amount(o.net_profit)} ${quote} net on ${amount(o.cost)} ${quote}, ${o.net_profit_pct}% after fees. Order books as of ${asOf.toISOString()}.`,
    analysis: 'Cross-exchange price dislocation; such gaps usually close within seconds to minutes.',
    value: {
      score: Math.min(100, Math.round(60 + o.net_profit_pct * 10)),
      reasons: ['cross-exchange arbitrage', `${o.net_profit_pct}% net of taker fees`],
    },
    event: { type: 'other' },
    tokens: [{ symbol: base }],
    source: { kind: 'exchange', name: 'AlphaNest arbitrage scanner' },
    agent_id: SCANNER_AGENT_ID,
    published_at: asOf.toISOString(),
  });
}
