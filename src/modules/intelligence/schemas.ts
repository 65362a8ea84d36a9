import { z } from 'zod';
import { httpUrlSchema } from '../../core/httpUrl.ts';
import { onlyKnownParameters } from '../../core/http/knownParameters.ts';
import { queryBoolean, queryInteger } from '../../core/http/queryValues.ts';
import { publicationSchema } from '../../core/instant.ts';
import { hasVisibleText } from '../../core/text.ts';
import { EVENT_TYPES, SENTIMENT_LABELS } from '../analysis/index.ts';
import { refuseUnknownAgents } from './agentCatalogue.ts';
import { valueList, wordList } from './listParameter.ts';
import { timeBound } from './timeBound.ts';

export const itemTypes = ['twitter', 'news', 'exchange', 'onchain'] as const;

const itemTypeSchema = z.enum(itemTypes);
export type ItemType = z.infer<typeof itemTypeSchema>;

/** Optional on input, always present (possibly null) on output. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

const tokenRefSchema = z
  .object({
    symbol: z.string(),
    name: z.string().nullable(),
    chain: z.string().nullable(),
    address: z.string().nullable(),
  })
  .meta({ id: 'TokenRef' });
export type TokenRef = z.output<typeof tokenRefSchema>;

const tokenRefInput = z.object({
  symbol: z.string().trim().min(1).max(32),
  name: optional(z.string().max(100)),
  chain: optional(z.string().max(40)),
  address: optional(z.string().max(100)),
});
export type ValueReason = string;

const sentimentSchema = z.object({
  label: z.enum(SENTIMENT_LABELS),
  score: z.number().min(-1).max(1),
});

/**
 * Scores are stored as `real`: a value too small for it (1e-50) would be refused
 * by the database, so input keeps four decimals, more than any analyser means.
 */
const sentimentInput = sentimentSchema.extend({
  score: sentimentSchema.shape.score.transform((score) => Math.round(score * 10_000) / 10_000 || 0),
});

/**
 * What a client posts: a label the score contradicts would be shown and filtered on as one thing and ranked as
 * the other. (Agents' analysers are not held to it here: a post is not dropped for its analyser's rounding.)
 */
const postedSentiment = sentimentInput.refine(
  ({ label, score }) => !(label === 'bullish' && score < 0) && !(label === 'bearish' && score > 0),
  { path: ['score'], message: 'contradicts the label: bullish takes a score of 0 or more, bearish of 0 or less' },
);

const valueSchema = z.object({
  score: z.number().int().min(0).max(100),
  high_value: z.boolean(),
  reasons: z.array(z.string().max(200)).max(20),
});

const sourceSchema = z.object({
  kind: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  author: z.string().nullable(),
});

/** Another source that reported the same story (a near-duplicate merged into the item). */
const reportSchema = sourceSchema.extend({ published_at: z.string() });
/** How a merged source is stored: with the dedupe key it arrived under, so a re-delivery merges nothing twice. */
export type MergedSource = z.output<typeof reportSchema> & { key: string };

const sourceInput = z.object({
  kind: z.string().min(1).max(40).optional(),
  name: z.string().min(1).max(200),
  url: optional(httpUrlSchema.max(2000)),
  author: optional(z.string().max(200)),
});

/** How an agent is named: its id from the catalogue (`GET /api/v1/agents`). */
export const agentIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a lower-case agent id');

/** An intelligence item as every reader (REST detail, feed, stream) sees it. */
export const itemSchema = z
  .object({
    id: z.uuid(),
    type: itemTypeSchema,
    title: z.string(),
    content: z.string(),
    summary: z.string().nullable(),
    analysis: z.string().nullable(),
    sentiment: sentimentSchema,
    value: valueSchema,
    event: z.object({ type: z.string() }).nullable(),
    tokens: z.array(tokenRefSchema),
    source: sourceSchema,
    /** The first agent that delivered this story (see `agents`). */
    agent_id: z.string(),
    /** Every agent that delivered this story, in the order they did: one item per story, tagged with each. */
    agents: z.array(z.string()),
    /** The stream offset at which each of `agents` joined the item; `offset` is the last of them. */
    agent_offsets: z.array(z.number().int()),
    published_at: z.string(),
    created_at: z.string(),
    /**
     * Position on the live stream: resume `WS /ws/v1/intelligence/` after it with `since`. An item that
     * gains an agent moves to a new offset, where followers of that agent who have not had it get it.
     */
    offset: z.number().int(),
    /** How many sources reported this story; `sources` lists them, this item's own source first. */
    source_count: z.number().int(),
    sources: z.array(reportSchema),
  })
  .meta({ id: 'IntelligenceItem' });
export type Item = z.output<typeof itemSchema>;

const valueInput = z.object({
  score: z.number().int().min(0).max(100),
  high_value: z.boolean().optional(),
  reasons: z.array(z.string().max(200)).max(20).default([]),
});

/** An item as the ingest door stores it (what agents deliver, analysed). Analysis fields left out are neutral. */
export const ingestSchema = z.object({
  external_id: z.string().trim().min(1).max(200).optional(),
  type: itemTypeSchema,
  title: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .refine(hasVisibleText, 'must hold a letter, digit or symbol, not only invisible characters'),
  content: z.string().max(50_000).default(''),
  summary: z.string().max(5_000).optional(),
  analysis: z.string().max(20_000).optional(),
  sentiment: sentimentInput.default({ label: 'neutral', score: 0 }),
  value: valueInput.default({ score: 0, reasons: [] }),
  event: z.object({ type: z.enum(EVENT_TYPES) }).optional(),
  tokens: z.array(tokenRefInput).max(50).default([]),
  source: sourceInput,
  agent_id: agentIdSchema.default('ingest'),
  published_at: publicationSchema().optional(),
});
export type IngestInput = z.input<typeof ingestSchema>;
export type IngestItem = z.output<typeof ingestSchema>;

/**
 * What `POST /api/v1/intelligence/` accepts: an item whose analysis fields (summary, analysis,
 * sentiment, value, event, tokens) may be left out, for the platform's analyser to fill in.
 */
export const postedItemSchema = ingestSchema.extend({
  sentiment: postedSentiment.optional(),
  value: valueInput.optional(),
  tokens: z.array(tokenRefInput).max(50).optional(),
});
export type PostedItem = z.output<typeof postedItemSchema>;

/** A score at or above this is high value unless the agent says otherwise. */
export const HIGH_VALUE_THRESHOLD = 70;

/**
 * The feed's query parameters. Lists (`type`, `token`, `agent`, `exclude_agent`, `sentiment`, `event`) may be
 * repeated or comma-separated; an item matches a list when it matches any of its values, and
 * every parameter given when it matches them all. Anything else is refused, not ignored.
 */
export const feedQuerySchema = onlyKnownParameters(
  {
    type: wordList(itemTypes).optional(),
    high_value: queryBoolean().optional(),
    keyword: z.string().trim().min(1).max(200).optional(),
    /** Tickers, coin names, CoinGecko ids or contract addresses; names are resolved through the token registry. */
    token: valueList(z.string().max(100), 20).optional(),
    /** Any id of the right form: a misspelt one finds nothing, which shows, and items of retired agents stay findable. */
    agent: valueList(agentIdSchema, 20).optional(),
    /**
     * Leaves out the items these agents delivered (`exclude_agent=onchain-watch`: the market without the scam-token alerts).
     * Catalogue agents only: a misspelt exclusion would silently let through the agent it meant.
     */
    exclude_agent: valueList(agentIdSchema, 20).superRefine(refuseUnknownAgents).optional(),
    sentiment: wordList(SENTIMENT_LABELS).optional(),
    event: wordList(EVENT_TYPES).optional(),
    min_value: queryInteger(0, 100).optional(),
    since: timeBound('start').optional(),
    until: timeBound('end').optional(),
    page: queryInteger(1, 10_000).optional(),
    size: queryInteger(1, 100).default(20),
    cursor: z.string().min(1).max(200).optional(),
  },
  'parameter',
);
export type FeedQuery = z.output<typeof feedQuerySchema>;

export const feedPageSchema = z
  .object({
    items: z.array(itemSchema),
    page: z.number().int().nullable(),
    size: z.number().int(),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'FeedPage' });
export type FeedPage = z.output<typeof feedPageSchema>;
