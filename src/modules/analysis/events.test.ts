import { describe, expect, it } from 'vitest';
import { classifyEvent } from './events.ts';
import { EVENT_CUES, OTHER_SENSES } from './lexicon/events.ts';
import type { AnalysisInput } from './types.ts';

const type = (text: string, extra: Partial<AnalysisInput> = {}) => classifyEvent({ text, ...extra }).type;

describe('event classification', () => {
  it('recognises each event type', () => {
    expect(type('Binance will list Thena (THE) and open trading for THE/USDT')).toBe('listing');
    expect(type('Binance will delist GAL, EPX and WRX on 2024-09-05')).toBe('delisting');
    expect(type('Bridge exploited, attacker drained $50M in ETH')).toBe('hack');
    expect(type('SEC sues exchange for operating an unregistered platform')).toBe('regulation');
    expect(type('Chainlink partners with Swift on tokenised funds')).toBe('partnership');
    expect(type('Startup raises $25M in a Series A led by Paradigm')).toBe('funding');
    expect(type('Arbitrum will unlock 1.1 billion ARB as the investor cliff ends')).toBe('token_unlock');
    expect(type('Airdrop claim is live for wallets in the snapshot')).toBe('airdrop');
    expect(type('Fed cuts interest rates as CPI cools')).toBe('macro');
    expect(type('Whale moves 12,000 BTC between wallets')).toBe('other');
  });

  it('prefers delisting over listing vocabulary in a delisting notice', () => {
    expect(
      type('Notice of removal of spot trading pairs: Binance will remove and cease trading on the pairs below'),
    ).toBe('delisting');
  });

  it('reads an exchange acting as a listing or delisting, and two names acting together as a partnership', () => {
    expect(
      type('Robinhood brings two memecoins to its app', { title: 'Robinhood brings Pepe and Bonk to customers' }),
    ).toBe('listing');
    expect(type('Gemini stops offering Zcash to UK customers from next month.')).toBe('delisting');
    expect(
      type('The deal covers tokenized funds.', { title: 'Ondo Finance and Mastercard link tokenized Treasuries' }),
    ).toBe('partnership');
    expect(type('The regulator and Ripple end their appeals; the $125M penalty stands, the SEC said.')).toBe(
      'regulation',
    );
  });

  it('boosts listing and delisting cues from exchanges', () => {
    const text = 'Spot trading for the token, see the pairs below.';
    expect(type(text)).toBe('other');
    expect(type(text, { source: { kind: 'exchange', name: 'Binance' } })).toBe('listing');
  });

  it('keeps the topic of a denied event and marks it denied', () => {
    expect(classifyEvent({ text: 'Binance denies it will delist DOGE' })).toMatchObject({
      type: 'delisting',
      denied: true,
    });
    expect(classifyEvent({ text: 'There has been no hack, funds are safe' })).toMatchObject({
      type: 'hack',
      denied: true,
    });
    expect(classifyEvent({ text: 'Binance will delist DOGE' })).toMatchObject({ type: 'delisting', denied: false });
  });

  it('is not fooled by look-alike phrases', () => {
    expect(type('Funding rates turn positive as longs pile in')).toBe('other');
    expect(type('Never share your seed phrase with anyone')).toBe('other');
    expect(type('Sui developers schedule upgrade to raise the block gas limit')).toBe('other');
  });

  it('reads the perpetual-futures funding rate as market structure, not a funding round', () => {
    for (const text of [
      'Bitcoin (BTC) rose 3.8% over the past 24 hours as funding turns positive.',
      'Funding flipped negative on ETH perps overnight',
      'ok so funding still negative on $SOL while price grinds up',
      'Funding is elevated across majors; a flush looks likely',
      'Open interest hits a record $30B and longs are paying 0.05% in funding every eight hours',
      'Shorts paying funding for a week now, squeeze incoming',
      'Negative funding and rising open interest: the setup bears keep missing',
      'Not advice, but funding still negative on Polkadot while price grinds up, this is the setup',
      'Funding still negative on $PEPE while price grinds up, 🚀',
    ])
      expect(type(text), text).toBe('other');
    // The replay's price-move story: the rate in the body, the move in the headline.
    expect(
      type(
        'Solana (SOL) rose 6.2% over the past 24 hours as funding turns positive. Trading volume was 88% above its 30-day average.',
        { title: 'Solana jumps 6.2% as funding turns positive' },
      ),
    ).toBe('other');
  });

  it('still reads money raised as a funding round, perps or not', () => {
    for (const text of [
      'Startup raises $25M in a Series A led by Paradigm',
      'Perp DEX Lumen secures $12M seed round to grow open interest on its perps',
      'The funding was led by Paradigm, with Coinbase Ventures joining the round',
      'Protocol closes $40 million strategic round as funding for DeFi recovers',
      'Token sale for the new L2 opens next week to raise capital for its treasury',
      'Hyperliquid rival draws funding from Paradigm to build perps for retail',
      'Acme raises $20M in a seed round led by Paradigm as ETF inflows hit a record',
    ])
      expect(type(text), text).toBe('funding');
  });

  it('reads getting funding or investment as a round where perps, TVL or inflows are spoken of too', () => {
    for (const text of [
      'Perps exchange Aevo lands funding led by Paradigm',
      'Hyperliquid rival gets funding to take on perps giants',
      'Kamino, with $2B TVL, secures new investment led by Paradigm',
      'DeFi lender with $500M TVL lands strategic investment from Coinbase Ventures',
      'Liquid staking protocol with record inflows gets investment from Binance Labs',
      // The rate's words mute a bare "funding" in their own sentence only.
      'Open interest on Aevo perps hit a record. Separately, the exchange announced funding for its grants program.',
    ])
      expect(type(text), text).toBe('funding');
  });

  it('reads an exchange adding a token to its spot market as a listing, whatever flows beside it', () => {
    for (const text of ['Binance adds XYZ to spot market as inflows surge', 'OKX adds spot ABC; ABC TVL climbs'])
      expect(type(text), text).toBe('listing');
  });

  it('reads money flowing into funds or out of a wallet as no round and no listing', () => {
    expect(
      type(
        "US spot bitcoin ETFs recorded net inflows of $986 million on Thursday, led by BlackRock's IBIT. FBTC added a smaller amount.",
        { title: 'US bitcoin funds post $986 million net inflows on Thursday' },
      ),
    ).toBe('other');
    expect(type('Spot ether ETFs bleed $120 million in net outflows as ETHA sheds $80 million')).toBe('other');
    expect(type("Investors pulled $180 million from US spot ether funds on Monday, led by Grayscale's ETHE")).toBe(
      'other',
    );
    expect(
      type(
        "US spot bitcoin ETFs recorded net inflows of $412 million on Friday, led by BlackRock's IBIT with $300 million, according to issuer data. FBTC added a smaller amount, while the other funds were flat.",
        { title: 'Bitcoin ETFs see $412 million of inflows as IBIT leads $300 million' },
      ),
    ).toBe('other');
    expect(type('An early $UNI investor is taking profit: $8.1 million sent to OKX in the past 19 hours.')).toBe(
      'other',
    );
    expect(
      type('The total value locked in Ethereum DeFi rose to a record $877 million, led by lending and liquid staking.'),
    ).toBe('other');
  });

  it('reads a filing for a spot ETF as regulation, not a spot market', () => {
    expect(
      type(
        'ARK Invest filed a registration statement with the SEC for a spot Dogecoin (DOGE) exchange-traded fund, which would hold DOGE directly with a regulated custodian. The agency has up to 240 days to rule on the application.',
        { title: 'ARK Invest files for spot Dogecoin ETF' },
      ),
    ).toBe('regulation');
  });

  it('gives other senses only to phrases the event lexicon has', () => {
    const phrases = new Set(Object.values(EVENT_CUES).flatMap((entries) => entries.map(([phrase]) => phrase)));
    for (const sense of OTHER_SENSES) for (const cue of sense.cues) expect(phrases, cue).toContain(cue);
  });
});
