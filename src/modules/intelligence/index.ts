import type { AppContext } from '../../core/context.ts';
import { defineModule, type FaceOf } from '../../core/module.ts';
import { createSimulatedPrices, type MarketModule } from '../market/index.ts';
import { createTokenRegistry, type TokensModule } from '../tokens/index.ts';
import { configuredAnalysers, createEmbeddedAnalyser } from '../analysis/index.ts';
import { agentCatalogue, isCatalogueAgent, ONCHAIN_WATCH_AGENT_ID } from './agentCatalogue.ts';
import { createBriefing } from './briefing.ts';
import { createBriefingReads } from './briefingReads.ts';
import { createPostedItemCompletion } from './postedItems.ts';
import { seedDemo } from './demo.ts';
import { createFeedCache } from './feedCache.ts';
import { createItemLog } from './itemLog.ts';
import { createMentionReads } from './mentionReads.ts';
import { intelligencePrompts } from './prompts.ts';
import { createIntelligenceRepository } from './repository.ts';
import { intelligenceRoutes } from './routes.ts';
import { createIntelligenceService } from './service.ts';
import { createStoryRepository } from './storyRepository.ts';
import { intelligenceMigrations } from './table.ts';
import { createTokenFilterKey } from './tokenFilterKey.ts';
import { intelligenceTools } from './tools.ts';

/**
 * The intelligence store: the items agents publish, the feed traders read and
 * the ingest door, with the tools that search it and brief on it. It owns
 * `intelligence_items`; other modules read it only through what this face
 * exports (the stream's item log, OSINT's mention reads).
 */
export const intelligenceModule = defineModule({
  name: 'intelligence',
  migrations: intelligenceMigrations,
  create(ctx, { market, tokens }: { market: MarketModule; tokens: TokensModule }) {
    const repository = createIntelligenceRepository(ctx.db, ctx.metrics);
    const feedCache = createFeedCache(ctx);
    const stories = createStoryRepository(ctx.db, ctx.metrics);
    const tokenFilterKey = createTokenFilterKey(tokens.registry);
    const completePosted = createPostedItemCompletion({
      analyser: configuredAnalysers(ctx.config, createEmbeddedAnalyser(tokens.registry), ctx.logger).default,
      quotes: market.quotes,
    });
    const service = createIntelligenceService({
      repository,
      feedCache,
      stories,
      bus: ctx.bus,
      logger: ctx.logger,
      tokenFilterKey,
    });
    const mentions = createMentionReads(ctx.db);
    const briefing = createBriefing({
      reads: createBriefingReads(ctx.db, ctx.metrics),
      mentions,
      tokenFilterKey,
      now: () => new Date(),
    });
    return {
      service,
      /** What a token filter value (ticker, coin name, CoinGecko id or address) selects, for the live stream's filters. */
      tokenFilterKey,
      /** Items by stream offset, for the live stream's resume. */
      itemLog: createItemLog(ctx.db, ctx.metrics),
      /** Token mention counts and evidence, for OSINT. */
      mentions,
      count: () => repository.count(),
      /** Stores the demo feed (DEMO_DATA seeds it into an empty store when the platform starts). */
      seedDemo: (count?: number) => seedDemo(repository, market.simulatedPrices, count),
      tools: {
        name: 'intelligence',
        description:
          'The intelligence feed: search it with the feed filters, read an item in full, or get a briefing of a window by event with the tokens whose mentions moved.',
        tools: intelligenceTools(service, briefing),
      },
      // The on-chain agent files every scam token it finds, dozens an hour on a busy chain: among the high-value
      // items they would push every news story out, so they are a resource of their own.
      resources: [
        {
          uri: 'alphanest://intelligence/high-value',
          name: 'high-value-intelligence',
          title: 'Latest high-value intelligence',
          description:
            "The 20 newest high-value items of the market (intelligence.search with high_value, without the on-chain agent's " +
            'scam-token alerts: alphanest://intelligence/onchain-alerts has them), without their content.',
          source: {
            tool: 'intelligence.search',
            parameters: { high_value: true, exclude_agents: [ONCHAIN_WATCH_AGENT_ID], limit: 20 },
          },
        },
        {
          uri: 'alphanest://intelligence/onchain-alerts',
          name: 'onchain-alerts',
          title: 'Latest scam-token alerts',
          // The same list for every transport: only a server with sessions can notify, so the text says when to subscribe.
          description:
            `The 20 newest tokens the on-chain agent rated danger (intelligence.search with agents ${ONCHAIN_WATCH_AGENT_ID}; ` +
            'value is the danger score), without their content. Where the server offers resource subscriptions (HTTP with ' +
            `MCP_SESSIONS on), subscribe to intelligence://agents/${ONCHAIN_WATCH_AGENT_ID} to hear of new ones.`,
          source: { tool: 'intelligence.search', parameters: { agents: [ONCHAIN_WATCH_AGENT_ID], limit: 20 } },
        },
        {
          uri: 'alphanest://reference/agents',
          name: 'agents',
          title: 'Intelligence agents',
          description:
            'The AI agents that publish intelligence, what each watches, and their ids for following them on the live stream.',
          source: { read: async () => ({ agents: agentCatalogue }) },
        },
      ],
      prompts: intelligencePrompts,
      gatewayRoutes: [
        {
          prefix: '/api/v1/intelligence',
          plugin: intelligenceRoutes({ service, market: market.data, isKnownAgent: isCatalogueAgent, completePosted }),
        },
      ],
      async prepare() {
        if (ctx.config.DEMO_DATA && (await repository.count()) === 0) {
          ctx.logger.info({ items: await seedDemo(repository, market.simulatedPrices) }, 'seeded demo intelligence');
        }
      },
    };
  },
});

/** Stores the demo feed without building the platform (`alphanest seed-demo`); returns how many items were new. */
export const seedDemoIntelligence = (ctx: AppContext, count?: number) =>
  seedDemo(createIntelligenceRepository(ctx.db, ctx.metrics), createSimulatedPrices(createTokenRegistry()), count);

export type IntelligenceModule = FaceOf<typeof intelligenceModule>;
export type { IntelligenceService } from './service.ts';
/** What the intelligence tools answer, for readers of their results (the chat's planner). */
export type { Briefing, SearchResult } from './toolSchemas.ts';
export type { ItemLog } from './itemLog.ts';
export type { Evidence, MentionReads, TokenWindowCounts } from './mentionReads.ts';
export type { BatchIngestResult } from './storyIngest.ts';
export { agentCatalogue, isCatalogueAgent } from './agentCatalogue.ts';
/** The on-chain agent's id, for the modules that file its items or answer about them. */
export { ONCHAIN_WATCH_AGENT_ID } from './agentCatalogue.ts';
export { ingestSchema, itemTypes, type IngestItem, type Item } from './schemas.ts';
export { tokenKey, tokenKeys } from './tokenKey.ts';
export type { TokenFilterKey } from './tokenFilterKey.ts';
export { valueList, wordList } from './listParameter.ts';
