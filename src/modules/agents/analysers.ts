import { availableParallelism } from 'node:os';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import type { TokenRegistry } from '../tokens/index.ts';
import { configuredAnalysers, createEmbeddedAnalyser, type Analyser } from '../analysis/index.ts';
import type { Pipeline } from './pipelineConfig.ts';
import { createAnalysisPool } from './analysisPool.ts';

export interface Analysers {
  /** ANALYSER's choice: the LLM when ANALYSER=llm, or when unset and LLM_PROVIDER=openai; else embedded. */
  default: Analyser;
  embedded: Analyser;
  /** Absent without LLM_MODEL. */
  llm?: Analyser;
  /** Stops the analysis workers, if any. */
  close(): Promise<void>;
}

/** Worker threads for long-running agents: ANALYSIS_WORKERS, else one per core up to four (none on one core). */
export function analysisWorkers(config: Config): number {
  const cores = availableParallelism();
  return config.ANALYSIS_WORKERS ?? (cores > 1 ? Math.min(4, cores) : 0);
}

/** The analysers; with `workers`, the embedded one runs on that many worker threads. */
export function createAnalysers(config: Config, registry: TokenRegistry, logger: Logger, workers = 0): Analysers {
  const pool = workers > 0 ? createAnalysisPool({ size: workers, logger }) : undefined;
  const embedded = pool ?? createEmbeddedAnalyser(registry);
  return { ...configuredAnalysers(config, embedded, logger), embedded, close: async () => pool?.close() };
}

/** The analyser a pipeline asks for; an LLM pipeline without LLM_MODEL runs embedded and says so. */
export function analyserFor(agentId: string, pipeline: Pipeline, analysers: Analysers, logger: Logger): Analyser {
  if (pipeline.analyser === 'default') return analysers.default;
  if (pipeline.analyser === 'embedded') return analysers.embedded;
  if (analysers.llm) return analysers.llm;
  logger.warn({ agent: agentId }, 'agent asks for the LLM analyser but LLM_MODEL is not set; using the embedded one');
  return analysers.embedded;
}
