/**
 * What the embedded market lists: five venues with their own taker fees
 * (distinct fee tiers, so fees decide some opportunities), depth and spreads,
 * and fifty spot markets over real assets, priced by the market module's
 * simulated path of each (by CoinGecko id).
 */

export interface SimulatedVenue {
  id: string;
  takerFee: number;
  /** Scales every level's size. */
  liquidity: number;
  /** Scales the spread and the distance between levels. */
  spread: number;
}

export const SIMULATED_VENUES: readonly SimulatedVenue[] = [
  { id: 'binance', takerFee: 0.0004, liquidity: 1, spread: 1 },
  { id: 'okx', takerFee: 0.0008, liquidity: 0.7, spread: 1.1 },
  { id: 'bybit', takerFee: 0.001, liquidity: 0.6, spread: 1.2 },
  { id: 'coinbase', takerFee: 0.0012, liquidity: 0.5, spread: 1.3 },
  { id: 'kraken', takerFee: 0.0026, liquidity: 0.35, spread: 1.6 },
];

/** [symbol, CoinGecko id] by market capitalisation, largest first: the order sets liquidity and spreads. */
// biome-ignore format: a table of pairs, five to a line
const ASSETS: ReadonlyArray<readonly [string, string]> = [
  ['BTC', 'bitcoin'], ['ETH', 'ethereum'], ['XRP', 'ripple'], ['BNB', 'binancecoin'], ['SOL', 'solana'],
  ['USDC', 'usd-coin'], ['DOGE', 'dogecoin'], ['TRX', 'tron'], ['ADA', 'cardano'], ['HYPE', 'hyperliquid'],
  ['LINK', 'chainlink'], ['XLM', 'stellar'], ['SUI', 'sui'], ['BCH', 'bitcoin-cash'], ['AVAX', 'avalanche-2'],
  ['HBAR', 'hedera-hashgraph'], ['LTC', 'litecoin'], ['TON', 'the-open-network'], ['SHIB', 'shiba-inu'], ['DOT', 'polkadot'],
  ['XMR', 'monero'], ['UNI', 'uniswap'], ['PEPE', 'pepe'], ['AAVE', 'aave'], ['NEAR', 'near'],
  ['TAO', 'bittensor'], ['APT', 'aptos'], ['ICP', 'internet-computer'], ['ETC', 'ethereum-classic'], ['ONDO', 'ondo-finance'],
  ['POL', 'polygon-ecosystem-token'], ['MNT', 'mantle'], ['TRUMP', 'official-trump'], ['ENA', 'ethena'], ['KAS', 'kaspa'],
  ['VET', 'vechain'], ['ATOM', 'cosmos'], ['ARB', 'arbitrum'], ['ALGO', 'algorand'], ['RENDER', 'render-token'],
  ['FIL', 'filecoin'], ['FET', 'fetch-ai'], ['WLD', 'worldcoin-wld'], ['JUP', 'jupiter-exchange-solana'], ['OP', 'optimism'],
];

/** Cross markets quoted in BTC or ETH, so triangular cycles exist. */
const CROSSES: ReadonlyArray<readonly [string, string]> = [
  ['ETH', 'BTC'],
  ['SOL', 'BTC'],
  ['BNB', 'BTC'],
  ['XRP', 'BTC'],
  ['SOL', 'ETH'],
];

export interface SimulatedAsset {
  symbol: string;
  /** Whose price path the market module reads. */
  coingeckoId: string;
  /** Position by market capitalisation (0 = largest). */
  rank: number;
  stable: boolean;
}

export const SIMULATED_ASSETS: ReadonlyMap<string, SimulatedAsset> = new Map(
  [['USDT', 'tether'] as const, ...ASSETS].map(([symbol, id], i) => [
    symbol,
    {
      symbol,
      coingeckoId: id,
      rank: Math.max(0, i - 1),
      stable: symbol === 'USDT' || symbol === 'USDC',
    },
  ]),
);

export interface SimulatedMarket {
  symbol: string;
  base: string;
  quote: string;
}

export const SIMULATED_MARKETS: readonly SimulatedMarket[] = [
  ...ASSETS.map(([base]) => ({ symbol: `${base}/USDT`, base, quote: 'USDT' })),
  ...CROSSES.map(([base, quote]) => ({ symbol: `${base}/${quote}`, base, quote })),
];
