import { describe, expect, it } from 'vitest';
import { createTokenRegistry, type TokenRecord } from '../tokens/tokenRegistry.ts';
import { extractTokens } from './tokenExtractor.ts';
import { createTokenLookup } from './tokenLookup.ts';

const records: TokenRecord[] = [
  { symbol: 'BTC', name: 'Bitcoin', chain: 'bitcoin', address: null, rank: 1 },
  { symbol: 'ETH', name: 'Ethereum', chain: 'ethereum', address: null, rank: 2 },
  { symbol: 'USDT', name: 'Tether', chain: 'ethereum', address: '0xdAC17F958D2ee523a2206206994597C13D831ec7', rank: 3 },
  { symbol: 'SOL', name: 'Solana', chain: 'solana', address: null, rank: 6 },
  { symbol: 'BCH', name: 'Bitcoin Cash', chain: 'bitcoin-cash', address: null, rank: 17 },
  { symbol: 'NEAR', name: 'NEAR Protocol', chain: 'near', address: null, rank: 33 },
  {
    symbol: 'OP',
    name: 'Optimism',
    chain: 'optimism',
    address: '0x4200000000000000000000000000000000000042',
    rank: 56,
  },
  { symbol: 'JUP', name: 'Jupiter', chain: 'solana', address: 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN', rank: 55 },
  { symbol: 'ONE', name: 'Harmony', chain: 'harmony', address: null, rank: 300 },
  { symbol: 'GAS', name: 'Gas', chain: 'neo', address: null, rank: 420 },
  { symbol: 'THE', name: 'Thena', chain: 'bsc', address: '0xF4C8E32EaDEC4BFe97E0F595AdD0f4450a863a11', rank: 900 },
  { symbol: 'MEME', name: 'Memecoin', chain: 'ethereum', address: null },
  { symbol: 'AI', name: 'Gensyn', chain: 'ethereum', address: null },
  { symbol: 'USDE', name: 'Ethena USDe', chain: 'ethereum', address: null, rank: 23 },
  { symbol: 'ENA', name: 'Ethena', chain: 'ethereum', address: null, rank: 44 },
  { symbol: 'PRIME', name: 'Prime', chain: 'ethereum', address: null },
];
const lookup = createTokenLookup(createTokenRegistry(records));
const symbols = (text: string) => extractTokens(text, lookup).map((t) => t.symbol);

describe('token extraction', () => {
  it('reads cashtags, tickers, names and aliases', () => {
    expect(symbols('$SOL and BTC lead, Ethereum lags, ether ETFs see inflows')).toEqual(['SOL', 'BTC', 'ETH']);
  });

  it('resolves contract addresses to the registry record with high confidence', () => {
    const [mention] = extractTokens('CA: JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN', lookup);
    expect(mention).toEqual({
      symbol: 'JUP',
      name: 'Jupiter',
      chain: 'solana',
      address: 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN',
      confidence: 0.99,
    });
    expect(symbols('0xdac17f958d2ee523a2206206994597c13d831ec7 moved')).toEqual(['USDT']);
  });

  it('ignores a mixed-case EVM address with a bad checksum', () => {
    expect(symbols('0xdac17f958D2ee523a2206206994597C13D831ec7 moved')).toEqual([]);
  });

  it('prefers the longest name and claims each word once', () => {
    expect(symbols('Bitcoin Cash rallies')).toEqual(['BCH']);
  });

  it('does not read common words as tickers', () => {
    expect(symbols('In the near term, one thing matters: gas fees. The market is calm.')).toEqual([]);
    expect(symbols('AI agents are the narrative of the year, AI tokens rally')).toEqual([]);
    expect(symbols('Memecoin mania is back')).toEqual([]);
    expect(symbols('Funds moved to Coinbase Prime custody')).toEqual([]);
    expect(symbols('Market optimism returns as traders buy the dip')).toEqual([]);
  });

  it('does not treat shouted headlines as tickers', () => {
    expect(symbols('BREAKING: THE SEC SUES ONE OF THE BIGGEST EXCHANGES')).toEqual([]);
  });

  it('reads common-word tickers when the context says token', () => {
    expect(symbols('ONE up 12% today')).toEqual(['ONE']);
    expect(symbols('GAS price spikes after the announcement')).toEqual(['GAS']);
    expect(symbols('Binance will list THE with the seed tag')).toEqual(['THE']);
    expect(symbols('$ONE holders rejoice')).toEqual(['ONE']);
    expect(symbols('NEAR Foundation announces grants')).toEqual(['NEAR']);
    expect(symbols('Harmony Protocol upgrade goes live')).toEqual(['ONE']);
  });

  it('reads pairs, and the quote side is not a mention of its own', () => {
    expect(symbols('ONE/USDT and GASUSDT perpetuals open today')).toEqual(['ONE', 'GAS']);
    expect(symbols('Upbit adds SOL in KRW, BTC, USDT markets')).toEqual(['SOL']);
  });

  it('reads no quote side of a pair whose base the registry does not know', () => {
    expect(symbols('Binance will open trading for the XYZ/USDT and XYZ/BTC spot pairs')).toEqual([]);
    expect(symbols('OKX will list XYZ-USDT perpetual swaps; $XYZ/USDT opens at 10:00')).toEqual([]);
    // Not a ticker-shaped coin: a token standard names the stablecoin on a network, an abbreviation is no coin.
    expect(symbols('Binance suspends TRC20-USDT deposits')).toEqual(['USDT']);
    expect(symbols('The SEC - USDT issuer Tether responds')).toEqual(['USDT']);
    expect(symbols('Crypto KOL/USDT scam exposed')).toEqual(['USDT']);
  });

  it('reads "Name (TICKER)" even for prose abbreviations, when the name agrees', () => {
    expect(symbols('Binance Will List Thena (THE)')).toEqual(['THE']);
    expect(symbols('Gensyn (AI) launches')).toEqual(['AI']);
    expect(symbols('artificial intelligence (AI) is everywhere')).toEqual([]);
  });

  it('reads tickers styled in mixed case and names split by a possessive', () => {
    expect(symbols("Ethena's USDe supply hits a record")).toEqual(['ENA', 'USDE']);
  });

  it('accepts big tickers in lower case only', () => {
    expect(symbols('not selling my sol or btc')).toEqual(['SOL', 'BTC']);
    expect(symbols('the one and only')).toEqual([]);
  });

  it('reads a big asset name capitalised mid-sentence', () => {
    expect(symbols('Developers on Optimism shipped fault proofs')).toEqual(['OP']);
  });

  it('keeps the best confidence per symbol, in order of first appearance', () => {
    const mentions = extractTokens('ETH rises; $ETH holders cheer; BTC follows', lookup);
    expect(mentions.map((m) => [m.symbol, m.confidence])).toEqual([
      ['ETH', 0.95],
      ['BTC', 0.85],
    ]);
  });
});
