import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import { createLlmAnalyser } from './llmAnalyser.ts';
import type { Analyser } from './types.ts';

type AnalyserConfig = Pick<Config, 'ANALYSER' | 'LLM_PROVIDER' | 'LLM_MODEL' | 'OPENAI_BASE_URL' | 'OPENAI_API_KEY'>;

/**
 * The analysers the configuration offers over an embedded one (on this thread or on worker threads):
 * the LLM's when LLM_MODEL is set, falling back to the embedded one; and the default, ANALYSER's
 * choice (the LLM when ANALYSER=llm, or when unset and LLM_PROVIDER=openai; else embedded).
 */
export function configuredAnalysers(
  config: AnalyserConfig,
  embedded: Analyser,
  logger: Logger,
): { default: Analyser; llm?: Analyser } {
  const llm = config.LLM_MODEL
    ? createLlmAnalyser(
        { OPENAI_BASE_URL: config.OPENAI_BASE_URL, OPENAI_API_KEY: config.OPENAI_API_KEY, LLM_MODEL: config.LLM_MODEL },
        embedded,
        logger,
      )
    : undefined;
  const choice = config.ANALYSER ?? (config.LLM_PROVIDER === 'openai' ? 'llm' : 'embedded');
  return { default: choice === 'llm' && llm ? llm : embedded, llm };
}
