import type { ToolPrompt } from '../../core/tool.ts';

const whatMoved: ToolPrompt = {
  name: 'what_moved',
  title: 'What moved in the last hour',
  description:
    "The last hour's most valuable news by event, the tokens talked about most more or less than before, and their prices.",
  arguments: [],
  tools: ['intelligence.briefing', 'market.prices'],
  text: () =>
    'What moved in crypto in the last hour? Call intelligence.briefing with window "1h", then market.prices with the tokens of its ' +
    'movers (and of the top items, up to 10 in all). Lead with the events whose items are worth most (title, value, sentiment, ' +
    'how many sources), then the tokens mentioned more or less than in the hour before (count, previous, change) with each ' +
    "one's price and 24 h change. If its onchain_alerts count any, say in one line how many scam tokens the on-chain agent " +
    'flagged and name the most dangerous. If the hour was quiet, say so in one line rather than padding.',
};

const tokenBriefing: ToolPrompt = {
  name: 'token_briefing',
  title: 'Brief me on a token',
  description:
    'Price and market data of one token, what the intelligence feed says about it, and how much it is talked about.',
  arguments: [
    { name: 'token', description: 'a ticker (SOL), a coin name (Solana) or a CoinGecko id (solana)', required: true },
  ],
  tools: ['market.token_info', 'intelligence.briefing', 'intelligence.search'],
  text: ({ token }) => {
    const named = JSON.stringify(token);
    return (
      `Brief me on ${token}. Call market.token_info with symbol ${named} for its price, 24 h change, market cap and volume. ` +
      `Call intelligence.briefing with tokens [${named}] and window "24h" for what happened to it by event and how its ` +
      `mentions moved, then intelligence.search with tokens [${named}] and limit 5 for its latest items. Give the price first, ` +
      'then the two or three stories that matter most with their sentiment and value, then whether it is talked about more ' +
      'or less than the day before. Quote the figures the tools return; do not give financial advice.'
    );
  },
};

/** The feed's ready-made requests, offered over MCP when their tools are registered. */
export const intelligencePrompts = [whatMoved, tokenBriefing];
