import { describe, expect, it } from 'vitest';
import { type AnalysisFacts, whatHappened, writeAnalysis } from './analysisText.ts';
import type { TokenMention } from './types.ts';

const token = (symbol: string, name: string): TokenMention => ({
  symbol,
  name,
  chain: 'ethereum',
  address: null,
  confidence: 0.9,
});
const hack: AnalysisFacts = {
  event: 'hack',
  denied: false,
  sentiment: 'bearish',
  subjects: [token('ETH', 'Ethereum')],
  figures: { amounts: ['$40M'], percentages: ['down 6%'] },
};

describe('analysis text', () => {
  it('says what happened, to which token, with the figures, then which way it leans and why', () => {
    expect(writeAnalysis(hack)).toBe(
      'Hack or exploit at Ethereum (ETH): $40M, down 6%. Bearish for ETH: exploits hit the token and drain deposits until losses are covered and the flaw is fixed.',
    );
  });

  it('adds where the main token trades when the market context has its quote', () => {
    const withMarket = writeAnalysis({
      ...hack,
      market: { ETH: { price_usd: 3120, change_24h_pct: -4.2 }, BTC: { price_usd: 1 } },
    });
    // A sentence of its own, dated to the ingest, so its 24 h move is not read against the post's own figures.
    expect(withMarket).toMatch(/the flaw is fixed\. As of ingest, ETH trades at \$3,120, down 4\.2% in 24 h\.$/);
    expect(writeAnalysis({ ...hack, market: { ETH: { price_usd: 0.000013 } } })).toMatch(
      /\. As of ingest, ETH trades at \$0\.000013\.$/,
    );
    expect(writeAnalysis({ ...hack, market: { BTC: { price_usd: 95000, change_24h_pct: 1 } } })).not.toContain(
      'trades at',
    );
  });

  it('names the venue of a listing, the protocol when no token is known, and a denial', () => {
    const listing: AnalysisFacts = {
      ...hack,
      event: 'listing',
      sentiment: 'bullish',
      venue: 'Binance',
      figures: { amounts: [], percentages: [] },
    };
    expect(
      whatHappened({
        ...listing,
        subjects: [token('KMNO', 'Kamino'), token('WIF', 'dogwifhat'), token('PEPE', 'Pepe')],
      }),
    ).toBe('Exchange listing of Kamino (KMNO), dogwifhat (WIF) and PEPE on Binance.');
    // A coin named by a ticker the registry does not know, as written, before the headline's actor.
    expect(writeAnalysis({ ...listing, subjects: [], coins: ['XYZ'], actor: 'Binance' })).toBe(
      'Exchange listing of XYZ on Binance. Bullish for XYZ: a new venue adds liquidity and buyers, and listings often lift the price on the day.',
    );
    // The exchange of a listing is where it lists, not what.
    expect(whatHappened({ ...listing, subjects: [], actor: 'Binance' })).toBe('Exchange listing on Binance.');
    expect(whatHappened({ ...hack, subjects: [], actor: 'Radiant Capital' })).toBe(
      'Hack or exploit at Radiant Capital: $40M, down 6%.',
    );
    expect(
      writeAnalysis({
        ...hack,
        denied: true,
        sentiment: 'neutral',
        subjects: [],
        actor: 'Kraken',
        figures: { amounts: [], percentages: [] },
      }),
    ).toBe(
      'Denied or reversed: hack or exploit at Kraken. Neutral: no loss of user funds is reported, so the direct impact looks limited.',
    );
  });
});
