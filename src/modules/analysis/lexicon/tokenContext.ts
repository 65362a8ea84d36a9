/**
 * Words that, near an ambiguous ticker or name, say it is a token:
 * "ONE up 12%", "GAS price", "Harmony bridge", "NEAR Foundation".
 * Same phrase syntax as the sentiment lexicon.
 */
// biome-ignore format: a word list, packed
export const TOKEN_CONTEXT_WORDS: readonly string[] = [
  'token', 'tokens', 'coin', 'coins', 'price', 'prices', 'priced', 'trading', 'trade', 'trades', 'traded', 'chart',
  'pump*', 'dump*', 'rall*', 'surg*', 'soar*', 'jump*', 'drop*', 'dip', 'dips', 'dipped', 'crash*', 'plung*',
  'tumbl*', 'slump*', 'gain*', 'breakout', 'support', 'resistance', 'holders', 'holder', 'whale*', 'bag', 'bags',
  'long', 'longs', 'short', 'shorts', 'buy', 'buying', 'bought', 'sell', 'selling', 'sold', 'accumulat*',
  'listing', 'listed', 'list', 'lists', 'delist*', 'staking', 'stake', 'staked', 'perp', 'perps', 'perpetual',
  'futures', 'spot', 'market cap', 'mcap', 'volume', 'usdt', 'usdc', 'airdrop*', 'unlock*', 'mainnet', 'testnet',
  'protocol', 'network', 'foundation', 'labs', 'dao', 'ecosystem', 'blockchain', 'chain', 'validators', 'bridge',
  'wallet', 'wallets', 'supply', 'tvl', 'governance', 'finance', 'swap', 'swaps', 'deposits', 'withdrawals',
  'contract', 'tokenomics', 'holdings', 'inflows', 'outflows', 'liquidity', 'burn', 'burns', 'exploit', 'hack',
  'breaking out', 'break* out', 'watching', 'watchlist', 'eyeing',
];

/** The narrower context that lets a name which is also an English word count ("the Harmony token"). */
export const NAME_CONTEXT_WORDS: readonly string[] = [
  'token',
  'tokens',
  'coin',
  'price',
  'holders',
  'ticker',
  'mainnet',
  'staking',
];

/** Words after a quote asset that make it the quote side of markets: "KRW, BTC, USDT markets", "USDT-margined". */
export const QUOTE_MARKET_WORDS: ReadonlySet<string> = new Set([
  'market',
  'markets',
  'margined',
  'pair',
  'pairs',
  'quoted',
]);
/** Words before a list of quote assets: "open trading against USDT, USDC and FDUSD". */
export const QUOTE_LEAD_WORDS: ReadonlySet<string> = new Set(['against', 'versus', 'vs']);

/** A percentage or a dollar figure next to a word reads as a price quote. */
export const PRICE_FIGURE = /(?:[+-−]?\d[\d,.]*\s?%|\$\s?\d)/;

/** Qualifiers after a name that make it a project: "Compound Finance", "Harmony Protocol". */
export const NAME_QUALIFIERS: ReadonlySet<string> = new Set([
  'protocol',
  'network',
  'finance',
  'foundation',
  'labs',
  'dao',
  'chain',
  'blockchain',
  'token',
  'coin',
  'ecosystem',
  'mainnet',
  'bridge',
  'exchange',
  'swap',
  'wallet',
  'validators',
  'governance',
]);

/** Quote assets of trading pairs: in "ONE/USDT" the subject is ONE, not USDT. */
export const QUOTE_ASSETS: readonly string[] = [
  'USDT',
  'USDC',
  'FDUSD',
  'USD',
  'BUSD',
  'TUSD',
  'USDE',
  'BTC',
  'ETH',
  'BNB',
  'EUR',
  'TRY',
  'KRW',
  'BRL',
  'JPY',
  'GBP',
  'AUD',
  'PERP',
];

/**
 * Informal names the registry's official names miss ("Ether", "Ripple",
 * "MakerDAO"). Each maps to a ticker; the registry supplies chain and address.
 */
// biome-ignore format: a table of pairs, packed
export const NAME_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['ether', 'ETH'], ['ripple', 'XRP'], ['xrp ledger', 'XRP'], ['binance coin', 'BNB'], ['bnb chain', 'BNB'],
  ['bnb smart chain', 'BNB'], ['makerdao', 'MKR'], ['lido', 'LDO'], ['lido finance', 'LDO'], ['curve finance', 'CRV'],
  ['cosmos', 'ATOM'], ['the open network', 'TON'], ['wrapped bitcoin', 'WBTC'], ['polygon labs', 'POL'],
  ['shiba', 'SHIB'], ['ondo finance', 'ONDO'], ['harmony one', 'ONE'], ['render network', 'RENDER'],
  ['trump coin', 'TRUMP'], ['stellar lumens', 'XLM'], ['compound finance', 'COMP'],
  ['uniswap labs', 'UNI'], ['solana foundation', 'SOL'], ['ethereum foundation', 'ETH'], ['near foundation', 'NEAR'],
];
