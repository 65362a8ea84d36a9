import type { FeedFilter } from './repository.ts';

/** Pages fetched in the background after a page miss, so paging forward stays warm. */
export const PREFETCH_PAGES = 3;
/** A page larger than this (JSON characters) is not followed by a prefetch: three more like it cost more than paging forward saves. */
const PREFETCH_MAX_PAGE_CHARS = 256 * 1024;

/**
 * Whether feed pages for `filter` go through the cache. A time window
 * (`since`/`until`) can name any instant, so one client can make every query a
 * new key and fill the cache with pages nobody asks for twice. Rounding the
 * bounds to a grid would bound the keys but change the results, so these
 * queries are loaded (concurrent identical ones still share one load) instead.
 */
export const isCached = (filter: FeedFilter) => !filter.since && !filter.until;

/**
 * Whether a miss of a cached page is worth prefetching the next pages for:
 * only for queries of bounded variety (not a free-text keyword, which a client
 * can phrase a thousand ways; time windows are never cached at all) and only
 * when the page is small enough that three more are cheap.
 */
export const worthPrefetching = (filter: FeedFilter, pageChars: number) =>
  !filter.keyword && pageChars <= PREFETCH_MAX_PAGE_CHARS;
