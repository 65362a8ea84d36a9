import { defineModule, type FaceOf } from '../../core/module.ts';
import type { IntelligenceModule } from '../intelligence/index.ts';
import { createFollowStore } from './followStore.ts';
import { streamRoutes } from './routes.ts';
import { streamMigrations } from './table.ts';

/**
 * The live stream (`WS /ws/v1/intelligence/`): items pushed to followers as
 * they are stored, resumable from the intelligence module's item log. It owns
 * who follows which agent.
 */
export const streamModule = defineModule({
  name: 'stream',
  migrations: streamMigrations,
  create(ctx, { intelligence }: { intelligence: IntelligenceModule }) {
    const follows = createFollowStore(ctx.db, ctx.metrics);
    return {
      /** The agents a signed-in user follows. */
      followedBy: (userId: string) => follows.agentsOf(userId),
      /** How many users follow each agent. */
      followerCounts: () => follows.followerCounts(),
      gatewayRoutes: [
        {
          plugin: streamRoutes(ctx, {
            log: intelligence.itemLog,
            follows,
            tokenFilterKey: intelligence.tokenFilterKey,
          }),
        },
      ],
    };
  },
});

export type StreamModule = FaceOf<typeof streamModule>;
/** The stream's follow model, for other live surfaces (MCP resource subscriptions) to deliver the same items. */
export { createSequencer } from './sequencer.ts';
export { isNewTo, isStoredItem, matchesFilters, toStreamItem, type Filters, type StreamItem } from './subscription.ts';
