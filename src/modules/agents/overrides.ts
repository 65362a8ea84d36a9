import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import { describeIssue } from '../connectors/index.ts';
import { applyOverride, overrideSchema, type Override, type Pipeline } from './pipelineConfig.ts';
import { agentOverrides } from './table.ts';

/** Operator changes to the configured pipelines, kept in the database so they apply without a deploy. */
export interface OverrideStore {
  all(): Promise<Map<string, unknown>>;
  set(agentId: string, override: Override): Promise<void>;
}

export function createOverrideStore(db: Database): OverrideStore {
  const d = db.drizzle;
  return {
    async all() {
      const rows = await d.select().from(agentOverrides);
      return new Map(rows.map((row) => [row.agentId, row.config]));
    },
    async set(agentId, override) {
      const config = overrideSchema.parse(override);
      await d
        .insert(agentOverrides)
        .values({ agentId, config })
        .onConflictDoUpdate({ target: agentOverrides.agentId, set: { config, updatedAt: sql`now()` } });
    },
  };
}

/**
 * The configured pipelines with the stored overrides applied. An override
 * that no longer validates is logged and ignored: the agent keeps running on
 * its file configuration rather than not at all.
 */
export async function effectivePipelines(
  file: Record<string, Pipeline>,
  store: OverrideStore,
  logger: Logger,
): Promise<Record<string, Pipeline>> {
  const overrides = await store.all();
  const pipelines: Record<string, Pipeline> = {};
  for (const [agentId, pipeline] of Object.entries(file)) {
    const stored = overrides.get(agentId);
    if (stored === undefined) {
      pipelines[agentId] = pipeline;
      continue;
    }
    const override = overrideSchema.safeParse(stored);
    try {
      if (!override.success) throw new Error(describeIssue(override.error));
      pipelines[agentId] = applyOverride(pipeline, override.data);
    } catch (err) {
      logger.error({ agent: agentId, err: errorText(err) }, 'ignoring an invalid agent override');
      pipelines[agentId] = pipeline;
    }
  }
  return pipelines;
}
