/**
 * The tokens the corpus writes about, as the token registry knows them (the
 * corpus test checks every record against it), grouped by the stories they
 * plausibly appear in: majors are talked about every day, mid caps get listed
 * and unlock supply, old small caps lose their pairs, stablecoins are rarely
 * the subject.
 */

export interface CorpusToken {
  symbol: string;
  /** The registry's name, which the item's token tag carries. */
  name: string;
  chain: string;
  address: string | null;
  /** How prose names it when the registry's name is a label ('Morpho Token' is 'Morpho'). */
  called?: string;
}

/** How stories name a token. */
export const nameOf = (token: CorpusToken) => token.called ?? token.name;

const t = (
  symbol: string,
  name: string,
  chain: string,
  address: string | null = null,
  called?: string,
): CorpusToken => ({
  symbol,
  name,
  chain,
  address,
  ...(called ? { called } : {}),
});

export const TOKENS = {
  BTC: t('BTC', 'Bitcoin', 'bitcoin'),
  ETH: t('ETH', 'Ethereum', 'ethereum', null, 'ether'),
  SOL: t('SOL', 'Solana', 'solana'),
  XRP: t('XRP', 'XRP', 'ripple'),
  BNB: t('BNB', 'BNB', 'bsc'),
  DOGE: t('DOGE', 'Dogecoin', 'dogecoin'),
  ADA: t('ADA', 'Cardano', 'cardano'),
  AVAX: t('AVAX', 'Avalanche', 'avalanche'),
  LINK: t('LINK', 'Chainlink', 'ethereum', '0x514910771AF9Ca656af840dff83E8264EcF986CA'),
  TON: t('TON', 'Toncoin', 'ton'),
  SUI: t('SUI', 'Sui', 'sui'),
  HYPE: t('HYPE', 'Hyperliquid', 'hyperliquid'),
  LTC: t('LTC', 'Litecoin', 'litecoin'),
  DOT: t('DOT', 'Polkadot', 'polkadot'),
  TRX: t('TRX', 'TRON', 'tron'),
  NEAR: t('NEAR', 'NEAR Protocol', 'near'),
  APT: t('APT', 'Aptos', 'aptos'),
  ARB: t('ARB', 'Arbitrum', 'arbitrum', '0x912CE59144191C1204E64559FE8253a0e49E6548'),
  OP: t('OP', 'Optimism', 'optimism', '0x4200000000000000000000000000000000000042'),
  HBAR: t('HBAR', 'Hedera', 'hedera'),
  XLM: t('XLM', 'Stellar', 'stellar'),
  USDT: t('USDT', 'Tether', 'ethereum', '0xdAC17F958D2ee523a2206206994597C13D831ec7'),
  USDC: t('USDC', 'USD Coin', 'ethereum', '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'),
  KMNO: t('KMNO', 'Kamino', 'solana', 'KMNo3nJsBXfcpJTVhZcXLW7RmTwTt4GVFE7suUBo9sS'),
  PENGU: t('PENGU', 'Pudgy Penguins', 'solana', '2zMMhcVQEXDtdE6vsFS7S7D5oUodfJHE8vd1gnBouauv'),
  MOVE: t('MOVE', 'Movement', 'ethereum', '0x3073f7aAA4DB83f95e9FFf17424F71D4751a3073'),
  PENDLE: t('PENDLE', 'Pendle', 'ethereum', '0x808507121B80c02388fAd14726482e061B8da827'),
  ETHFI: t('ETHFI', 'Ether.fi', 'ethereum', '0xFe0c30065B384F05761f15d0CC899D4F9F9Cc0eB'),
  W: t('W', 'Wormhole', 'solana', '85VBFQZC9TZkfaptBWjvUw7YbZjy52A6mjtPGjstQAmQ'),
  ZK: t('ZK', 'ZKsync', 'zksync', '0x5A7d6b2F92C77FAD6CCaBd7EE0624E64907Eaf3E'),
  AERO: t('AERO', 'Aerodrome Finance', 'base', '0x940181a94A35A4569E4529A3CDfB74e38FD98631', 'Aerodrome'),
  MORPHO: t('MORPHO', 'Morpho Token', 'ethereum', '0x58D97B57BB95320F9a05dC918Aef65434969c2B2', 'Morpho'),
  ENA: t('ENA', 'Ethena', 'ethereum', '0x57e114B691Db790C35207b2e685D4A43181e6061'),
  ONDO: t('ONDO', 'Ondo', 'ethereum', '0xfAbA6f8e4a5E8Ab82F62fe7C39859FA577269BE3'),
  SEI: t('SEI', 'Sei', 'sei'),
  TIA: t('TIA', 'Celestia', 'celestia'),
  PYTH: t('PYTH', 'Pyth Network', 'solana', 'HZ1JovNiVvGrGNiiYvEozEVgZ58xaU3RKwX8eACQBCt3'),
  KAS: t('KAS', 'Kaspa', 'kaspa'),
  STX: t('STX', 'Stacks', 'stacks'),
  RENDER: t('RENDER', 'Render', 'solana', 'rndrizKT3MK1iimdxRdWabcF7Zg7AR5T4nud4EkHBof'),
  INJ: t('INJ', 'Injective', 'injective'),
  JTO: t('JTO', 'Jito', 'solana', 'jtojtomepa8beP8AuQc6eXt5FriJwfFMwQx2v2f9mCL'),
  EIGEN: t('EIGEN', 'EigenLayer', 'ethereum', '0xec53bF9167f50cDEB3Ae105f56099aaaB9061F83'),
  ZRO: t('ZRO', 'LayerZero', 'ethereum', '0x6985884C4392D348587B19cb9eAAf157F13271cd'),
  STRK: t('STRK', 'Starknet', 'ethereum', '0xCa14007Eff0dB1f8135f4C25B34De49AB0d42766'),
  WIF: t('WIF', 'dogwifhat', 'solana', 'EKpQGSJtjMFqKZ9KQanSqYXRcF8fBopzLHYxdM65zcjm'),
  BONK: t('BONK', 'Bonk', 'solana', 'DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263'),
  TAO: t('TAO', 'Bittensor', 'bittensor'),
  FET: t('FET', 'Fetch.ai', 'ethereum', '0xaea46A60368A7bD060eec7DF8CBa43b7EF41Ad85'),
  JUP: t('JUP', 'Jupiter', 'solana', 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN'),
  RAY: t('RAY', 'Raydium', 'solana', '4k3Dyjzvzp8eMZWUXbBCjEvwSkkk59S5iCNLY3QrkX6R'),
  GMX: t('GMX', 'GMX', 'arbitrum', '0xfc5A1A6EB076a2C7aD06eD22C90d7E710E35ad0a'),
  DYDX: t('DYDX', 'dYdX', 'dydx'),
  LDO: t('LDO', 'Lido DAO', 'ethereum', '0x5A98FcBEA516Cf06857215779Fd812CA3beF1B32'),
  ENS: t('ENS', 'Ethereum Name Service', 'ethereum', '0xC18360217D8F7Ab5e7c516566761Ea12Ce7F9D72'),
  IMX: t('IMX', 'Immutable', 'ethereum', '0xF57e7e7C23978C3cAEC3C3548E3D615c346e79fF'),
  TRUMP: t('TRUMP', 'Official Trump', 'solana', '6p6xgHyF7AeE6TZkSmFsko444wqoP15icUSqi2jfGiPN'),
  FLOKI: t('FLOKI', 'FLOKI', 'ethereum', '0xcf0C122c6b73ff809C693DB761e7BaeBe62b6a2E', 'Floki'),
  PEPE: t('PEPE', 'Pepe', 'ethereum', '0x6982508145454Ce325dDbE47a25d4ec3d2311933'),
  SHIB: t('SHIB', 'Shiba Inu', 'ethereum', '0x95aD61b0a150d79219dCF64E1E6Cc01f0B64C4cE'),
  WLD: t('WLD', 'Worldcoin', 'ethereum', '0x163f8C2467924be0ae7B5347228CABF260318753'),
  AAVE: t('AAVE', 'Aave', 'ethereum', '0x7Fc66500c84A76Ad7e9c93437bFc5Ac33E2DDaE9'),
  UNI: t('UNI', 'Uniswap', 'ethereum', '0x1f9840a85d5aF5bf1D1762F925BDADdC4201F984'),
  CRV: t('CRV', 'Curve DAO', 'ethereum', '0xD533a949740bb3306d119CC777fa900bA034cd52', 'Curve'),
  ATOM: t('ATOM', 'Cosmos Hub', 'cosmos', null, 'Cosmos'),
  FIL: t('FIL', 'Filecoin', 'filecoin'),
  ALPHA: t('ALPHA', 'Alpha Venture DAO', 'ethereum', '0xa1faa113cbE53436Df28FF0aEe54275c13B40975'),
  PERP: t('PERP', 'Perpetual Protocol', 'ethereum', '0xbC396689893D065F41bc2C6EcbeE5e0085233447'),
  SUPER: t('SUPER', 'SuperFarm', 'ethereum', '0xe53EC727dbDEB9E2d5456c3be40cFF031AB40A55'),
  POND: t('POND', 'Marlin', 'ethereum', '0x57B946008913B82E4dF85f501cbAeD910e58D26C'),
  BICO: t('BICO', 'Biconomy', 'ethereum', '0xF17e65822b568B3903685a7c9F496CF7656Cc6C2'),
  REQ: t('REQ', 'Request', 'ethereum', '0x8f8221aFbB33998d8584A2B05749bA73c37a938a'),
  CTSI: t('CTSI', 'Cartesi', 'ethereum', '0x491604c0FDF08347Dd1fa4Ee062a822A5DD06B5D'),
  ANKR: t('ANKR', 'Ankr', 'ethereum', '0x8290333ceF9e6D528dD5618Fb97a76f268f3EDD4'),
  LRC: t('LRC', 'LoopringCoin V2', 'ethereum', '0xBBbbCA6A901c926F240b89EacB641d8Aec7AEafD', 'Loopring'),
  SKL: t('SKL', 'SKALE', 'ethereum', '0x00c83aeCC790e8a4453e5dD3B0B4b3680501a7A7'),
  AUDIO: t('AUDIO', 'Audius', 'ethereum', '0x18aAA7115705e8be94bfFEBDE57Af9BFc265B998'),
  NMR: t('NMR', 'Numeraire', 'ethereum', '0x1776e1F26f98b1A5dF9cD347953a26dd3Cb46671'),
  AXS: t('AXS', 'Axie Infinity', 'ethereum', '0xBB0E17EF65F82Ab018d8EDd776e8DD940327B28b'),
  SAND: t('SAND', 'The Sandbox', 'ethereum', '0x3845badAde8e6dFF049820680d1F14bD3903a5d0'),
  MANA: t('MANA', 'Decentraland', 'ethereum', '0x0F5D2fB29fb7d3CFeE444a200298f468908cC942'),
  APE: t('APE', 'ApeCoin', 'ethereum', '0x4d224452801ACEd8B2F0aebE155379bb5D594381'),
  GALA: t('GALA', 'GALA', 'ethereum', '0xd1d2Eb1B1e90B638588728b4130137D262C87cae', 'Gala'),
  FLOW: t('FLOW', 'Flow', 'flow'),
  EGLD: t('EGLD', 'MultiversX', 'multiversx'),
} as const satisfies Record<string, CorpusToken>;

type Symbol = keyof typeof TOKENS;
const many = (...symbols: Symbol[]): readonly CorpusToken[] => symbols.map((s) => TOKENS[s]);

/** Talked about every day, in proportion to these weights. */
export const MAJORS: ReadonlyArray<readonly [CorpusToken, number]> = [
  [TOKENS.BTC, 30],
  [TOKENS.ETH, 19],
  [TOKENS.SOL, 12],
  [TOKENS.XRP, 7],
  [TOKENS.BNB, 4],
  [TOKENS.DOGE, 5],
  [TOKENS.ADA, 3],
  [TOKENS.AVAX, 3],
  [TOKENS.LINK, 3],
  [TOKENS.SUI, 3],
  [TOKENS.HYPE, 3],
  [TOKENS.TON, 2],
  [TOKENS.LTC, 2],
  [TOKENS.DOT, 2],
  [TOKENS.TRX, 1],
  [TOKENS.NEAR, 1],
  [TOKENS.APT, 1],
  [TOKENS.ARB, 1],
  [TOKENS.OP, 1],
];

/** Younger mid and small caps that exchanges are still adding. */
export const LISTABLE = many(
  'KMNO',
  'PENGU',
  'MOVE',
  'PENDLE',
  'ETHFI',
  'W',
  'ZK',
  'AERO',
  'MORPHO',
  'ENA',
  'ONDO',
  'SEI',
  'TIA',
  'PYTH',
  'KAS',
  'STX',
  'RENDER',
  'INJ',
  'JTO',
  'EIGEN',
  'ZRO',
  'STRK',
  'TAO',
  'FET',
  'JUP',
  'RAY',
  'WLD',
  'HYPE',
);

/** Mid and small caps that traders talk about now and then. */
export const MID_CAPS = many(
  'KMNO',
  'PENGU',
  'MOVE',
  'PENDLE',
  'ETHFI',
  'W',
  'ZK',
  'AERO',
  'MORPHO',
  'ENA',
  'ONDO',
  'SEI',
  'TIA',
  'PYTH',
  'KAS',
  'STX',
  'RENDER',
  'INJ',
  'JTO',
  'EIGEN',
  'ZRO',
  'STRK',
  'TAO',
  'FET',
  'JUP',
  'RAY',
  'GMX',
  'DYDX',
  'LDO',
  'ENS',
  'IMX',
  'WLD',
  'AAVE',
  'UNI',
  'CRV',
);

/** Memecoins: chatter, whale buys, the odd listing; never ETFs. */
export const MEMECOINS = many('DOGE', 'SHIB', 'PEPE', 'WIF', 'BONK', 'FLOKI', 'PENGU', 'TRUMP');

/** Old small caps whose thin pairs exchanges prune. */
export const FADING = many(
  'ALPHA',
  'PERP',
  'SUPER',
  'POND',
  'BICO',
  'REQ',
  'CTSI',
  'ANKR',
  'LRC',
  'SKL',
  'AUDIO',
  'NMR',
);

/** Established tokens whose cross pairs (against BTC, ETH, FDUSD, TRY) get removed for low volume. */
export const CROSS_PAIRED = many(
  'AXS',
  'SAND',
  'MANA',
  'APE',
  'GALA',
  'FLOW',
  'EGLD',
  'ATOM',
  'FIL',
  'DOT',
  'NEAR',
  'IMX',
  'CRV',
);

/** Tokens with vesting schedules that unlock supply. */
export const UNLOCKING = many(
  'SUI',
  'APT',
  'ARB',
  'OP',
  'STRK',
  'TIA',
  'JTO',
  'PYTH',
  'WLD',
  'ENA',
  'IMX',
  'SEI',
  'ZK',
  'W',
  'EIGEN',
  'ZRO',
  'MOVE',
);

/** Projects with points programmes and airdrop seasons. */
export const AIRDROPPING = many('JUP', 'JTO', 'ENA', 'ETHFI', 'KMNO', 'ZRO', 'EIGEN', 'W', 'PYTH', 'STRK', 'ZK');

/** Chains companies build on and developers upgrade. */
export const CHAINS = many('ETH', 'SOL', 'AVAX', 'SUI', 'APT', 'TON', 'XLM', 'HBAR', 'ADA', 'DOT', 'NEAR', 'ARB', 'OP');

/** Spot ETFs trade and report daily flows for these. */
export const ETF_TRADED = many('BTC', 'ETH', 'SOL', 'XRP');
/** Spot ETF applications are pending for these. */
export const ETF_PENDING = many('LTC', 'HBAR', 'AVAX', 'DOT', 'SUI', 'ADA', 'DOGE', 'LINK');

export const STABLECOINS = many('USDT', 'USDC');

/** Where a chain id is written in prose. */
const CHAIN_NAMES: Record<string, string> = {
  bitcoin: 'Bitcoin',
  ethereum: 'Ethereum',
  solana: 'Solana',
  bsc: 'BNB Chain',
  arbitrum: 'Arbitrum',
  optimism: 'Optimism',
  base: 'Base',
  zksync: 'ZKsync',
  ripple: 'the XRP Ledger',
  avalanche: 'Avalanche',
  sui: 'Sui',
  aptos: 'Aptos',
  ton: 'TON',
  near: 'NEAR',
  hyperliquid: 'Hyperliquid',
  polkadot: 'Polkadot',
  cardano: 'Cardano',
  stellar: 'Stellar',
  hedera: 'Hedera',
};
/** The network a token lives on, as prose ("on Solana"). */
export const homeOf = (token: CorpusToken) => CHAIN_NAMES[token.chain] ?? nameOf(token);
