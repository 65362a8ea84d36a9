import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createEmbeddedAnalyser } from './embeddedAnalyser.ts';
import { HIGH_VALUE_THRESHOLD } from './types.ts';

const analyser = createEmbeddedAnalyser(createTokenRegistry());

describe('embedded analyser', () => {
  it('analyses an official listing end to end', async () => {
    const analysis = await analyser.analyse(
      {
        title: 'Binance Will List Thena (THE) with Seed Tag Applied',
        text: 'Binance will open trading for the THE/USDT and THE/FDUSD spot pairs at 10:00 (UTC). Deposits are open now.',
        source: { kind: 'exchange', name: 'Binance' },
      },
      { novelty: 1 },
    );
    expect(analyser.kind).toBe('embedded');
    expect(analysis.tokens).toEqual([
      {
        symbol: 'THE',
        name: 'Thena',
        chain: 'bsc',
        address: '0xF4C8E32EaDEC4BFe97E0F595AdD0f4450a863a11',
        confidence: 0.95,
      },
    ]);
    expect(analysis.sentiment.label).toBe('bullish');
    expect(analysis.event.type).toBe('listing');
    expect(analysis.value.high_value).toBe(analysis.value.score >= HIGH_VALUE_THRESHOLD);
    expect(analysis.value.high_value).toBe(true);
    expect(analysis.mentions).toEqual([]);
    expect(analysis.summary).toBe(
      'Binance will open trading for the THE/USDT and THE/FDUSD spot pairs at 10:00 (UTC). Deposits are open now.',
    );
    expect(analysis.analysis).toBe(
      'Exchange listing of Thena (THE) on Binance. Bullish for THE: a new venue adds liquidity and buyers, and listings often lift the price on the day.',
    );
  });

  it("writes what happened to the story's token, with the figures and, given the market, where it trades", async () => {
    const analysis = await analyser.analyse(
      {
        title: 'Curve Finance drained of $40 million in exploit',
        text: 'The attacker swapped the loot into SOL. CRV fell 9% as the team paused the affected pools.',
        source: { kind: 'news', name: 'CoinDesk' },
      },
      { market: { CRV: { price_usd: 0.52, change_24h_pct: -8.6 } } },
    );
    expect(analysis.tokens.map((t) => t.symbol)).toEqual(['CRV']);
    expect(analysis.mentions.map((t) => t.symbol)).toEqual(['SOL']);
    expect(analysis.event.type).toBe('hack');
    expect(analysis.analysis).toBe(
      'Hack or exploit at Curve DAO (CRV): $40 million, down 9%. Bearish for CRV: exploits hit the token and drain deposits until losses are covered and the flaw is fixed. As of ingest, CRV trades at $0.52, down 8.6% in 24 h.',
    );
    expect(analysis.summary).toBe(
      'The attacker swapped the loot into SOL. CRV fell 9% as the team paused the affected pools.',
    );
  });

  it('reads a price move with the funding rate turning positive as market news, not a funding round', async () => {
    const analysis = await analyser.analyse({
      title: 'BTC leads market gains with 3.8% rise',
      text: 'Bitcoin (BTC) rose 3.8% over the past 24 hours as funding turns positive. Trading volume was 149% above its 30-day average.',
      source: { kind: 'news', name: 'CryptoSlate' },
    });
    expect(analysis.event.type).toBe('other');
    expect(analysis.value.high_value).toBe(false);
    expect(analysis.analysis).toMatch(
      /^Market news on Bitcoin \(BTC\): up 3\.8%, volume 149% above its 30-day average\. Bullish for BTC/,
    );
  });

  it('quotes a percentage of fees or TVL with its measure, not as a price move of the token', async () => {
    const fees = await analyser.analyse({
      title: 'Uniswap fees drop 40%',
      text: 'Fees on the DEX fell 40% in October.',
    });
    expect(fees.tokens.map((t) => t.symbol)).toEqual(['UNI']);
    expect(fees.analysis).toMatch(/^Market news on Uniswap \(UNI\): fees down 40%\. /);
    expect(fees.sentiment.label).not.toBe('bearish');
    const tvl = await analyser.analyse({ text: 'Aave TVL up 25% in a month' });
    expect(tvl.analysis).toMatch(/^Market news on AAVE: TVL up 25%\. /);
    expect(tvl.sentiment.label).not.toBe('bullish');
  });

  it('names the coin a listing, hack, unlock or airdrop happens to as written when the registry does not know it', async () => {
    const analysis = async (input: { title?: string; text: string }) => (await analyser.analyse(input)).analysis;
    const delisting = 'losing a venue cuts liquidity, and holders there must sell or withdraw before the deadline.';
    expect(await analysis({ text: 'Coinbase to delist PEPE' })).toBe(
      `Exchange delisting of PEPE from Coinbase. Bearish for PEPE: ${delisting}`,
    );
    expect(await analysis({ text: 'Coinbase to delist XYZ' })).toBe(
      `Exchange delisting of XYZ from Coinbase. Bearish for XYZ: ${delisting}`,
    );
    expect(await analysis({ text: 'Coinbase to delist XYZ; ETH rallies' })).toBe(
      `Exchange delisting of XYZ from Coinbase. Bearish for XYZ: ${delisting}`,
    );
    expect(await analysis({ title: 'Kraken delists ZZT', text: 'Trading ends on Friday.' })).toBe(
      `Exchange delisting of ZZT from Kraken. Bearish for ZZT: ${delisting}`,
    );
    expect(await analysis({ text: 'Binance will list $QWERT tomorrow; BTC dips 2%' })).toMatch(
      /^Exchange listing of QWERT on Binance\. Bullish for QWERT: /,
    );
    expect(await analysis({ text: 'XYZ Protocol hacked for $5M' })).toMatch(
      /^Hack or exploit at XYZ: \$5M\. Bearish for XYZ: /,
    );
    expect(await analysis({ text: 'Coinbase announces XYZ airdrop' })).toMatch(/^Airdrop of XYZ\. Bullish for XYZ: /);
    expect(await analysis({ text: 'XYZ token unlock: 50M tokens next week' })).toMatch(
      /^Token unlock of XYZ\. Bearish for XYZ: /,
    );
    // Every coin of a list, and a ticker in brackets after its name; not a word of another clause.
    expect(await analysis({ text: 'Binance will delist XYZ, ABC and DEF on Friday' })).toMatch(
      /^Exchange delisting of XYZ, ABC and DEF from Binance\. Bearish for XYZ, ABC and DEF: /,
    );
    expect(await analysis({ text: 'Binance Will List Foo (FOO)' })).toMatch(/^Exchange listing of FOO on Binance\. /);
    expect(await analysis({ text: 'BREAKING: Coinbase to delist XYZ' })).toMatch(
      /^Exchange delisting of XYZ from Coinbase\. Bearish for XYZ: /,
    );
    expect(await analysis({ text: 'There has been no hack, all funds are SAFU.' })).toMatch(
      /^Denied or reversed: hack or exploit\. Bullish: /,
    );
  });

  it('tags no quote currency of a listed pair whose base the registry does not know, and names the base', async () => {
    const listing = async (title: string, text: string) => {
      const source = { kind: 'exchange' as const, name: title.split(' ')[0]! };
      const analysis = await analyser.analyse({ title, text, source });
      return { tokens: analysis.tokens.map((t) => t.symbol), mentions: analysis.mentions, analysis: analysis.analysis };
    };
    const bullish = 'a new venue adds liquidity and buyers, and listings often lift the price on the day.';
    expect(
      await listing('Binance will list XYZ', 'Binance will open trading for the XYZ/USDT and XYZ/FDUSD spot pairs.'),
    ).toEqual({
      tokens: [],
      mentions: [],
      analysis: `Exchange listing of XYZ on Binance. Bullish for XYZ: ${bullish}`,
    });
    expect(await listing('Binance will list XYZ/USDT', 'Trading opens at 10:00 UTC.')).toMatchObject({
      tokens: [],
      analysis: `Exchange listing of XYZ on Binance. Bullish for XYZ: ${bullish}`,
    });
    expect(await listing('OKX to list ZETAQ', 'OKX will list ZETAQ-USDT perpetual futures.')).toMatchObject({
      tokens: [],
      analysis: `Exchange listing of ZETAQ on OKX. Bullish for ZETAQ: ${bullish}`,
    });
    // A stablecoin that is the story's subject stays tagged: listed itself, or the base of its pair.
    expect((await listing('Coinbase lists PYUSD/USDC', 'Trading opens today.')).tokens).toEqual(['PYUSD']);
    expect((await listing('Binance will list USDC on Solana', 'Deposits open today.')).tokens).toEqual(['USDC']);
  });

  it('does not name the exchange of a listing as what it lists', async () => {
    const { analysis } = await analyser.analyse({
      title: 'Coinbase says it has no plans to list a Base network token',
      text: 'The exchange said it is not exploring a token for its layer-2 network "at this time".',
    });
    expect(analysis).toMatch(/^Denied or reversed: exchange listing on Coinbase\. /);
  });

  it('reads an issuer freezing funds as enforcement, not a hack of the issuer, and its theft as held back', async () => {
    for (const text of [
      'Tether has frozen $20 million worth of USDT tied to the Bybit hack.',
      'Tether froze $20 million in USDT stolen in an exploit of a DeFi protocol, blacklisting three addresses.',
    ]) {
      const analysis = await analyser.analyse({ title: 'Tether freezes $20M USDT', text });
      expect(analysis.tokens.map((t) => t.symbol)).toEqual(['USDT']);
      expect(analysis.event.type).toBe('regulation');
      expect(analysis.sentiment.label).toBe('neutral');
      expect(analysis.analysis).toMatch(
        /^Regulatory or legal news involving Tether \(USDT\): \$20M\. Neutral for USDT/,
      );
    }
    // A freeze of withdrawals is an exchange halting its users, still bad news; a hack with funds frozen is a hack.
    expect(
      (await analyser.analyse({ text: 'Exchange freezes withdrawals after a hot wallet breach' })).sentiment.label,
    ).toBe('bearish');
    const cetus = await analyser.analyse({
      title: 'Cetus drained of $223M; validators freeze $162M of it',
      text: 'Validators froze $162 million of the stolen funds, and SUI fell 7%.',
    });
    expect([cetus.event.type, cetus.sentiment.label]).toEqual(['hack', 'bearish']);
  });

  it('does not read a denied event as bad news', async () => {
    const denied = await analyser.analyse({ text: 'Binance denies it will delist DOGE, calls the screenshot fake.' });
    const real = await analyser.analyse({ text: 'Binance will delist DOGE next week.' });
    expect(denied.event.type).toBe('delisting');
    expect(denied.sentiment.label).not.toBe('bearish');
    expect(real.sentiment.label).toBe('bearish');
  });

  it('is deterministic and keeps every field in range', async () => {
    const input = {
      text: 'gm. near term the one thing that matters is gas fees',
      source: { kind: 'twitter' as const, name: '@anon' },
    };
    const [a, b] = [await analyser.analyse(input), await analyser.analyse(input)];
    expect(a).toEqual(b);
    expect(a.tokens).toEqual([]);
    expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(a.sentiment.score).toBeLessThanOrEqual(1);
    expect(a.value.score).toBeGreaterThanOrEqual(0);
    expect(a.value.score).toBeLessThanOrEqual(100);
    expect(a.value.high_value).toBe(false);
  });

  it('scores a repeat lower than a new story', async () => {
    const input = {
      title: 'Bybit hacked for $1.5B in ETH',
      text: 'Attackers drained a cold wallet.',
      source: { kind: 'news' as const, name: 'CoinDesk' },
    };
    const fresh = await analyser.analyse(input, { novelty: 1 });
    const repeat = await analyser.analyse(input, { novelty: 0 });
    expect(fresh.value.score).toBeGreaterThan(repeat.value.score);
  });
});
