import { z } from 'zod';
import { EVENT_TYPES, SOURCE_KINDS } from '../analysis/index.ts';
import { describeIssue } from '../connectors/index.ts';

/**
 * An agent's pipeline: where it reads, which analyser it uses and which
 * analysed posts it keeps. Named pipelines live in config/agents.json; the
 * agent_overrides table can change any of them without a deploy.
 */

const seconds = (fallback: number) => z.number().int().min(1).max(86_400).default(fallback);

const sourceConfigSchema = z.discriminatedUnion('type', [
  /** The bundled dataset, played live: the embedded default. */
  z.object({ type: z.literal('replay'), kinds: z.array(z.enum(SOURCE_KINDS)).min(1).optional() }),
  z.object({
    type: z.literal('rss'),
    urls: z.array(z.url()).default([]),
    interval_seconds: seconds(300),
    rate_per_minute: z.number().positive().default(30),
  }),
  // X's Basic tier allows 60 recent searches per 15 minutes per app.
  z.object({
    type: z.literal('x'),
    query: z.string().min(1).max(512),
    interval_seconds: seconds(60),
    rate_per_minute: z.number().positive().default(4),
  }),
  z.object({
    type: z.literal('cryptopanic'),
    filter: z.enum(['rising', 'hot', 'bullish', 'bearish', 'important', 'saved', 'lol']).optional(),
    currencies: z
      .string()
      .regex(/^[A-Z0-9]+(,[A-Z0-9]+)*$/)
      .optional(),
    interval_seconds: seconds(120),
    rate_per_minute: z.number().positive().default(5),
  }),
  z.object({
    type: z.literal('binance'),
    catalogs: z.array(z.enum(['listing', 'delisting'])).min(1),
    interval_seconds: seconds(60),
    rate_per_minute: z.number().positive().default(10),
  }),
]);
export type SourceConfig = z.output<typeof sourceConfigSchema>;

/** What an analysed post needs to be kept; every condition given must hold. */
const thresholdsSchema = z.object({
  events: z.array(z.enum(EVENT_TYPES)).min(1).optional(),
  min_abs_sentiment: z.number().min(0).max(1).default(0),
  min_value: z.number().int().min(0).max(100).default(0),
  require_tokens: z.boolean().default(false),
});
export type Thresholds = z.output<typeof thresholdsSchema>;

const pipelineSchema = z.object({
  enabled: z.boolean().default(true),
  /** `default` follows ANALYSER (or the LLM provider settings). */
  analyser: z.enum(['default', 'embedded', 'llm']).default('default'),
  sources: z
    .array(sourceConfigSchema)
    .min(1)
    .refine((sources) => new Set(sources.map((s) => s.type)).size === sources.length, {
      message: 'one source of each type per agent',
    }),
  thresholds: thresholdsSchema.default({ min_abs_sentiment: 0, min_value: 0, require_tokens: false }),
});
export type Pipeline = z.output<typeof pipelineSchema>;

export const agentIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a lower-case agent id');
const pipelinesFileSchema = z.object({ agents: z.record(agentIdSchema, pipelineSchema) });

/** An override changes whole fields of a pipeline; thresholds merge key by key. */
export const overrideSchema = z
  .object({
    enabled: z.boolean(),
    analyser: pipelineSchema.shape.analyser,
    sources: pipelineSchema.shape.sources,
    thresholds: thresholdsSchema.partial(),
  })
  .partial()
  .strict();
export type Override = z.output<typeof overrideSchema>;

export function applyOverride(base: Pipeline, override: Override): Pipeline {
  return pipelineSchema.parse({ ...base, ...override, thresholds: { ...base.thresholds, ...override.thresholds } });
}

/** Reads a pipelines file's JSON, naming the first problem and where it is. */
export function parsePipelinesFile(json: string, name: string): Record<string, Pipeline> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${name}: not JSON: ${(err as Error).message}`);
  }
  const parsed = pipelinesFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${name}: ${describeIssue(parsed.error)}`);
  return parsed.data.agents;
}
