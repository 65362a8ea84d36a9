import type { Random } from './random.ts';

/**
 * Who publishes the corpus's posts and where they live: news outlets, X
 * accounts, exchange announcement pages and on-chain alert feeds, each with
 * its real URL shape (dated CoinDesk paths, numbered The Block posts, X status
 * ids that encode the posting time, Binance's announcement codes).
 */

export interface Placed {
  kind: 'news' | 'twitter' | 'exchange' | 'onchain';
  name: string;
  url: string;
  author?: string;
  externalId: string;
}

/** What a publisher needs to place one post: when, a slug of its headline, the desk it belongs to, and its serial number. */
interface Placing {
  at: Date;
  slug: string;
  desk: Desk;
  serial: number;
  r: Random;
}

/** The newsroom desk a story belongs to: outlets file their URLs under it. */
export type Desk = 'markets' | 'policy' | 'tech' | 'business';

export interface Publisher {
  kind: Placed['kind'];
  name: string;
  place(p: Placing): Placed;
}

const day = (at: Date) => at.toISOString().slice(0, 10);
const datePath = (at: Date) => day(at).replaceAll('-', '/');
/** Days since 2024-01-01: the clock that numbered ids (The Block posts, Upbit notices) advance with. */
const daysIn = (at: Date) => Math.floor((at.getTime() - Date.UTC(2024, 0, 1)) / 86_400_000);

export const slugOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[$#]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 10)
    .join('-');

/** X status ids are snowflakes: milliseconds since the X epoch, shifted past 22 bits of worker and sequence. */
export const statusId = (at: Date, r: Random) =>
  ((BigInt(at.getTime() - 1_288_834_974_657) << 22n) | BigInt(r.int(0, 2 ** 22 - 1))).toString();

function news(name: string, key: string, url: (p: Placing) => string): Publisher {
  return { kind: 'news', name, place: (p) => ({ kind: 'news', name, url: url(p), externalId: `${key}-${p.serial}` }) };
}

/** An X account; `kind` is what its posts are (an on-chain alert account posts `onchain` items). */
export function xAccount(handle: string, kind: Placed['kind'] = 'twitter', name = `@${handle}`): Publisher {
  return {
    kind,
    name,
    place({ at, r }) {
      const id = statusId(at, r);
      return { kind, name, author: `@${handle}`, url: `https://x.com/${handle}/status/${id}`, externalId: `x-${id}` };
    },
  };
}

const OUTLETS = {
  coindesk: news(
    'CoinDesk',
    'coindesk',
    ({ at, slug, desk }) => `https://www.coindesk.com/${desk}/${datePath(at)}/${slug}/`,
  ),
  theBlock: news(
    'The Block',
    'theblock',
    ({ at, slug, r }) => `https://www.theblock.co/post/${270_000 + daysIn(at) * 160 + r.int(0, 159)}/${slug}`,
  ),
  decrypt: news(
    'Decrypt',
    'decrypt',
    ({ at, slug, r }) => `https://decrypt.co/${211_000 + daysIn(at) * 190 + r.int(0, 189)}/${slug}`,
  ),
  cointelegraph: news('Cointelegraph', 'cointelegraph', ({ slug }) => `https://cointelegraph.com/news/${slug}`),
  blockworks: news('Blockworks', 'blockworks', ({ slug }) => `https://blockworks.co/news/${slug}`),
  dlnews: news(
    'DL News',
    'dlnews',
    ({ slug, desk }) =>
      `https://www.dlnews.com/articles/${{ markets: 'markets', policy: 'regulation', tech: 'defi', business: 'web3' }[desk]}/${slug}/`,
  ),
  bloomberg: news(
    'Bloomberg',
    'bloomberg',
    ({ at, slug }) => `https://www.bloomberg.com/news/articles/${day(at)}/${slug}`,
  ),
  reuters: news('Reuters', 'reuters', ({ at, slug }) => `https://www.reuters.com/technology/${slug}-${day(at)}/`),
  theDefiant: news(
    'The Defiant',
    'thedefiant',
    ({ slug, desk }) =>
      `https://thedefiant.io/news/${{ markets: 'markets', policy: 'regulation', tech: 'defi', business: 'defi' }[desk]}/${slug}`,
  ),
  cryptoslate: news('CryptoSlate', 'cryptoslate', ({ slug }) => `https://cryptoslate.com/${slug}/`),
  bitcoinMagazine: news(
    'Bitcoin Magazine',
    'bitcoinmagazine',
    ({ slug }) => `https://bitcoinmagazine.com/markets/${slug}`,
  ),
  rekt: news('Rekt News', 'rekt', ({ slug }) => `https://rekt.news/${slug.split('-').slice(0, 2).join('-')}-rekt/`),
} as const;

/** General crypto outlets, the ones that cover any story. */
export const NEWSROOMS: readonly Publisher[] = [
  OUTLETS.coindesk,
  OUTLETS.theBlock,
  OUTLETS.decrypt,
  OUTLETS.cointelegraph,
  OUTLETS.blockworks,
  OUTLETS.dlnews,
  OUTLETS.theDefiant,
  OUTLETS.cryptoslate,
];
/** Outlets for macro and policy stories. */
export const WIRES: readonly Publisher[] = [
  OUTLETS.bloomberg,
  OUTLETS.reuters,
  OUTLETS.coindesk,
  OUTLETS.theBlock,
  OUTLETS.blockworks,
];

/** Accounts that post headlines within minutes of a story. */
export const HEADLINE_ACCOUNTS: readonly Publisher[] = [
  'WatcherGuru',
  'tier10k',
  'WuBlockchain',
  'DegenerateNews',
  'CoinDesk',
  'TheBlock__',
  'Cointelegraph',
].map((h) => xAccount(h));

export const ALERTS = {
  peckshield: xAccount('PeckShieldAlert', 'onchain', 'PeckShield Alert'),
  cyvers: xAccount('CyversAlerts', 'onchain', 'Cyvers Alerts'),
  certik: xAccount('CertiKAlert', 'onchain', 'CertiK Alert'),
  scamSniffer: xAccount('realScamSniffer', 'onchain', 'Scam Sniffer'),
  lookonchain: xAccount('lookonchain', 'onchain', 'Lookonchain'),
  spotOnChain: xAccount('spotonchain', 'onchain', 'Spot On Chain'),
  arkham: xAccount('arkham', 'onchain', 'Arkham'),
} as const;
/** Transaction hashes as each chain's explorers write them. */
function txHash(chain: string, r: Random): string {
  if (chain === 'ethereum' || chain === 'bsc') return `0x${r.hex(64)}`;
  if (chain === 'ripple') return r.hex(64).toUpperCase();
  if (chain === 'solana')
    return Array.from({ length: 88 }, () =>
      r.pick([...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz']),
    ).join('');
  return r.hex(64);
}

/** Whale Alert's posts link to the transaction on its own site, under the chain's name. */
export function whaleAlert(chain: string): Publisher {
  const name = 'Whale Alert';
  return {
    kind: 'onchain',
    name,
    place: ({ r, serial }) => ({
      kind: 'onchain',
      name,
      url: `https://whale-alert.io/transaction/${chain}/${txHash(chain, r)}`,
      externalId: `whale-alert-${serial}`,
    }),
  };
}

/** Accounts that trace money on-chain (smart-money buys, exploiter wallets). */
export const TRACKERS: readonly Publisher[] = [ALERTS.lookonchain, ALERTS.spotOnChain, ALERTS.arkham];
/** Accounts that flag exploits as they happen. */
export const SECURITY_ALERTS: readonly Publisher[] = [ALERTS.peckshield, ALERTS.cyvers, ALERTS.certik];

function venue(name: string, key: string, url: (p: Placing) => string): Publisher {
  return {
    kind: 'exchange',
    name,
    place: (p) => ({ kind: 'exchange', name, url: url(p), externalId: `${key}-${p.serial}` }),
  };
}

/**
 * An exchange: how its name reads in prose, where it announces, and how its
 * listing and delisting notices are worded (each exchange has its house style).
 */
export interface Exchange {
  name: string;
  /** Big enough that a spot listing moves the price (and the news repeats it). */
  tier: 1 | 2;
  desk: Publisher;
  /** The quote currencies its new spot pairs use. */
  quotes: readonly string[];
}

export const EXCHANGES: readonly Exchange[] = [
  {
    name: 'Binance',
    tier: 1,
    quotes: ['USDT', 'USDC', 'FDUSD'],
    desk: venue(
      'Binance Announcements',
      'binance',
      ({ r }) => `https://www.binance.com/en/support/announcement/${r.hex(32)}`,
    ),
  },
  {
    name: 'Coinbase',
    tier: 1,
    quotes: ['USD', 'USDC'],
    desk: xAccount('CoinbaseMarkets', 'exchange', 'Coinbase Markets'),
  },
  {
    name: 'Upbit',
    tier: 1,
    quotes: ['KRW', 'USDT'],
    desk: venue(
      'Upbit Notices',
      'upbit',
      ({ at, r }) => `https://upbit.com/service_center/notice?id=${4_000 + daysIn(at) * 3 + r.int(0, 2)}`,
    ),
  },
  {
    name: 'OKX',
    tier: 2,
    quotes: ['USDT', 'USDC'],
    desk: venue('OKX Announcements', 'okx', ({ slug }) => `https://www.okx.com/help/${slug}`),
  },
  {
    name: 'Bybit',
    tier: 2,
    quotes: ['USDT'],
    desk: venue(
      'Bybit Announcements',
      'bybit',
      ({ slug, r }) => `https://announcements.bybit.com/en/article/${slug}-blt${r.hex(16)}/`,
    ),
  },
  {
    name: 'Kraken',
    tier: 2,
    quotes: ['USD', 'EUR'],
    desk: venue('Kraken Blog', 'kraken', ({ slug }) => `https://blog.kraken.com/product/asset-listings/${slug}`),
  },
  {
    name: 'Bithumb',
    tier: 2,
    quotes: ['KRW'],
    desk: venue(
      'Bithumb Notices',
      'bithumb',
      ({ at, r }) => `https://feed.bithumb.com/notice/${1_640_000 + daysIn(at) * 40 + r.int(0, 39)}`,
    ),
  },
  {
    name: 'KuCoin',
    tier: 2,
    quotes: ['USDT'],
    desk: venue('KuCoin Announcements', 'kucoin', ({ slug }) => `https://www.kucoin.com/announcement/${slug}`),
  },
  {
    name: 'Gate',
    tier: 2,
    quotes: ['USDT'],
    desk: venue(
      'Gate Announcements',
      'gate',
      ({ at, r }) => `https://www.gate.com/announcements/article/${38_000 + daysIn(at) * 12 + r.int(0, 11)}`,
    ),
  },
  {
    name: 'MEXC',
    tier: 2,
    quotes: ['USDT'],
    desk: venue(
      'MEXC Announcements',
      'mexc',
      ({ r }) => `https://www.mexc.com/support/articles/${r.int(17_827_791_500_000, 17_827_791_599_999)}`,
    ),
  },
  {
    name: 'Bitget',
    tier: 2,
    quotes: ['USDT'],
    desk: venue(
      'Bitget Announcements',
      'bitget',
      ({ r }) => `https://www.bitget.com/support/articles/${r.int(12_560_603_800_000, 12_560_603_899_999)}`,
    ),
  },
];
export const exchange = (name: string) => EXCHANGES.find((e) => e.name === name)!;

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
  'defi',
  'onchain',
  'macro',
  'ape',
  'btc',
  'perp',
  'bag',
  'candle',
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
  'anon',
  '_fi',
];
/** An ordinary trader's X account, built from parts so thousands of posts are not all from ten people. */
export const traderAccount = (r: Random) =>
  xAccount(`${r.pick(HANDLE_HEADS)}${r.pick(HANDLE_TAILS)}${r.chance(0.3) ? '' : r.int(1, 99)}`);
