import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Binance's public spot REST API (`/api/v3`), enough for
 * ccxt's `loadMarkets` and `fetchOrderBook`: `exchangeInfo` and `depth` in the
 * shapes Binance documents (prices and quantities as decimal strings, filters
 * per symbol, `-1121 Invalid symbol.` for an unknown one). Records every request.
 */

export interface FakeBinanceMarket {
  base: string;
  quote: string;
  status?: 'TRADING' | 'BREAK';
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
}

export interface FakeBinance {
  /** Base URL of the spot API, ready for ccxt's `urls.api.public`. */
  url: string;
  requests: Array<{ path: string; query: Record<string, string> }>;
  close(): Promise<void>;
}

const decimal = (value: number) => value.toFixed(8);

function symbolInfo(id: string, market: FakeBinanceMarket) {
  return {
    symbol: id,
    status: market.status ?? 'TRADING',
    baseAsset: market.base,
    baseAssetPrecision: 8,
    quoteAsset: market.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: true,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
      { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '83.20157000', stepSize: '0.00000000' },
      {
        filterType: 'TRAILING_DELTA',
        minTrailingAboveDelta: 10,
        maxTrailingAboveDelta: 2000,
        minTrailingBelowDelta: 10,
        maxTrailingBelowDelta: 2000,
      },
      {
        filterType: 'PERCENT_PRICE_BY_SIDE',
        bidMultiplierUp: '5',
        bidMultiplierDown: '0.2',
        askMultiplierUp: '5',
        askMultiplierDown: '0.2',
        avgPriceMins: 5,
      },
      {
        filterType: 'NOTIONAL',
        minNotional: '5.00000000',
        applyMinToMarket: true,
        maxNotional: '9000000.00000000',
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT', 'MARGIN', 'TRD_GRP_004', 'TRD_GRP_005', 'TRD_GRP_006']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'],
  };
}

export async function startFakeBinance(markets: Record<string, FakeBinanceMarket>): Promise<FakeBinance> {
  const requests: FakeBinance['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/v3/exchangeInfo') {
      return send(200, {
        timezone: 'UTC',
        serverTime: Date.now(),
        rateLimits: [
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
          { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
          { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
        ],
        exchangeFilters: [],
        symbols: Object.entries(markets).map(([id, market]) => symbolInfo(id, market)),
      });
    }
    if (url.pathname === '/api/v3/depth') {
      const market = markets[query.symbol ?? ''];
      if (!market) return send(400, { code: -1121, msg: 'Invalid symbol.' });
      const limit = Number(query.limit ?? 100);
      return send(200, {
        lastUpdateId: 1027024,
        bids: market.bids.slice(0, limit).map(([p, q]) => [decimal(p), decimal(q)]),
        asks: market.asks.slice(0, limit).map(([p, q]) => [decimal(p), decimal(q)]),
      });
    }
    send(404, { code: -1, msg: `no fake for ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v3`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
