import type { Bus } from '../../core/bus/bus.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import { InvalidArgumentError } from '../../core/domainErrors.ts';
import type { IntelligenceRepository, FeedFilter, FeedWindow } from './repository.ts';
import { itemKey, type FeedCache } from './feedCache.ts';
import type { StoryRepository } from './storyRepository.ts';
import { createStoryIngest, type BatchIngestResult, type IngestResult } from './storyIngest.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { toItem } from './mapping.ts';
import type { TokenFilterKey } from './tokenFilterKey.ts';
import type { FeedPage, FeedQuery, IngestItem, Item } from './schemas.ts';
import { isCached, PREFETCH_PAGES, worthPrefetching } from './pageCachePolicy.ts';

export interface IntelligenceService {
  /**
   * A feed page as a serialised JSON body, ready to send. A miss of a cached page prefetches the pages after it;
   * `afterSend` is handed that work to start once the answer is out (the HTTP route: when the response is sent),
   * so it does not compete with the request that caused it. Without it, it starts on the next turn of the event loop.
   */
  feedPage(query: FeedQuery, afterSend?: (prefetch: () => void) => void): Promise<string>;
  /** An item as a serialised JSON body, or null when there is none with this id. */
  itemJson(id: string): Promise<string | null>;
  item(id: string): Promise<Item | null>;
  /**
   * The ingest door: validates nothing (callers pass parsed input), stores idempotently, one item per
   * story (another agent's delivery of a stored post joins its item), publishes new and joined items.
   */
  ingest(input: IngestItem): Promise<IngestResult>;
  /** The same door for a batch (agents): also merges near-duplicates from other sources into one item per story. */
  ingestMany(inputs: IngestItem[]): Promise<BatchIngestResult[]>;
  /** Resolves once every item stored so far is announced on the bus: ingest and ingestMany resolve before that. */
  announced(): Promise<void>;
  /** Resolves once every prefetch caused by a page already answered has started and finished: what a test awaits instead of time. */
  prefetched(): Promise<void>;
}

/** Routing key of a stored item on the bus: subscribers can select by agent and type. */
const itemRoutingKey = (item: Pick<Item, 'agent_id' | 'type'>) => `intelligence.${item.agent_id}.${item.type}`;

export function createIntelligenceService(deps: {
  repository: IntelligenceRepository;
  feedCache: FeedCache;
  stories: StoryRepository;
  bus: Bus;
  logger: Logger;
  tokenFilterKey: TokenFilterKey;
}): IntelligenceService {
  const { repository, feedCache, bus, logger } = deps;

  // The item is stored: a publish the broker never confirms must not fail the ingest.
  // Stream nodes read stored items they were not told about from the database.
  const announce = (items: Item[]) =>
    bus
      .publishMany(items.map((item) => ({ routingKey: itemRoutingKey(item), payload: item })))
      .catch((err) =>
        logger.warn(
          { err: errorText(err), offsets: items.map((item) => item.offset) },
          'publishing stored items failed',
        ),
      );
  const stories = createStoryIngest({ stories: deps.stories, feedCache, publish: announce });

  function toFilter(query: FeedQuery): FeedFilter {
    const since = query.since ? new Date(query.since) : undefined;
    const until = query.until ? new Date(query.until) : undefined;
    if (since && until && since >= until) throw new InvalidArgumentError('must be before until', { field: 'since' });
    return {
      // Lists arrive sorted and without repeats; resolved tokens are sorted again (`bitcoin,BTC` is one token).
      types: query.type,
      highValue: query.high_value,
      keyword: query.keyword,
      tokens: query.token && [...new Set(query.token.map(deps.tokenFilterKey))].sort(),
      agents: query.agent,
      excludedAgents: query.exclude_agent,
      sentiments: query.sentiment,
      events: query.event,
      minValue: query.min_value,
      since,
      until,
    };
  }

  function toWindow(query: FeedQuery): FeedWindow {
    if (query.cursor !== undefined) {
      if (query.page !== undefined) {
        throw new InvalidArgumentError('use either cursor or page, not both', { field: 'cursor' });
      }
      const after = decodeCursor(query.cursor);
      if (!after) throw new InvalidArgumentError('not a cursor returned by this API', { field: 'cursor' });
      return { limit: query.size, after };
    }
    return { limit: query.size, offset: ((query.page ?? 1) - 1) * query.size };
  }

  async function loadPage(filter: FeedFilter, window: FeedWindow, page: number | null): Promise<FeedPage> {
    const rows = await repository.list(filter, { ...window, limit: window.limit + 1 });
    const hasMore = rows.length > window.limit;
    const shown = rows.slice(0, window.limit);
    const last = shown.at(-1);
    return {
      items: shown.map(toItem),
      page,
      size: window.limit,
      has_more: hasMore,
      next_cursor: hasMore && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null,
    };
  }

  const pageKey = (generation: string, filter: FeedFilter, window: FeedWindow) =>
    `feed:${generation}:${JSON.stringify([filter, window])}`;

  async function cachedPage(
    generation: string,
    filter: FeedFilter,
    window: FeedWindow,
    page: number | null,
    onMiss?: (p: FeedPage, body: string) => void,
  ) {
    return feedCache.pages.get(pageKey(generation, filter, window), async () => {
      const result = await loadPage(filter, window, page);
      const body = JSON.stringify(result);
      onMiss?.(result, body);
      return body;
    });
  }

  /** Families (generation, filter, page size) with a prefetch chain running, and that chain: one at a time each. */
  const prefetching = new Map<string, Promise<void>>();
  /** Prefetches handed to `afterSend` and not started yet, each settled when it starts. */
  const scheduled = new Set<Promise<void>>();

  function prefetch(generation: string, filter: FeedFilter, window: FeedWindow, page: number | null, first: FeedPage) {
    const family = `${generation}:${JSON.stringify([filter, window.limit])}`;
    if (prefetching.has(family)) return;
    const chain = (async () => {
      let cursor = first.next_cursor;
      for (let i = 1; i <= PREFETCH_PAGES; i++) {
        let next: FeedWindow;
        if ('offset' in window) next = { limit: window.limit, offset: window.offset + i * window.limit };
        else if (cursor) next = { limit: window.limit, after: decodeCursor(cursor)! };
        else return;
        const body = await cachedPage(generation, filter, next, page === null ? null : page + i);
        cursor = (JSON.parse(body) as FeedPage).next_cursor;
        if (!cursor) return;
      }
    })()
      .catch((err) => logger.warn({ err: errorText(err) }, 'feed prefetch failed'))
      .finally(() => prefetching.delete(family));
    prefetching.set(family, chain);
  }

  async function itemJson(id: string): Promise<string | null> {
    const body = await feedCache.details.get(itemKey(id), async () => {
      const row = await repository.findById(id);
      return row ? JSON.stringify(toItem(row)) : 'null';
    });
    return body === 'null' ? null : body;
  }

  return {
    itemJson,
    async item(id) {
      const body = await itemJson(id);
      return body === null ? null : (JSON.parse(body) as Item);
    },
    async feedPage(query, afterSend = setImmediate) {
      const filter = toFilter(query);
      const window = toWindow(query);
      const page = query.cursor === undefined ? (query.page ?? 1) : null;
      const generation = await feedCache.generation();
      if (!isCached(filter)) {
        return feedCache.pages.uncached(pageKey(generation, filter, window), async () =>
          JSON.stringify(await loadPage(filter, window, page)),
        );
      }
      return cachedPage(generation, filter, window, page, (result, body) => {
        if (!result.has_more || !worthPrefetching(filter, body.length)) return;
        let started!: () => void;
        const start = new Promise<void>((resolve) => {
          started = resolve;
        });
        scheduled.add(start);
        afterSend(() => {
          scheduled.delete(start);
          started();
          prefetch(generation, filter, window, page, result);
        });
      });
    },
    ingest: stories.one,
    ingestMany: stories.many,
    announced: stories.announced,
    async prefetched() {
      await Promise.all(scheduled);
      await Promise.all(prefetching.values());
    },
  };
}
