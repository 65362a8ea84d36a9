import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the CoinGecko v3 API, listening on 127.0.0.1. It serves
 * `/coins/markets` (by `ids`, or a page by market cap) and `/coins/{platform}/contract/{address}` in CoinGecko's
 * documented shapes (including the 404 `{"error":"coin not found"}`), records
 * every request, and can be told to fail or stall to exercise error paths.
 */

export interface FakeCoin {
  id: string;
  symbol: string; // lower case, as CoinGecko writes it
  name: string;
  /** platform id → contract address, as in CoinGecko's `platforms` field. */
  platforms: Record<string, string>;
  price: number;
  change24hPct: number | null;
  marketCap: number | null;
  volume24h: number | null;
  lastUpdated: string;
}

interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface FakeCoinGecko {
  /** Base URL including `/api/v3`, ready for COINGECKO_BASE_URL. */
  url: string;
  requests: RecordedRequest[];
  /** The next request gets this status and body instead of data. */
  failNext(status: number, body: unknown): void;
  /** Every later request waits this long before answering. */
  stallFor(ms: number): void;
  close(): Promise<void>;
}

function marketsRow(coin: FakeCoin) {
  return {
    id: coin.id,
    symbol: coin.symbol,
    name: coin.name,
    image: `https://coin-images.coingecko.com/coins/images/1/large/${coin.id}.png`,
    current_price: coin.price,
    market_cap: coin.marketCap,
    market_cap_rank: 1,
    fully_diluted_valuation: coin.marketCap,
    total_volume: coin.volume24h,
    high_24h: coin.price * 1.02,
    low_24h: coin.price * 0.97,
    price_change_24h: coin.change24hPct === null ? null : (coin.price * coin.change24hPct) / 100,
    price_change_percentage_24h: coin.change24hPct,
    market_cap_change_24h: 1_234_567.8,
    market_cap_change_percentage_24h: 0.41,
    circulating_supply: 19_800_000,
    total_supply: 21_000_000,
    max_supply: 21_000_000,
    ath: coin.price * 1.3,
    ath_change_percentage: -23.1,
    ath_date: '2025-10-06T18:57:42.558Z',
    atl: coin.price / 1000,
    atl_change_percentage: 99_900.5,
    atl_date: '2013-07-06T00:00:00.000Z',
    roi: null,
    last_updated: coin.lastUpdated,
  };
}

const perCurrency = (usd: number | null) => (usd === null ? {} : { usd, eur: usd * 0.92, btc: usd / 90_000 });

function contractCoin(coin: FakeCoin, platform: string) {
  const address = coin.platforms[platform];
  return {
    id: coin.id,
    symbol: coin.symbol,
    name: coin.name,
    web_slug: coin.id,
    asset_platform_id: platform,
    platforms: coin.platforms,
    detail_platforms: { [platform]: { decimal_place: 6, contract_address: address } },
    block_time_in_minutes: 0,
    hashing_algorithm: null,
    categories: ['Stablecoins'],
    description: { en: `${coin.name} is a token.` },
    links: { homepage: ['https://example.org'] },
    image: {
      thumb: 'https://example.org/t.png',
      small: 'https://example.org/s.png',
      large: 'https://example.org/l.png',
    },
    country_origin: 'US',
    genesis_date: null,
    contract_address: address,
    sentiment_votes_up_percentage: 80,
    market_cap_rank: 7,
    market_data: {
      current_price: perCurrency(coin.price),
      total_value_locked: null,
      market_cap: perCurrency(coin.marketCap),
      total_volume: perCurrency(coin.volume24h),
      price_change_24h: 0.0001,
      price_change_percentage_24h: coin.change24hPct,
      price_change_percentage_7d: 0.01,
      circulating_supply: 75_000_000_000,
      last_updated: coin.lastUpdated,
    },
    community_data: { twitter_followers: 1 },
    tickers: [],
    last_updated: coin.lastUpdated,
  };
}

export async function startFakeCoinGecko(coins: FakeCoin[]): Promise<FakeCoinGecko> {
  const requests: RecordedRequest[] = [];
  let failure: { status: number; body: unknown } | undefined;
  let stallMs = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    });
    const send = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    };
    const answer = (): [number, unknown] => {
      if (failure) {
        const { status, body } = failure;
        failure = undefined;
        return [status, body];
      }
      if (url.pathname === '/api/v3/coins/markets') {
        if (!url.searchParams.get('vs_currency')) return [400, { error: 'Missing parameter vs_currency' }];
        const ids = url.searchParams.get('ids')?.split(',');
        if (ids) return [200, coins.filter((c) => ids.includes(c.id)).map(marketsRow)];
        // Without ids: a page of every coin by market cap, the largest first (unknown caps last).
        const perPage = Number(url.searchParams.get('per_page') ?? 100);
        const byCap = [...coins].sort((a, b) => (b.marketCap ?? -1) - (a.marketCap ?? -1));
        return [200, byCap.slice(0, perPage).map(marketsRow)];
      }
      const contract = url.pathname.match(/^\/api\/v3\/coins\/([^/]+)\/contract\/([^/]+)$/);
      if (contract) {
        const [, platform, address] = contract as unknown as [string, string, string];
        const coin = coins.find(
          (c) => c.platforms[platform]?.toLowerCase() === decodeURIComponent(address).toLowerCase(),
        );
        return coin ? [200, contractCoin(coin, platform)] : [404, { error: 'coin not found' }];
      }
      return [404, { error: 'Incorrect path. Please check https://www.coingecko.com/api/' }];
    };
    const [status, body] = answer();
    if (stallMs > 0) setTimeout(() => send(status, body), stallMs).unref();
    else send(status, body);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v3`,
    requests,
    failNext: (status, body) => {
      failure = { status, body };
    },
    stallFor: (ms) => {
      stallMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
