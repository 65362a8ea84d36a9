import type { EventType } from '../types.ts';

/**
 * Who is worth listening to, and how much each kind of event matters. Names
 * are matched lower-case with spaces, dots, dashes and a leading '@' removed.
 */

// biome-ignore format: a word list, packed
export const EXCHANGES: readonly string[] = [
  'binance', 'coinbase', 'kraken', 'okx', 'bybit', 'bitget', 'kucoin', 'gate', 'gateio', 'htx', 'huobi', 'upbit',
  'bithumb', 'mexc', 'gemini', 'bitstamp', 'cryptocom', 'robinhood', 'bitfinex', 'hyperliquid', 'bitmart',
  'bingx', 'lbank', 'deribit', 'coinone', 'korbit', 'bitflyer', 'binanceus', 'coinbaseexchange', 'krakenpro',
];

/** How exchanges whose names are not simply capitalised write them. */
export const EXCHANGE_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  okx: 'OKX',
  htx: 'HTX',
  mexc: 'MEXC',
  kucoin: 'KuCoin',
  gateio: 'Gate.io',
  cryptocom: 'Crypto.com',
  bingx: 'BingX',
  lbank: 'LBank',
  bitmart: 'BitMart',
  binanceus: 'Binance.US',
  bitflyer: 'bitFlyer',
};

// biome-ignore format: a word list, packed
export const MAJOR_OUTLETS: readonly string[] = [
  'reuters', 'bloomberg', 'coindesk', 'theblock', 'cointelegraph', 'decrypt', 'financialtimes', 'ft',
  'wallstreetjournal', 'wsj', 'cnbc', 'dlnews', 'blockworks', 'thedefiant', 'fortune', 'forbes', 'associatedpress',
  'ap', 'axios', 'barrons', 'theinformation', 'unchained', 'wublockchain', 'nikkei', 'yahoofinance', 'coinbureau',
];

/** Accounts with a record of breaking on-chain and market news first. */
// biome-ignore format: a word list, packed
export const TRUSTED_ACCOUNTS: readonly string[] = [
  'whalealert', 'whale_alert', 'lookonchain', 'wublockchain', 'tier10k', 'zachxbt', 'spotonchain', 'arkham',
  'arkhamintel', 'peckshield', 'peckshieldalert', 'certikalert', 'certik', 'cyvers', 'cyversalerts', 'slowmist',
  'slowmist_team', 'embercn', 'watcherguru', 'db', 'unusual_whales', 'theblock__', 'coindesk', 'cointelegraph',
  'binance', 'coinbase', 'krakenfx', 'okx', 'bybit_official', 'vitalikbuterin', 'cz_binance', 'saylor',
  'nansen_ai', 'glassnode', 'cryptoquant_com', 'santimentfeed', 'intotheblock', 'debankdefi', 'ethereum', 'solana',
];

/** Points out of 25 for where an item comes from. */
export const SOURCE_POINTS = {
  exchangeOfficial: 25,
  exchangeOther: 18,
  majorOutlet: 20,
  otherNews: 12,
  trustedAccount: 15,
  exchangeAccount: 20,
  otherAccount: 5,
  onchainTracker: 16,
  onchainOther: 10,
  unknown: 6,
} as const;

/** Points out of 25 for what happened: market-moving events first. */
export const EVENT_POINTS: Readonly<Record<EventType, number>> = {
  listing: 25,
  hack: 25,
  delisting: 22,
  regulation: 20,
  token_unlock: 16,
  macro: 15,
  funding: 12,
  airdrop: 12,
  partnership: 10,
  other: 5,
};
