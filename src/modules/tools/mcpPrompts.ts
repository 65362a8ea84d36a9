import type { ToolRegistry } from './registry.ts';

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

/** A ready-made request that steers a model to the right tools. */
export interface ToolPrompt {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
  /** Offered only when every one of these tools is registered. */
  tools: string[];
  text(args: Record<string, string>): string;
}

const prompts: ToolPrompt[] = [
  {
    name: 'market_briefing',
    title: 'Market briefing for a symbol',
    description: 'Spreads across venues and any arbitrage worth taking for one market.',
    arguments: [{ name: 'symbol', description: 'a market such as BTC/USDT, or an asset such as ETH', required: true }],
    tools: ['arbitrage.spread', 'arbitrage.find_opportunities'],
    text: ({ symbol }) =>
      `Give me a short briefing on ${symbol}. Call arbitrage.spread for the top of book on every venue, then arbitrage.find_opportunities ` +
      'with min_profit_pct 0.1. Report the best bid and ask, the widest spread, and any opportunity net of fees with its size; say plainly if there is none.',
  },
  {
    name: 'shop_theme',
    title: 'Design an accessible shop theme',
    description: 'A palette, fonts and CSS variables for a shop, explained, with the contrast of every pair.',
    arguments: [
      { name: 'description', description: 'what the shop sells and how it should feel', required: true },
      { name: 'brand_color', description: 'a hex brand colour, e.g. #1a73e8', required: false },
    ],
    tools: ['shop.generate_theme'],
    text: ({ description, brand_color }) =>
      `Design a theme for this shop: "${description}"${brand_color ? ` around the brand colour ${brand_color}` : ''}. ` +
      'Call shop.generate_theme, then explain the palette and fonts in a few lines, list the contrast ratios, and end with the CSS ready to paste.',
  },
  {
    name: 'getting_started',
    title: 'Finish setting up AlphaNest',
    description: 'Your checklist, with how to do each step that is left, from the docs.',
    arguments: [],
    tools: ['onboarding.checklist', 'onboarding.help'],
    text: () =>
      'Call onboarding.checklist to see where my AlphaNest setup stands. For each step not done, call onboarding.help with a question about it ' +
      'and tell me exactly what to do, citing the doc section. Steps required for production come first.',
  },
];

/** The prompts whose tools this registry has. */
export const availablePrompts = (registry: ToolRegistry) => prompts.filter((p) => p.tools.every((name) => registry.get(name)));
