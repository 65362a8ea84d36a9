import type { AppContext } from '../../core/context.ts';
import { createFeedCache } from './feedCache.ts';
import { createIntelligenceRepository, type IntelligenceRepository } from './repository.ts';
import { createIntelligenceService, type IntelligenceService } from './service.ts';
import { createStoryRepository } from './storyRepository.ts';

export interface IntelligenceModule {
  repository: IntelligenceRepository;
  service: IntelligenceService;
}

/**
 * The intelligence store: repository, two-tier cache and the ingest door.
 * Items stored on other nodes arrive over the bus and refresh this node's
 * view of the feed generation at once.
 */
export async function createIntelligenceModule(ctx: AppContext): Promise<IntelligenceModule> {
  const repository = createIntelligenceRepository(ctx.db, ctx.metrics);
  const feedCache = createFeedCache(ctx);
  const stories = createStoryRepository(ctx.db, ctx.metrics);
  const service = createIntelligenceService({ repository, feedCache, stories, bus: ctx.bus, logger: ctx.logger });
  const unsubscribe = await ctx.bus.subscribe('intelligence.#', () => feedCache.invalidate());
  ctx.onClose(unsubscribe);
  return { repository, service };
}
