import type { AppContext } from '../../core/context.ts';
import { defineModule } from '../../core/module.ts';
import { LOCAL_CHAIN_NAME, type OnchainModule } from '../onchain/index.ts';
import type { SecretsModule } from '../secrets/index.ts';
import type { TokensModule } from '../tokens/index.ts';
import type { ToolsModule } from '../tools/index.ts';
import { createMemoryChatLimits, type ChatLimits } from './limits.ts';
import { createChatEngine } from './engines/chatEngine.ts';
import { createRedisChatLimits } from './redisLimits.ts';
import { chatCiphertextStores } from './ciphertextStores.ts';
import { createChatRepository } from './repository.ts';
import { chatRoutes } from './routes.ts';
import { sealedChatRepository } from './sealedRepository.ts';
import { createChatService } from './service.ts';
import { chatMigrations } from './table.ts';

/** How many earlier messages of a conversation the model reads. */
const HISTORY_MESSAGES = 20;

/** Shared through Redis when the node has it, so the limits hold across every gateway. */
function chatLimits({ config, redis, logger }: AppContext): ChatLimits {
  const settings = { ratePerMinute: config.CHAT_RATE_PER_MINUTE, concurrency: config.CHAT_CONCURRENCY };
  const local = createMemoryChatLimits(settings);
  // A slot's key outlives the longest exchange, so a node that dies holding it frees it in time.
  return redis
    ? createRedisChatLimits(redis, { ...settings, slotTtlMs: config.CHAT_TIMEOUT_MS + 10_000 }, local, logger)
    : local;
}

/**
 * The chains the on-chain tools serve, by name (the configured ones, else the embedded local chain), for the
 * planner to offer only those, or to use the only one; not known without the module or with a configuration
 * it refuses (the module's start says why).
 */
function chainNames(onchain: OnchainModule | undefined): (() => readonly string[] | undefined) | undefined {
  if (!onchain) return undefined;
  return () => {
    try {
      const configured = onchain.chains.configured();
      return configured.length ? configured.map((chain) => chain.name) : [LOCAL_CHAIN_NAME];
    } catch {
      return undefined;
    }
  };
}

/** The tool-calling chat, on the gateway under /api/chat: a model (or the local planner) answering with the registry's tools. */
export const chatModule = defineModule({
  name: 'chat',
  migrations: chatMigrations,
  // onchain is optional: without it the planner offers every chain it knows by name.
  create(
    ctx,
    {
      tools,
      tokens,
      secrets,
      onchain,
    }: { tools: ToolsModule; tokens: TokensModule; secrets: SecretsModule; onchain?: OnchainModule },
  ) {
    const { config } = ctx;
    // Titles, messages and tool results are stored as transit ciphertext (secrets rewrap walks them).
    for (const store of chatCiphertextStores(ctx.db)) secrets.storesCiphertexts(store);
    const service = createChatService({
      registry: tools.registry,
      repository: sealedChatRepository(createChatRepository(ctx.db, ctx.metrics), secrets.cipher),
      limits: chatLimits(ctx),
      engine: createChatEngine(config, tokens.registry, secrets.openai, chainNames(onchain)),
      logger: ctx.logger,
      settings: {
        maxSteps: config.CHAT_MAX_STEPS,
        timeoutMs: config.CHAT_TIMEOUT_MS,
        toolResultMaxBytes: config.CHAT_TOOL_RESULT_MAX_BYTES,
        historyMessages: HISTORY_MESSAGES,
      },
    });
    return { gatewayRoutes: [{ prefix: '/api/chat', plugin: chatRoutes(service, config.CHAT_MAX_MESSAGE_CHARS) }] };
  },
});
