/** Our chain slugs → CoinGecko asset-platform ids (see GET /asset_platforms). */
export const COINGECKO_PLATFORMS: Readonly<Record<string, string>> = {
  ethereum: 'ethereum',
  bsc: 'binance-smart-chain',
  polygon: 'polygon-pos',
  arbitrum: 'arbitrum-one',
  optimism: 'optimistic-ethereum',
  base: 'base',
  avalanche: 'avalanche',
  solana: 'solana',
  tron: 'tron',
  ton: 'the-open-network',
  zksync: 'zksync',
  celo: 'celo',
  blast: 'blast',
};
