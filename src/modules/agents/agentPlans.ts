import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../core/context.ts';
import { type IntelligenceService, isCatalogueAgent } from '../intelligence/index.ts';
import type { Clock } from '../../core/clock.ts';
import type { TokenRegistry } from '../tokens/index.ts';
import type { Connector, CursorStore, RawPost } from '../connectors/index.ts';
import { parsePipelinesFile, type Pipeline } from './pipelineConfig.ts';
import { createOverrideStore, effectivePipelines } from './overrides.ts';
import { analyserFor, type Analysers } from './analysers.ts';
import { connectorsFor } from './sources.ts';
import type { MarketModule } from '../market/index.ts';
import type { SourceCredentials } from '../secrets/index.ts';
import { createPipeline, type DeliveryReport } from './pipeline.ts';
import { errorText } from '../../core/logger.ts';

const bundled = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** What the agents need from the rest of the platform. */
export interface AgentsDeps {
  ctx: AppContext;
  tokens: TokenRegistry;
  cursors: CursorStore;
  ingestMany: IntelligenceService['ingestMany'];
  announced: IntelligenceService['announced'];
  /** Market quotes for the analysis to cite. */
  quotes: MarketModule['quotes'];
  /** The live sources' credentials as the secrets module reads them (the environment's over the store's). */
  sourceCredentials: () => SourceCredentials;
}

/** One agent ready to run: its pipeline, its connectors and where their posts go. */
export interface AgentPlan {
  id: string;
  pipeline: Pipeline;
  connectors: Connector[];
  deliver(posts: RawPost[]): Promise<DeliveryReport>;
}

/** config/agents.json (or AGENTS_CONFIG_FILE) with the stored overrides applied; every agent must be in the catalogue. */
export async function loadPipelines({ config, db, logger }: AppContext): Promise<Record<string, Pipeline>> {
  const path = config.AGENTS_CONFIG_FILE ?? bundled('config/agents.json');
  const file = parsePipelinesFile(readFileSync(path, 'utf8'), path);
  const unknown = Object.keys(file).filter((id) => !isCatalogueAgent(id));
  if (unknown.length) throw new Error(`${path}: agents not in the catalogue: ${unknown.join(', ')}`);
  return effectivePipelines(file, createOverrideStore(db), logger);
}

function readReplayLines({ config, logger }: AppContext): string[] | null {
  const path = config.REPLAY_FILE ?? bundled('datasets/replay.jsonl');
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch (err) {
    logger.warn({ path, err: errorText(err) }, 'replay dataset unavailable; replay sources not started');
    return null;
  }
}

export async function planAgents(
  { ctx, ingestMany, announced, quotes, sourceCredentials }: AgentsDeps,
  analysers: Analysers,
  options: { clock: Clock; once?: boolean; only?: string },
): Promise<AgentPlan[]> {
  const pipelines = await loadPipelines(ctx);
  if (options.only && !pipelines[options.only])
    throw new Error(`no configured agent "${options.only}" (configured: ${Object.keys(pipelines).join(', ')})`);
  const setup = {
    config: ctx.config,
    credentials: sourceCredentials,
    clock: options.clock,
    logger: ctx.logger,
    replayLines: readReplayLines(ctx),
    once: options.once ?? false,
  };
  return Object.entries(pipelines)
    .filter(([id, pipeline]) => (options.only ? id === options.only : pipeline.enabled))
    .map(([id, pipeline]) => ({
      id,
      pipeline,
      connectors: connectorsFor(id, pipeline, setup),
      deliver: createPipeline({
        agentId: id,
        analyser: analyserFor(id, pipeline, analysers, ctx.logger),
        thresholds: pipeline.thresholds,
        ingestMany,
        announced,
        quotes,
        logger: ctx.logger,
      }),
    }));
}
