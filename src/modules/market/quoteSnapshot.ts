import { deadline, untilAborted } from '../../core/deadline.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import type { TokenRegistry } from '../tokens/index.ts';
import type { MarketData } from './marketData.ts';

/** A token's price when a story is analysed (the analysis says where its main token trades). */
interface Quote {
  price_usd: number;
  change_24h_pct?: number;
}

/** Quotes of the best-ranked tokens by ticker, for analysis at ingest time. */
export type QuoteSnapshot = () => Promise<Readonly<Record<string, Quote>>>;

/** How many tokens, best ranked first: one CoinGecko request, and the coins most stories are about. */
const TOP_TOKENS = 100;
const TTL_MS = 60_000;
const DEADLINE_MS = 3_000;

/**
 * A minute-old view of the majors' prices, shared by every story analysed in that minute: ingest
 * asks for it per batch and must never wait on the market for long or fail because of it. A load
 * that fails or takes longer than three seconds leaves the last good snapshot (or none) in place,
 * and the next minute tries again; concurrent callers share one load.
 */
export function createQuoteSnapshot(
  data: MarketData,
  registry: TokenRegistry,
  deps: { logger: Logger; now?: () => number; deadlineMs?: number },
): QuoteSnapshot {
  const now = deps.now ?? Date.now;
  const symbols = [
    ...new Set(
      registry
        .all()
        .filter((token) => token.rank !== undefined)
        .sort((a, b) => a.rank! - b.rank!)
        .map((token) => token.symbol.toUpperCase()),
    ),
  ].slice(0, TOP_TOKENS);
  let snapshot: Readonly<Record<string, Quote>> = {};
  let freshUntil = 0;
  let loading: Promise<Readonly<Record<string, Quote>>> | undefined;

  async function load() {
    const limit = deadline(deps.deadlineMs ?? DEADLINE_MS);
    try {
      // Bounded even if the source ignores the signal.
      const infos = await untilAborted(data.tokenInfos(symbols, limit.signal), limit.signal);
      const quotes: Record<string, Quote> = {};
      infos.forEach((info, i) => {
        if (info?.price_usd == null) return;
        quotes[symbols[i]!] = {
          price_usd: info.price_usd,
          ...(info.change_24h_pct != null && { change_24h_pct: info.change_24h_pct }),
        };
      });
      snapshot = quotes;
    } catch (err) {
      deps.logger.warn({ err: errorText(err) }, 'market quotes for analysis unavailable; analysing without');
    } finally {
      limit.clear();
    }
    freshUntil = now() + TTL_MS;
    loading = undefined;
    return snapshot;
  }

  return () => {
    if (now() < freshUntil) return Promise.resolve(snapshot);
    loading ??= load();
    return loading;
  };
}
