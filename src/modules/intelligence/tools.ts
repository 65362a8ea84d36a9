import { NotFoundError } from '../../core/domainErrors.ts';
import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import type { BriefingBuilder } from './briefing.ts';
import { itemSchema, type FeedPage } from './schemas.ts';
import type { IntelligenceService } from './service.ts';
import { briefingInput, briefingOutput, getInput, searchInput, searchOutput } from './toolSchemas.ts';

const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

/** The intelligence feed as tools: search it with the feed's filters, read one item, or brief on a window. */
export function intelligenceTools(service: IntelligenceService, briefing: BriefingBuilder): ToolDefinition[] {
  const search = defineTool({
    name: 'intelligence.search',
    title: 'Search the intelligence feed',
    description:
      'Intelligence items, newest first, filtered as GET /api/v1/intelligence/ filters them: keyword (full text), types, tokens ' +
      '(tickers, coin names or CoinGecko ids: bitcoin is BTC), agents, exclude_agents, sentiment, event, min_value, high_value, ' +
      'since/until. A list matches any of its values (exclude_agents: none of them, catalogue agents only); every filter given must match. ' +
      'Items come without their content and sources (intelligence.get has them); next_cursor pages on.',
    input: searchInput,
    output: searchOutput,
    annotations: readOnly,
    role: 'guest',
    examples: [
      { description: 'Bearish news about Bitcoin', input: { tokens: ['bitcoin'], sentiment: ['bearish'], limit: 5 } },
      { description: 'Hacks and exploits worth reading', input: { event: ['hack'], min_value: 60 } },
      {
        description: 'Listings and delistings since a day',
        input: { event: ['listing', 'delisting'], since: '2026-03-01' },
      },
    ],
    async handler(input) {
      const page = JSON.parse(
        await service.feedPage({
          keyword: input.keyword,
          type: input.types,
          token: input.tokens,
          agent: input.agents,
          exclude_agent: input.exclude_agents,
          sentiment: input.sentiment,
          event: input.event,
          min_value: input.min_value,
          high_value: input.high_value,
          since: input.since,
          until: input.until,
          size: input.limit,
          cursor: input.cursor,
        }),
      ) as FeedPage;
      return {
        items: page.items.map(({ content: _content, sources: _sources, ...listed }) => listed),
        next_cursor: page.next_cursor,
      };
    },
  });

  const get = defineTool({
    name: 'intelligence.get',
    title: 'One intelligence item in full',
    description:
      'An item by its id (from intelligence.search, intelligence.briefing or the feed): content, summary, analysis, sentiment, ' +
      'value and its reasons, event, tokens, and every source that reported the story.',
    input: getInput,
    output: itemSchema,
    annotations: readOnly,
    role: 'guest',
    examples: [{ description: 'An item found by a search', input: { id: '0b8f6d2e-4c1a-4d7e-9a53-2f1e8c7b6a90' } }],
    async handler({ id }) {
      const item = await service.item(id);
      if (!item) throw new NotFoundError(`no intelligence item ${id}`, { field: 'id' });
      return item;
    },
  });

  const brief = defineTool({
    name: 'intelligence.briefing',
    title: 'Briefing: what happened in a window',
    description:
      'The items of a window (default the last 24 h; until ends it earlier) counted by event and sentiment, with the most valuable items of each event ' +
      '(title, summary, value, tokens, sources), and the tokens whose mentions changed most against the window before. ' +
      "The on-chain agent's scam-token alerts are reported apart (onchain_alerts: how many, the most dangerous), not among the " +
      'events nor counted in the movers. With tokens, only items about them, their alerts kept among the events and movers.',
    input: briefingInput,
    output: briefingOutput,
    annotations: readOnly,
    role: 'guest',
    examples: [
      { description: 'The last 24 hours', input: {} },
      { description: 'What moved in the last hour', input: { window: '1h' } },
      { description: 'Solana this week', input: { window: '7d', tokens: ['solana'] } },
      { description: 'A past weekend (Saturday and Sunday, UTC)', input: { window: '48h', until: '2026-03-08' } },
    ],
    handler: ({ window, tokens, until }) => briefing(window, tokens, until),
  });

  return [search, get, brief];
}
