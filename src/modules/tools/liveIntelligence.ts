import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Bus } from '../../core/bus/bus.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import { isCatalogueAgent, type Item, type ItemLog, type TokenFilterKey } from '../intelligence/index.ts';
import {
  createSequencer,
  isNewTo,
  isStoredItem,
  matchesFilters,
  toStreamItem,
  type Filters,
  type StreamItem,
} from '../stream/index.ts';

const LATEST_URI = 'intelligence://latest';
const AGENT_PREFIX = 'intelligence://agents/';
const TOKEN_PREFIX = 'intelligence://tokens/';

/** Items a live resource reads as (the newest first), as intelligence.search returns them. */
const READ_LIMIT = 20;
/** How far back a resuming session's catch-up reads the item log; further back it is told each resource changed. */
const CATCH_UP_WINDOW = 10_000;
const READ_BATCH = 500;
/** How long the bus may stay quiet before the node asks the store whether it missed an item. */
const QUIET_POLL_MS = 1_000;

export const liveResources = {
  static: {
    uri: LATEST_URI,
    name: 'latest-intelligence',
    title: 'Latest intelligence',
    description: `The ${READ_LIMIT} newest items of every agent; subscribe to hear of each new one.`,
    mimeType: 'application/json',
  },
  templates: [
    {
      uriTemplate: `${AGENT_PREFIX}{agent_id}`,
      name: 'agent-intelligence',
      title: "An agent's latest intelligence",
      description: `The ${READ_LIMIT} newest items an agent delivered (ids: alphanest://reference/agents); subscribe to hear of each new one.`,
      mimeType: 'application/json',
    },
    {
      uriTemplate: `${TOKEN_PREFIX}{symbol}`,
      name: 'token-intelligence',
      title: 'Latest intelligence about a token',
      description: `The ${READ_LIMIT} newest items about a token (a ticker, coin name, CoinGecko id or contract address); subscribe to hear of each new one.`,
      mimeType: 'application/json',
    },
  ],
};

/**
 * A live resource as the stream's follow model sees it: the agents it
 * follows (none: every agent) and its filters, so an agent subscribed to
 * `intelligence://agents/security-watch` hears of exactly the items a
 * WebSocket client following that agent receives.
 */
export interface LiveResource {
  uri: string;
  follows: ReadonlySet<string>;
  filters: Filters;
  /** The intelligence.search parameters that read it. */
  search: Record<string, unknown>;
}

/**
 * A token as the tools take it (a ticker, a coin name with its spaces, a CoinGecko id or an address, resolved
 * through the token registry): up to 100 characters once trimmed, none of them a control character.
 */
const TOKEN_TERM = /^[^\p{Cc}]{1,100}$/u;

/** A URI's parameter, percent-decoded; a malformed encoding (`%ZZ`, a cut-off UTF-8 sequence) is the client's error. */
function decodedParameter(encoded: string, name: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, `${name}: malformed percent-encoding in the URI`);
  }
}

/** The live resource a URI names, or an invalid-params error naming what is wrong; undefined when it is not one. */
export function parseLiveUri(uri: string, tokenFilterKey: TokenFilterKey): LiveResource | undefined {
  const everyAgent = new Set<string>();
  if (uri === LATEST_URI) return { uri, follows: everyAgent, filters: {}, search: { limit: READ_LIMIT } };
  if (uri.startsWith(AGENT_PREFIX)) {
    const agent = decodedParameter(uri.slice(AGENT_PREFIX.length), 'agent_id');
    if (!isCatalogueAgent(agent))
      throw new McpError(
        ErrorCode.InvalidParams,
        `agent_id: unknown agent ${agent} (alphanest://reference/agents lists them)`,
      );
    return { uri, follows: new Set([agent]), filters: {}, search: { agents: [agent], limit: READ_LIMIT } };
  }
  if (uri.startsWith(TOKEN_PREFIX)) {
    const symbol = decodedParameter(uri.slice(TOKEN_PREFIX.length), 'symbol').trim();
    if (!TOKEN_TERM.test(symbol))
      throw new McpError(ErrorCode.InvalidParams, 'symbol: must be a ticker, coin name, CoinGecko id or address');
    return {
      uri,
      follows: everyAgent,
      filters: { tokens: new Set([tokenFilterKey(symbol)]) },
      search: { tokens: [symbol], limit: READ_LIMIT },
    };
  }
  return undefined;
}

/** One session's subscriptions on the node that notifies it. */
export interface LiveWatch {
  subscriptions: ReadonlyMap<string, LiveResource>;
  /** Every item up to this offset has been considered for this session. */
  position: number;
  notify(uri: string, offset: number): void;
}

/**
 * A node's feed of stored items for MCP subscriptions: the stream's sequencer
 * (bus messages in offset order, holes and lost publishes read from the item
 * log), handed to the sessions this node notifies. A session that starts
 * watching from an older position is first caught up from the item log, so
 * moving a session to another node misses nothing and repeats nothing.
 */
export interface LiveFeed {
  readonly position: number;
  watch(watch: LiveWatch): Promise<void>;
  unwatch(watch: LiveWatch): void;
  stop(): Promise<void>;
}

/** `liveFrom`: the position from which the node hands the watch its items (see isNewTo); none while catching up. */
function consider(watch: LiveWatch, item: StreamItem, liveFrom?: number) {
  if (item.offset <= watch.position) return;
  for (const [uri, resource] of watch.subscriptions)
    if (isNewTo(item, resource.follows, watch.position, liveFrom) && matchesFilters(resource.filters, item))
      watch.notify(uri, item.offset);
  watch.position = item.offset;
}

export async function startLiveFeed({
  bus,
  log,
  logger,
}: {
  bus: Bus;
  log: ItemLog;
  logger: Logger;
}): Promise<LiveFeed> {
  /** The watches this node hands items to, each with the position it was caught up to when it joined. */
  const watching = new Map<LiveWatch, number>();
  const dispatch = (item: Item, deliveredAt: number) => {
    if (!watching.size) return;
    const routed = toStreamItem(item, deliveredAt);
    for (const [watch, liveFrom] of watching) consider(watch, routed, liveFrom);
  };
  const sequencer = createSequencer({ start: await log.latest(), log, logger, deliver: dispatch });
  let lastHeard = Date.now();
  const unsubscribe = await bus.subscribe('intelligence.#', ({ payload }) => {
    lastHeard = Date.now();
    if (isStoredItem(payload)) sequencer.offer(payload);
  });
  let polling = false;
  const poll = setInterval(() => {
    if (polling || Date.now() - lastHeard < QUIET_POLL_MS) return;
    polling = true;
    log
      .latest()
      .then((offset) => sequencer.reach(offset))
      .catch((err) => logger.warn({ err: errorText(err) }, 'mcp live feed: poll failed'))
      .finally(() => (polling = false));
  }, QUIET_POLL_MS);
  poll.unref();

  return {
    get position() {
      return sequencer.position;
    },
    async watch(watch) {
      if (sequencer.position - watch.position > CATCH_UP_WINDOW) {
        // Too far back to replay: each resource has changed, which is what the client is told.
        for (const uri of watch.subscriptions.keys()) watch.notify(uri, sequencer.position);
        watch.position = sequencer.position;
      }
      while (watch.position < sequencer.position) {
        const upTo = sequencer.position;
        const items = await log.read(watch.position, upTo, READ_BATCH);
        for (const item of items) consider(watch, toStreamItem(item));
        if (items.length < READ_BATCH) watch.position = Math.max(watch.position, upTo);
      }
      // Caught up in this turn of the event loop: the next item dispatched is the first one not read above.
      watching.set(watch, watch.position);
    },
    unwatch(watch) {
      watching.delete(watch);
    },
    async stop() {
      clearInterval(poll);
      sequencer.stop();
      watching.clear();
      await unsubscribe();
    },
  };
}
