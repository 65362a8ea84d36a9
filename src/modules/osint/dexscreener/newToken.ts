import { isSaneInstant } from '../../../core/instant.ts';
import { stripUnsafeStrings } from '../../../core/text.ts';
import { truncateAtCodePoint } from '../../../core/truncate.ts';
import { ingestSchema, type IngestItem } from '../../intelligence/index.ts';
import type { Pair, TokenProfile } from './schemas.ts';

export const DEX_SCREENER_AGENT_ID = 'dex-screener';

const usd = (value: number | null | undefined) =>
  value === null || value === undefined ? 'unknown' : `$${Math.round(value).toLocaleString('en-US')}`;
const sameAddress = (a: string, b: string) => (a.startsWith('0x') ? a.toLowerCase() === b.toLowerCase() : a === b);

/** The deepest pool trading the profiled token as its base. */
export function mainPair(profile: TokenProfile, pairs: readonly Pair[]): Pair | undefined {
  return pairs
    .filter((p) => p.chainId === profile.chainId && sameAddress(p.baseToken.address, profile.tokenAddress))
    .sort((a, b) => (b.liquidity?.usd ?? 0) - (a.liquidity?.usd ?? 0))[0];
}

/** Deeper pools make a token more worth a look, not more trustworthy: the score stays modest. */
function valueScore(liquidityUsd: number | null | undefined): number {
  if (!liquidityUsd) return 35;
  return Math.min(70, Math.round(35 + 5 * Math.log10(liquidityUsd)));
}

/**
 * A newly profiled DEX token as an onchain intelligence item, idempotent per
 * chain and address. Profiles are written by token issuers: text PostgreSQL
 * cannot store is dropped, and a pool time no calendar has is left out.
 */
export function newTokenItem(profile: TokenProfile, pair: Pair, seenAt: Date): IngestItem {
  const { baseToken: base, quoteToken: quote } = pair;
  const created =
    pair.pairCreatedAt && isSaneInstant(pair.pairCreatedAt)
      ? ` Pool created ${new Date(pair.pairCreatedAt).toISOString()}.`
      : '';
  return ingestSchema.parse(
    stripUnsafeStrings({
      external_id: `${profile.chainId}:${profile.tokenAddress}`,
      type: 'onchain',
      title: `New on DEX Screener: ${base.name} (${base.symbol}) on ${profile.chainId}`,
      content:
        `${truncateAtCodePoint(profile.description ?? '', 2_000)}\n\n`.trimStart() +
        `${base.symbol}/${quote.symbol} on ${pair.dexId}: liquidity ${usd(pair.liquidity?.usd)}, 24h volume ${usd(pair.volume?.h24)}, ` +
        `FDV ${usd(pair.fdv)}, price ${pair.priceUsd ? `$${pair.priceUsd}` : 'unknown'}.${created}`,
      value: {
        score: valueScore(pair.liquidity?.usd),
        reasons: ['new DEX token profile', `liquidity ${usd(pair.liquidity?.usd)}`],
      },
      event: { type: 'listing' },
      tokens: [
        {
          symbol: truncateAtCodePoint(base.symbol, 32),
          name: truncateAtCodePoint(base.name, 100),
          chain: profile.chainId,
          address: profile.tokenAddress,
        },
      ],
      source: { kind: 'onchain', name: 'DEX Screener', url: profile.url },
      agent_id: DEX_SCREENER_AGENT_ID,
      published_at: seenAt.toISOString(),
    }),
  );
}
