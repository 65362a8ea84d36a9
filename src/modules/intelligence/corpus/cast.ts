import type { CorpusToken } from './tokens.ts';

/**
 * The people, firms and protocols in the corpus's stories. Firms, funds,
 * regulators and ETF issuers are real names doing the ordinary things they do;
 * anything that goes wrong (an exploit, a rug pull) happens to an invented
 * protocol or token, whose tickers the corpus test keeps out of the token
 * registry so they never pass for a real asset.
 */

export interface Protocol {
  name: string;
  /** A lending market, a DEX… as a headline would call it. */
  sort: string;
  chain: string;
  /** Its governance token, when it has one: what a story about it is tagged with. */
  token?: CorpusToken;
}

const own = (symbol: string, name: string, chain: string): CorpusToken => ({ symbol, name, chain, address: null });

export const PROTOCOLS: readonly Protocol[] = [
  { name: 'Solvane Finance', sort: 'lending protocol', chain: 'Arbitrum', token: own('SLVN', 'Solvane', 'arbitrum') },
  { name: 'Kyros Lend', sort: 'lending market', chain: 'Base', token: own('KYRS', 'Kyros', 'base') },
  { name: 'Tidewater Bridge', sort: 'cross-chain bridge', chain: 'Ethereum' },
  { name: 'Quillswap', sort: 'decentralised exchange', chain: 'BNB Chain', token: own('QUIL', 'Quillswap', 'bsc') },
  { name: 'Halcyon Vaults', sort: 'yield aggregator', chain: 'Ethereum', token: own('HLCN', 'Halcyon', 'ethereum') },
  { name: 'Ostrava Perps', sort: 'perpetuals exchange', chain: 'Arbitrum', token: own('OSTV', 'Ostrava', 'arbitrum') },
  { name: 'Fernhill Restaking', sort: 'restaking protocol', chain: 'Ethereum' },
  { name: 'Corvid Money', sort: 'stablecoin protocol', chain: 'Ethereum', token: own('CORV', 'Corvid', 'ethereum') },
  { name: 'Lumora', sort: 'liquid staking protocol', chain: 'Solana', token: own('LMRA', 'Lumora', 'solana') },
  { name: 'Brightpool', sort: 'DEX', chain: 'Sui', token: own('BRPL', 'Brightpool', 'sui') },
  { name: 'Vantor Yield', sort: 'yield protocol', chain: 'Base' },
  { name: 'Cobaltfi', sort: 'lending protocol', chain: 'BNB Chain', token: own('CBLT', 'Cobaltfi', 'bsc') },
];

/** Tokens launched during the corpus: exchanges list them on day one. */
export const LAUNCHES: readonly CorpusToken[] = [
  own('AURL', 'Auralis', 'ethereum'),
  own('TSLN', 'Tessellate Network', 'base'),
  own('KSTR', 'Kestrel', 'solana'),
  own('NMBX', 'Nimbus Exchange', 'arbitrum'),
];

/** Memecoins that are rugged within hours of launch. */
export const RUGGED: readonly CorpusToken[] = [
  own('GLORP', 'Glorp', 'solana'),
  own('WOJAKAI', 'Wojak AI', 'base'),
  own('BONKER', 'Bonker', 'solana'),
  own('FROGE', 'Froge Inu', 'ethereum'),
  own('CATGPT', 'Cat GPT', 'base'),
  own('HAMSTR', 'Hamster Coin', 'solana'),
  own('ZOOMR', 'Zoomer', 'bsc'),
  own('SKIBI', 'Skibi', 'solana'),
];

export const COMPANIES = [
  'Visa',
  'Mastercard',
  'PayPal',
  'Stripe',
  'Google Cloud',
  'BlackRock',
  'Franklin Templeton',
  'Shopify',
  'Deutsche Bank',
  'Standard Chartered',
  'Revolut',
  'Nubank',
  'Sony',
  'Société Générale',
  'Fidelity',
  'Robinhood',
  'Circle',
  'Santander',
] as const;

export const FUNDS = [
  'Paradigm',
  'a16z crypto',
  'Polychain Capital',
  'Multicoin Capital',
  'Pantera Capital',
  'Coinbase Ventures',
  'Framework Ventures',
  'Dragonfly',
  'Electric Capital',
  'Haun Ventures',
  'Variant',
  'Hack VC',
  'Galaxy Ventures',
] as const;

/** Invented start-ups, named from parts: funding stories are about them, not about a listed token. */
export const STARTUP_NAMES = [
  'Lumen',
  'Arcadia',
  'Halo',
  'Quartz',
  'Ferrite',
  'Orbiter',
  'Meridian',
  'Parallax',
  'Driftwood',
  'Sable',
  'Tanager',
  'Northwind',
  'Cinder',
  'Helix',
  'Juniper',
  'Kelvin',
  'Lattice',
  'Marlowe',
  'Nettle',
  'Obsidian',
  'Pylon',
  'Quill',
  'Rookery',
  'Saltmarsh',
  'Tessera',
  'Umber',
  'Vireo',
  'Wren',
  'Yarrow',
  'Zephyr',
] as const;
export const STARTUP_SUFFIXES = ['Labs', 'Protocol', 'Network', 'Finance', 'Systems', 'Markets'] as const;
/** What they build, and the sector a headline files it under. */
export const VENTURES: ReadonlyArray<{ builds: string; sector: string }> = [
  { builds: 'zero-knowledge proving infrastructure', sector: 'ZK infrastructure' },
  { builds: 'stablecoin payroll for remote teams', sector: 'stablecoin payments' },
  { builds: 'institutional custody with multi-party computation', sector: 'custody' },
  { builds: 'an on-chain order book for tokenised bonds', sector: 'tokenisation' },
  { builds: 'a wallet-as-a-service platform', sector: 'wallet infrastructure' },
  { builds: 'blockchain indexing for AI agents', sector: 'data infrastructure' },
  { builds: 'cross-border settlement in stablecoins', sector: 'stablecoin payments' },
  { builds: 'real-time exploit monitoring for DeFi', sector: 'security tooling' },
  { builds: 'a consumer app for self-custodial savings', sector: 'consumer apps' },
  { builds: 'a decentralised GPU marketplace', sector: 'decentralised compute' },
  { builds: 'compliance tooling for token issuers', sector: 'compliance tooling' },
  { builds: 'a prime brokerage for crypto funds', sector: 'institutional trading' },
  { builds: 'an intent-based cross-chain swap router', sector: 'DeFi infrastructure' },
  { builds: 'on-chain credit scoring for undercollateralised loans', sector: 'DeFi lending' },
];

export const REGULATORS: ReadonlyArray<{ name: string; place: string }> = [
  { name: 'the SEC', place: 'US' },
  { name: 'the CFTC', place: 'US' },
  { name: 'the FCA', place: 'UK' },
  { name: 'ESMA', place: 'EU' },
  { name: 'MAS', place: 'Singapore' },
  { name: 'the SFC', place: 'Hong Kong' },
  { name: 'the FSA', place: 'Japan' },
  { name: 'VARA', place: 'Dubai' },
];

/** ETF issuers and the spot products they run or have filed for. */
export const ETF_ISSUERS = [
  'BlackRock',
  'Fidelity',
  'Grayscale',
  'Bitwise',
  'VanEck',
  '21Shares',
  'Franklin Templeton',
  'Invesco Galaxy',
  'Canary Capital',
  'ARK Invest',
] as const;
