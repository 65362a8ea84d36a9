import { createOpenAI } from '@ai-sdk/openai';
import { createHttpClient } from '../../../core/outbound/httpClient.ts';
import type { Config } from '../../../core/config.ts';
import type { OpenAiCredentials } from '../../secrets/index.ts';
import type { TokenRegistry } from '../../tokens/index.ts';
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

/** The OpenAI-compatible server's credentials as they are now (the secrets module's, rotated live). */
type Credentials = () => OpenAiCredentials;

/**
 * LLM_PROVIDER=openai: any chat-completions server (OpenAI, Ollama, vLLM,
 * LM Studio) at OPENAI_BASE_URL, through the AI SDK. Otherwise the embedded
 * offline planner. The credentials are read for every message, so a rotated
 * key (or base URL, model) is used by the next one.
 */
export function createChatEngine(
  config: ModelConfig,
  tokens: TokenRegistry,
  credentials: Credentials = () => ({
    apiKey: config.OPENAI_API_KEY,
    baseUrl: config.OPENAI_BASE_URL,
    model: config.LLM_MODEL,
  }),
  /** The chains the on-chain tools serve, for the planner's question about an address's chain (undefined: not known). */
  chains?: () => readonly string[] | undefined,
): ChatEngine {
  if (config.LLM_PROVIDER === 'openai') {
    // Through the platform's outgoing client: its User-Agent, and a deadline that covers the streamed reply.
    const fetch = createHttpClient({ timeoutMs: config.CHAT_TIMEOUT_MS }).fetch;
    let built: { credentials: string; engine: ChatEngine } | undefined;
    return {
      run(request) {
        const now = credentials();
        const key = JSON.stringify([now.apiKey, now.baseUrl, now.model]);
        if (built?.credentials !== key) built = { credentials: key, engine: openaiEngine(now, fetch) };
        return built.engine.run(request);
      },
    };
  }
  return tracedEngine(createPlannerEngine(createLocalPlanner(tokens, Date.now, chains)), 'alphanest', 'local-planner');
}

function openaiEngine({ apiKey, baseUrl, model }: OpenAiCredentials, fetch: typeof globalThis.fetch): ChatEngine {
  // Local OpenAI-compatible servers usually need no key; the header is then sent empty.
  const openai = createOpenAI({ baseURL: baseUrl ?? 'https://api.openai.com/v1', apiKey: apiKey ?? '', fetch });
  // The configuration requires LLM_MODEL with LLM_PROVIDER=openai.
  const name = model!;
  return tracedEngine(createSdkEngine(withStepSpans(openai.chat(name), 'openai', name)), 'openai', name);
}
