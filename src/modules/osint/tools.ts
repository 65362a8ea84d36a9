import { z } from 'zod';
import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import { lookBackWindow } from '../../core/lookBackWindow.ts';
import type { OsintQueries } from './queries.ts';

const evidence = z.object({
  id: z.uuid(),
  title: z.string(),
  type: z.string(),
  source: z.string(),
  value_score: z.number(),
  published_at: z.string(),
});
const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

export function osintTools(queries: OsintQueries): ToolDefinition[] {
  return [
    defineTool({
      name: 'osint.discover_coins',
      title: 'Discover coins: new and fast-rising mentions',
      description:
        'Tokens first mentioned in the window, or mentioned much more than their own baseline (the four windows before it), fastest first, ' +
        'with the highest-value intelligence items behind each. velocity = (mentions + 1) / (baseline per window + 1).',
      input: z.object({
        window: lookBackWindow.describe('e.g. 1h, 24h, 7d'),
        min_mentions: z.number().int().min(1).max(10_000).default(2),
        limit: z.number().int().min(1).max(50).default(20),
      }),
      output: z.object({
        from: z.string(),
        to: z.string(),
        baseline_from: z.string(),
        tokens: z.array(
          z.object({
            token: z.string(),
            mentions: z.number(),
            baseline_per_window: z.number(),
            velocity: z.number(),
            first_seen: z.boolean(),
            first_mention_at: z.string(),
            evidence: z.array(evidence),
          }),
        ),
      }),
      annotations: readOnly,
      role: 'guest',
      examples: [{ description: 'What is new today', input: { window: '24h' } }],
      handler: ({ window, min_mentions, limit }) => queries.discoverCoins(window, min_mentions, limit),
    }),
    defineTool({
      name: 'osint.token_mentions',
      title: 'Mentions of a token over time',
      description:
        'How often the intelligence store mentions a token (symbol or contract address) in the window, against the window before, by type and over time, with its top items.',
      input: z.object({
        token: z.string().trim().min(1).max(100).describe('symbol (PEPE, $pepe) or contract address'),
        window: lookBackWindow.prefault('24h'),
      }),
      output: z.object({
        token: z.string(),
        from: z.string(),
        to: z.string(),
        mentions: z.number(),
        previous_window_mentions: z.number(),
        average_sentiment: z.number().nullable(),
        by_type: z.record(z.string(), z.number()),
        series: z.array(z.object({ from: z.string(), mentions: z.number() })),
        first_seen_at: z.string().nullable(),
        last_seen_at: z.string().nullable(),
        top_items: z.array(evidence),
      }),
      annotations: readOnly,
      role: 'guest',
      examples: [{ description: 'PEPE over the last week', input: { token: 'PEPE', window: '7d' } }],
      handler: ({ token, window }) => queries.tokenMentions(token, window),
    }),
  ];
}
