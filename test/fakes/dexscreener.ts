import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for DEX Screener's public API replaying its payload shapes:
 * `GET /token-profiles/latest/v1` (an array of token profiles) and
 * `GET /tokens/v1/{chainId}/{addresses}` (an array of pairs, camelCase,
 * prices as strings, `pairCreatedAt` in epoch milliseconds). Records requests;
 * can be told to answer the next request with an error (e.g. 429).
 */

export interface FakeDexToken {
  chainId: string;
  address: string;
  name: string;
  symbol: string;
  description?: string | null;
  /** Pools of this token; none means DEX Screener knows the profile but no pair yet. */
  pools: Array<{
    dexId: string;
    quote: { address: string; name: string; symbol: string };
    liquidityUsd: number;
    volume24h: number;
    priceUsd: string;
    fdv: number;
    createdAt: number;
  }>;
}

export interface FakeDexScreener {
  url: string;
  requests: string[];
  /** Tokens shown by the latest-profiles endpoint, newest first. */
  profiles: FakeDexToken[];
  failNext(status: number, body?: unknown): void;
  close(): Promise<void>;
}

function profile(token: FakeDexToken) {
  return {
    url: `https://dexscreener.com/${token.chainId}/${token.address.toLowerCase()}`,
    chainId: token.chainId,
    tokenAddress: token.address,
    icon: `https://dd.dexscreener.com/ds-data/tokens/${token.chainId}/${token.address.toLowerCase()}.png?key=4b0ac3`,
    header: `https://dd.dexscreener.com/ds-data/tokens/${token.chainId}/${token.address.toLowerCase()}/header.png?key=4b0ac3`,
    openGraph: `https://cdn.dexscreener.com/token-images/og/${token.chainId}/${token.address}?timestamp=1763683200000`,
    description: token.description ?? null,
    links: [
      { label: 'Website', url: `https://${token.symbol.toLowerCase()}.example` },
      { type: 'twitter', url: `https://x.com/${token.symbol.toLowerCase()}` },
      { type: 'telegram', url: `https://t.me/${token.symbol.toLowerCase()}` },
    ],
  };
}

function pairs(token: FakeDexToken) {
  return token.pools.map((pool, i) => ({
    chainId: token.chainId,
    dexId: pool.dexId,
    url: `https://dexscreener.com/${token.chainId}/pool${i}${token.address.slice(0, 8).toLowerCase()}`,
    pairAddress: `pool${i}${token.address.slice(0, 30)}`,
    labels: ['v2'],
    baseToken: { address: token.address, name: token.name, symbol: token.symbol },
    quoteToken: pool.quote,
    priceNative: (Number(pool.priceUsd) / 150).toPrecision(6),
    priceUsd: pool.priceUsd,
    txns: {
      m5: { buys: 12, sells: 9 },
      h1: { buys: 140, sells: 97 },
      h6: { buys: 801, sells: 655 },
      h24: { buys: 2410, sells: 1987 },
    },
    volume: { h24: pool.volume24h, h6: pool.volume24h / 3, h1: pool.volume24h / 20, m5: pool.volume24h / 240 },
    priceChange: { m5: 1.2, h1: -3.4, h6: 18.9, h24: 240.5 },
    liquidity: { usd: pool.liquidityUsd, base: 1_000_000, quote: pool.liquidityUsd / 300 },
    fdv: pool.fdv,
    marketCap: pool.fdv,
    pairCreatedAt: pool.createdAt,
    info: {
      imageUrl: `https://dd.dexscreener.com/ds-data/tokens/${token.chainId}/${token.address}.png`,
      websites: [{ label: 'Website', url: `https://${token.symbol.toLowerCase()}.example` }],
      socials: [{ type: 'twitter', url: `https://x.com/${token.symbol.toLowerCase()}` }],
    },
    boosts: { active: 10 },
  }));
}

export async function startFakeDexScreener(profiles: FakeDexToken[]): Promise<FakeDexScreener> {
  const requests: string[] = [];
  let failure: { status: number; body: unknown } | undefined;
  const fake = { profiles } as FakeDexScreener;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (failure) {
      const { status, body } = failure;
      failure = undefined;
      return send(status, body);
    }
    if (path === '/token-profiles/latest/v1') return send(200, fake.profiles.map(profile));
    const match = /^\/tokens\/v1\/([^/]+)\/([^/?]+)$/.exec(path);
    if (match) {
      const [, chainId, list] = match as unknown as [string, string, string];
      const wanted = new Set(list.split(',').map((a) => decodeURIComponent(a).toLowerCase()));
      return send(
        200,
        fake.profiles.filter((t) => t.chainId === chainId && wanted.has(t.address.toLowerCase())).flatMap(pairs),
      );
    }
    send(404, { error: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status: number, body: unknown = { error: 'Too Many Requests' }) {
      failure = { status, body };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
