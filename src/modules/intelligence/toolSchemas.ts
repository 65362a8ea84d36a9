import { z } from 'zod';
import { lookBackWindow } from '../../core/lookBackWindow.ts';
import { EVENT_TYPES, SENTIMENT_LABELS } from '../analysis/index.ts';
import { refuseUnknownAgents } from './agentCatalogue.ts';
import { agentIdSchema, itemSchema, itemTypes } from './schemas.ts';
import { timeBound } from './timeBound.ts';

/**
 * A list filter as the tools take it: an array, matching any of its values like the feed's lists.
 * Sorted and without repeats, as the feed's are, so equal selections share a page cache key.
 */
const anyOf = <T extends string>(value: z.ZodType<T>, max: number) =>
  z
    .array(value)
    .min(1)
    .max(max)
    .transform((values) => [...new Set(values)].sort());

/** What a trader types for a token: resolved through the token registry like the feed's `token` (bitcoin is BTC). */
const tokenValue = z.string().trim().min(1).max(100);
const tokenList = anyOf(tokenValue, 20).describe(
  'tickers (BTC, $pepe), coin names (Bitcoin), CoinGecko ids (bitcoin) or contract addresses; up to 20',
);

export const searchInput = z.strictObject({
  keyword: z.string().trim().min(1).max(200).optional().describe('full-text search over title and content'),
  types: anyOf(z.enum(itemTypes), itemTypes.length).optional().describe('item types'),
  tokens: tokenList.optional(),
  agents: anyOf(agentIdSchema, 20).optional().describe('agent ids (alphanest://reference/agents lists them)'),
  exclude_agents: anyOf(agentIdSchema, 20)
    .superRefine(refuseUnknownAgents)
    .optional()
    .describe(
      "leave out the items these agents delivered: onchain-watch for the market without the on-chain agent's scam-token alerts",
    ),
  sentiment: anyOf(z.enum(SENTIMENT_LABELS), SENTIMENT_LABELS.length).optional(),
  event: anyOf(z.enum(EVENT_TYPES), EVENT_TYPES.length).optional(),
  min_value: z.number().int().min(0).max(100).optional().describe('the least value score, 0 to 100'),
  high_value: z.boolean().optional(),
  since: timeBound('start').optional().describe('an ISO date-time, or a date (YYYY-MM-DD, UTC) from its midnight'),
  until: timeBound('end')
    .optional()
    .describe('an ISO date-time (exclusive), or a date (YYYY-MM-DD, UTC) including that day'),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional().describe('next_cursor of the previous answer, for the next items'),
});

/** An item as search lists it: everything the feed gives but the content and the list of sources (intelligence.get has them). */
const listedItem = itemSchema.omit({ content: true, sources: true });

export const searchOutput = z.object({
  items: z.array(listedItem).describe('newest first'),
  next_cursor: z.string().nullable().describe('pass as cursor for the next items; null when there are no more'),
});

export const getInput = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }) });

export const briefingInput = z.strictObject({
  window: lookBackWindow.prefault('24h').describe('how far back: 1h, 24h, 7d… (5m to 30d; default 24h)'),
  tokens: tokenList.optional().describe('only items about these tokens; movers among them'),
  until: timeBound('end')
    .optional()
    .describe(
      'where the window ends (exclusive): an ISO date-time, or a date (YYYY-MM-DD, UTC) including that day; default and at most now',
    ),
});

const sentimentCounts = z.object({ bullish: z.number().int(), bearish: z.number().int(), neutral: z.number().int() });

const briefItem = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string().nullable().describe('at most 300 characters'),
  value: z.number().int().describe('value score, 0 to 100'),
  sentiment: z.enum(SENTIMENT_LABELS),
  tokens: z.array(z.string()).describe('the symbols it is about, at most 10'),
  published_at: z.string(),
  source_count: z.number().int().describe('how many sources reported the story'),
});

export const briefingOutput = z.object({
  from: z.string(),
  to: z.string(),
  previous_from: z.string().describe('start of the window before, which the movers compare against'),
  tokens: z.array(z.string()).nullable().describe('the token filter as resolved (bitcoin is BTC); null without one'),
  items: z
    .number()
    .int()
    .describe(
      'items published in the window, those of `events`: without tokens, the on-chain alerts are not among them',
    ),
  sentiment: sentimentCounts.describe('of those items'),
  events: z
    .array(
      z.object({
        event: z.string().nullable().describe('listing, hack, macro…; null for items with no event'),
        count: z.number().int(),
        sentiment: sentimentCounts,
        top_items: z.array(briefItem).describe('its most valuable items, at most 3'),
      }),
    )
    .describe('every event of the window, the one with the most valuable item first'),
  onchain_alerts: z
    .object({
      count: z.number().int().describe('tokens the on-chain agent rated danger in the window'),
      top_items: z.array(briefItem).describe('the most dangerous, at most 3 (value is the danger score)'),
    })
    .nullable()
    .describe(
      'scam-token alerts of the on-chain agent, reported apart from the events; null with tokens, whose alerts stay in events',
    ),
  movers: z
    .array(
      z.object({
        token: z.string(),
        count: z.number().int().describe('items mentioning it in the window'),
        previous: z.number().int().describe('in the window before'),
        change: z.number().int().describe('count - previous'),
      }),
    )
    .describe(
      'at most 10 tokens whose mentions changed most against the window before, either way, counted in the items of ' +
        '`events`: without tokens, not the on-chain alerts (their tokens are in onchain_alerts)',
    ),
});
export type Briefing = z.input<typeof briefingOutput>;
export type SearchResult = z.output<typeof searchOutput>;
