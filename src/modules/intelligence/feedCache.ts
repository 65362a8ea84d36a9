import type { AppContext } from '../../core/context.ts';
import { createCachedLoader, type CachedLoader } from '../../core/cache/cachedLoader.ts';
import { errorText } from '../../core/logger.ts';

const GENERATION_KEY = 'feed:generation';
/** How long a node trusts its copy of the generation before asking the cache again. */
const GENERATION_MEMO_MS = 250;

/**
 * Caching for feed pages and item details. Feed keys carry a generation number
 * that every ingest bumps, so a new item shows on page 1 as soon as any node
 * sees the new generation (at once locally and on bus delivery, within
 * GENERATION_MEMO_MS otherwise) while older pages simply age out.
 */
export interface FeedCache {
  pages: CachedLoader;
  details: CachedLoader;
  /** The current feed generation, part of every page key. */
  generation(): Promise<string>;
  /** Called after a new item is stored on this node. */
  bump(): Promise<void>;
  /** Drops an item's cached detail after the item changed (a near-duplicate merged into it). */
  forgetItem(id: string): Promise<void>;
}

/** Key of an item's detail in `details`. */
export const itemKey = (id: string) => `item:${id}`;

export function createFeedCache(ctx: AppContext): FeedCache {
  const ttlMs = ctx.config.CACHE_TTL_SECONDS * 1000;
  const common = {
    cache: ctx.cache,
    metrics: ctx.metrics,
    logger: ctx.logger,
    ttlMs,
    maxValueBytes: ctx.config.CACHE_MAX_VALUE_BYTES,
  };
  let memo: { value: string; until: number } | undefined;
  /**
   * Items stored on other nodes arrive over the bus and make this node forget its memoised generation at once. It
   * listens from the first time it reads the generation (to serve a feed page): a node that never does, such as an
   * agents worker, would otherwise receive and acknowledge every item it announces itself, for nothing (about a
   * tenth of an agents worker's main-thread time, and a delivery per item for the broker).
   */
  let listening: Promise<void> | undefined;
  const listen = () => {
    listening ??= ctx.bus
      .subscribe('intelligence.#', () => {
        memo = undefined;
      })
      .then(
        (stop) => ctx.onClose(stop),
        (err: unknown) => {
          // The memo's short life still bounds how stale the generation gets; the next read tries again.
          listening = undefined;
          ctx.logger.warn({ err: errorText(err) }, 'could not listen for items stored on other nodes');
        },
      );
    return listening;
  };
  // While the cache is unreachable, a node-local counter still keeps keys moving on ingest.
  let localGeneration = 0;

  async function readGeneration(): Promise<string> {
    try {
      return (await ctx.cache.get(GENERATION_KEY)) ?? '0';
    } catch {
      return `local${localGeneration}`;
    }
  }

  return {
    pages: createCachedLoader({ ...common, name: 'feed' }),
    details: createCachedLoader({ ...common, name: 'detail', ttlMs: ttlMs * 10 }),
    async generation() {
      await listen();
      const now = Date.now();
      if (memo && memo.until > now) return memo.value;
      const value = await readGeneration();
      memo = { value, until: now + GENERATION_MEMO_MS };
      return value;
    },
    async bump() {
      localGeneration++;
      try {
        const value = String(await ctx.cache.incr(GENERATION_KEY));
        memo = { value, until: Date.now() + GENERATION_MEMO_MS };
      } catch {
        memo = undefined;
      }
    },
    async forgetItem(id) {
      // An unreachable cache holds nothing to forget; its entries expire with the TTL.
      await ctx.cache.del(itemKey(id)).catch(() => {});
    },
  };
}
