/** The cast of the replay: tokens, exchanges, outlets, accounts and the people and places in stories. */

export interface Coin {
  symbol: string;
  name: string;
  /** Where the coin lives, as a phrase: "on Ethereum". */
  home: string;
}

export const MAJORS: readonly Coin[] = [
  { symbol: 'BTC', name: 'Bitcoin', home: 'on the Bitcoin network' },
  { symbol: 'ETH', name: 'Ether', home: 'on Ethereum' },
  { symbol: 'SOL', name: 'Solana', home: 'on Solana' },
  { symbol: 'XRP', name: 'XRP', home: 'on the XRP Ledger' },
  { symbol: 'BNB', name: 'BNB', home: 'on BNB Chain' },
  { symbol: 'DOGE', name: 'Dogecoin', home: 'on Dogecoin' },
  { symbol: 'ADA', name: 'Cardano', home: 'on Cardano' },
  { symbol: 'AVAX', name: 'Avalanche', home: 'on Avalanche' },
  { symbol: 'LINK', name: 'Chainlink', home: 'on Ethereum' },
  { symbol: 'TON', name: 'Toncoin', home: 'on TON' },
  { symbol: 'SUI', name: 'Sui', home: 'on Sui' },
  { symbol: 'DOT', name: 'Polkadot', home: 'on Polkadot' },
  { symbol: 'LTC', name: 'Litecoin', home: 'on Litecoin' },
  { symbol: 'NEAR', name: 'NEAR Protocol', home: 'on NEAR' },
  { symbol: 'APT', name: 'Aptos', home: 'on Aptos' },
  { symbol: 'ARB', name: 'Arbitrum', home: 'on Arbitrum' },
  { symbol: 'OP', name: 'Optimism', home: 'on Optimism' },
  { symbol: 'HYPE', name: 'Hyperliquid', home: 'on Hyperliquid' },
];

export const ALTS: readonly Coin[] = [
  { symbol: 'PEPE', name: 'Pepe', home: 'on Ethereum' },
  { symbol: 'WIF', name: 'dogwifhat', home: 'on Solana' },
  { symbol: 'BONK', name: 'Bonk', home: 'on Solana' },
  { symbol: 'JUP', name: 'Jupiter', home: 'on Solana' },
  { symbol: 'TIA', name: 'Celestia', home: 'on Celestia' },
  { symbol: 'ENA', name: 'Ethena', home: 'on Ethereum' },
  { symbol: 'ONDO', name: 'Ondo', home: 'on Ethereum' },
  { symbol: 'PENDLE', name: 'Pendle', home: 'on Ethereum' },
  { symbol: 'EIGEN', name: 'EigenLayer', home: 'on Ethereum' },
  { symbol: 'STRK', name: 'Starknet', home: 'on Starknet' },
  { symbol: 'ZRO', name: 'LayerZero', home: 'on Ethereum' },
  { symbol: 'PYTH', name: 'Pyth Network', home: 'on Solana' },
  { symbol: 'INJ', name: 'Injective', home: 'on Injective' },
  { symbol: 'SEI', name: 'Sei', home: 'on Sei' },
  { symbol: 'WLD', name: 'Worldcoin', home: 'on Optimism' },
  { symbol: 'RENDER', name: 'Render', home: 'on Solana' },
  { symbol: 'FET', name: 'Fetch.ai', home: 'on Ethereum' },
  { symbol: 'TAO', name: 'Bittensor', home: 'on Bittensor' },
  { symbol: 'ONE', name: 'Harmony', home: 'on Harmony' },
  { symbol: 'GAS', name: 'Gas', home: 'on Neo' },
  { symbol: 'THE', name: 'Thena', home: 'on BNB Chain' },
  { symbol: 'PENGU', name: 'Pudgy Penguins', home: 'on Solana' },
  { symbol: 'MOVE', name: 'Movement', home: 'on Ethereum' },
  { symbol: 'KMNO', name: 'Kamino', home: 'on Solana' },
  { symbol: 'AAVE', name: 'Aave', home: 'on Ethereum' },
  { symbol: 'UNI', name: 'Uniswap', home: 'on Ethereum' },
  { symbol: 'CRV', name: 'Curve', home: 'on Ethereum' },
  { symbol: 'GMX', name: 'GMX', home: 'on Arbitrum' },
  { symbol: 'DYDX', name: 'dYdX', home: 'on dYdX Chain' },
  { symbol: 'IMX', name: 'Immutable', home: 'on Ethereum' },
];

export const STABLES = ['USDT', 'USDC', 'USDe', 'FDUSD', 'PYUSD'] as const;

export const EXCHANGES = [
  'Binance',
  'Coinbase',
  'OKX',
  'Bybit',
  'Kraken',
  'Upbit',
  'Bitget',
  'Gate',
  'KuCoin',
  'MEXC',
  'Bithumb',
] as const;

export const OUTLETS: ReadonlyArray<{ name: string; domain: string }> = [
  { name: 'CoinDesk', domain: 'www.coindesk.com' },
  { name: 'The Block', domain: 'www.theblock.co' },
  { name: 'Decrypt', domain: 'decrypt.co' },
  { name: 'Cointelegraph', domain: 'cointelegraph.com' },
  { name: 'Reuters', domain: 'www.reuters.com' },
  { name: 'Bloomberg', domain: 'www.bloomberg.com' },
  { name: 'DL News', domain: 'www.dlnews.com' },
  { name: 'Blockworks', domain: 'blockworks.co' },
  { name: 'CryptoSlate', domain: 'cryptoslate.com' },
  { name: 'The Defiant', domain: 'thedefiant.io' },
  { name: 'Bitcoin Magazine', domain: 'bitcoinmagazine.com' },
  { name: 'BeInCrypto', domain: 'beincrypto.com' },
  { name: 'U.Today', domain: 'u.today' },
  { name: 'CryptoPotato', domain: 'cryptopotato.com' },
];

export const NEWS_ACCOUNTS = [
  '@WatcherGuru',
  '@tier10k',
  '@WuBlockchain',
  '@CoinDesk',
  '@TheBlock__',
  '@Cointelegraph',
  '@DegenerateNews',
  '@BitcoinMagazine',
] as const;
export const ONCHAIN_SOURCES = [
  'Whale Alert',
  'Lookonchain',
  'Arkham Intel',
  'PeckShield Alert',
  'Spot On Chain',
  'Cyvers Alerts',
] as const;

const HANDLE_HEADS = [
  'crypto',
  'sol',
  'eth',
  'degen',
  'moon',
  'chart',
  'alpha',
  'whale',
  'based',
  'gm',
  'wagmi',
  'defi',
  'onchain',
  'macro',
  'pepe',
  'ape',
];
const HANDLE_TAILS = [
  '_trader',
  'maxi',
  '_capital',
  'hunter',
  '_guy',
  'lord',
  '_labs',
  'wizard',
  '_daily',
  'ninja',
  '_szn',
  'bull',
  'bear',
  '_og',
];
/** Handles for ordinary X users, built from parts so thousands of posts are not all from ten people. */
export const userHandle = (head: number, tail: number, n: number) =>
  `@${HANDLE_HEADS[head % HANDLE_HEADS.length]}${HANDLE_TAILS[tail % HANDLE_TAILS.length]}${n % 7 === 0 ? '' : n % 100}`;

export const FUNDS = [
  'Paradigm',
  'a16z crypto',
  'Polychain Capital',
  'Multicoin Capital',
  'Pantera Capital',
  'Coinbase Ventures',
  'Binance Labs',
  'Framework Ventures',
  'Dragonfly',
  'Electric Capital',
  'Haun Ventures',
  'Sequoia',
] as const;
export const STARTUPS = [
  'Lumen Labs',
  'Arcadia Finance',
  'Nimbus Protocol',
  'Halo Network',
  'Quartz',
  'Ferrite',
  'Tessellate',
  'Orbiter',
  'Vantage Chain',
  'Kestrel',
  'Meridian',
  'Solstice Labs',
  'Parallax',
  'Driftwood',
] as const;
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
  'Telegram',
  'Revolut',
  'Nubank',
  'Sony',
] as const;
export const REGULATORS: ReadonlyArray<{ name: string; place: string }> = [
  { name: 'the SEC', place: 'US' },
  { name: 'the CFTC', place: 'US' },
  { name: 'the FCA', place: 'UK' },
  { name: 'ESMA', place: 'EU' },
  { name: 'MAS', place: 'Singapore' },
  { name: 'the SFC', place: 'Hong Kong' },
  { name: 'the FSA', place: 'Japan' },
  { name: 'VARA', place: 'Dubai' },
  { name: 'the FSC', place: 'South Korea' },
];
export const PROTOCOLS = [
  'Radiant',
  'Penpie',
  'Loopscale',
  'Zoth',
  'Orbit Bridge',
  'Seneca',
  'Abracadabra',
  'Velocore',
  'UwU Lend',
  'Hedgey',
  'Munchables',
  'Prisma',
] as const;
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
