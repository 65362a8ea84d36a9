import { NotFoundError } from '../../core/domainErrors.ts';
import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import type { MarketData } from './marketData.ts';
import { rankMovers } from './movers.ts';
import { moversInput, moversOutput, pricesInput, pricesOutput, tokenInfoInput, tokenInfoSchema } from './schemas.ts';
import { readMarketData } from './upstream.ts';

const readOnly = { readOnlyHint: true, openWorldHint: true } as const;

/** The market data as tools: one token in full, the prices of a list of them, or the day's biggest movers. */
export function marketTools(data: MarketData): ToolDefinition[] {
  const tokenInfo = defineTool({
    name: 'market.token_info',
    title: 'Price and market data of a token',
    description:
      'Price in USD, 24 h change, market cap, volume and holders of one token, named by ticker, name or CoinGecko id ' +
      '(bitcoin is BTC), or by contract address and chain. Embedded simulation by default (the prices the simulated exchanges trade at), CoinGecko with MARKET_DATA=coingecko.',
    input: tokenInfoInput,
    output: tokenInfoSchema,
    annotations: readOnly,
    role: 'guest',
    examples: [
      { description: 'Bitcoin by its CoinGecko id', input: { symbol: 'bitcoin' } },
      {
        description: 'USDC on Base by contract',
        input: { address: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', chain: 'base' },
      },
    ],
    async handler(query, { signal, logger }) {
      const info = await readMarketData(() => data.tokenInfo(query, signal), logger);
      if (info) return info;
      if ('address' in query)
        throw new NotFoundError(`no known token at ${query.address} on ${query.chain}`, { field: 'address' });
      throw new NotFoundError(`no known token answers to ${query.symbol}`, { field: 'symbol' });
    },
  });

  const prices = defineTool({
    name: 'market.prices',
    title: 'Prices of several tokens',
    description:
      'Price, 24 h change, market cap and volume of up to 25 tokens at once, each named by ticker, name or CoinGecko id. ' +
      'Tokens no one knows are listed under not_found; the others are still answered.',
    input: pricesInput,
    output: pricesOutput,
    annotations: readOnly,
    role: 'guest',
    examples: [{ description: 'The majors', input: { symbols: ['BTC', 'ETH', 'SOL'] } }],
    async handler({ symbols }, { signal, logger }) {
      // Each token once, as first spelt ('BTC' and 'btc' are one question; 'bitcoin' is asked in other words).
      const asked = symbols.filter((s, i) => symbols.findIndex((t) => t.toLowerCase() === s.toLowerCase()) === i);
      const infos = await readMarketData(() => data.tokenInfos(asked, signal), logger);
      return {
        prices: asked.flatMap((query, i) => (infos[i] ? [{ query, ...infos[i] }] : [])),
        not_found: asked.filter((_, i) => !infos[i]),
      };
    },
  });

  const movers = defineTool({
    name: 'market.movers',
    title: 'Top gainers and losers over 24 h',
    description:
      'The coins that rose (gainers) or fell (losers) most over the last 24 h among the largest coins by market cap, with price in USD, 24 h change, market cap and volume. ' +
      'Same source as market.prices: the embedded simulation by default, CoinGecko with MARKET_DATA=coingecko.',
    input: moversInput,
    output: moversOutput,
    annotations: readOnly,
    role: 'guest',
    examples: [
      { description: "Today's top gainers", input: { direction: 'gainers' } },
      { description: 'The ten biggest losers', input: { direction: 'losers', limit: 10 } },
    ],
    async handler({ direction, limit }, { signal, logger }) {
      const coins = await readMarketData(() => data.largestCoins(signal), logger);
      return rankMovers(coins, direction, limit, data.kind);
    },
  });

  return [tokenInfo, prices, movers];
}
