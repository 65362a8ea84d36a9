import { createOpenAI } from '@ai-sdk/openai';
import { createHttpClient } from '../../../core/outbound/httpClient.ts';
import type { Config } from '../../../core/config.ts';
import type { TokenRegistry } from '../../tokens/index.ts';
import { createTokenLookup } from '../../analysis/index.ts';
import { createLocalPlanner } from '../planner/localPlanner.ts';
import type { ChatEngine } from './engine.ts';
import { createPlannerEngine } from './plannerEngine.ts';
import { withStepSpans } from './modelStepSpans.ts';
import { createSdkEngine } from './sdkEngine.ts';
import { tracedEngine } from './tracedEngine.ts';

type ModelConfig = Pick<
  Config,
  'LLM_PROVIDER' | 'OPENAI_BASE_URL' | 'OPENAI_API_KEY' | 'LLM_MODEL' | 'CHAT_TIMEOUT_MS'
>;

/**
 * LLM_PROVIDER=openai: any chat-completions server (OpenAI, Ollama, vLLM,
 * LM Studio) at OPENAI_BASE_URL, through the AI SDK. Otherwise the embedded
 * offline planner.
 */
export function createChatEngine(config: ModelConfig, tokens: TokenRegistry): ChatEngine {
  if (config.LLM_PROVIDER === 'openai') {
    // Local OpenAI-compatible servers usually need no key; the header is then sent empty.
    const openai = createOpenAI({
      baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      apiKey: config.OPENAI_API_KEY ?? '',
      // Through the platform's outgoing client: its User-Agent, and a deadline that covers the streamed reply.
      fetch: createHttpClient({ timeoutMs: config.CHAT_TIMEOUT_MS }).fetch,
    });
    const model = config.LLM_MODEL!;
    return tracedEngine(createSdkEngine(withStepSpans(openai.chat(model), 'openai', model)), 'openai', model);
  }
  return tracedEngine(createPlannerEngine(createLocalPlanner(createTokenLookup(tokens))), 'alphanest', 'local-planner');
}
