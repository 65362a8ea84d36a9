import { tokenKeys, type Item, type TokenFilterKey } from '../intelligence/index.ts';
import { type FiltersInput, serverFrames } from './protocol.ts';

/** An item as the stream routes it: what matching needs, computed once, and the frame every receiver shares. */
export interface StreamItem {
  offset: number;
  /** Every agent of the item, and the offset at which each joined it (the same order). */
  agents: string[];
  joinedAt: number[];
  type: string;
  highValue: boolean;
  tokenKeys: string[];
  sentiment: string;
  event: string | null;
  value: number;
  frame: Buffer;
  /**
   * The offset at which this node delivered the item live before (the sequencer's `deliveredAt`); Infinity for an
   * item read from the store for a replay, which is judged by the offset the client resumed from alone.
   */
  deliveredAt: number;
}

export function toStreamItem(item: Item, deliveredAt = Number.POSITIVE_INFINITY): StreamItem {
  return {
    offset: item.offset,
    // Items announced by a node from before items had several agents carry only agent_id.
    agents: item.agents ?? [item.agent_id],
    joinedAt: item.agent_offsets ?? [item.offset],
    type: item.type,
    highValue: item.value.high_value,
    tokenKeys: tokenKeys(item.tokens),
    sentiment: item.sentiment.label,
    event: item.event?.type ?? null,
    value: item.value.score,
    frame: serverFrames.message(item),
    deliveredAt,
  };
}

/**
 * Whether a connection that follows `follows` (every agent when empty) and has had everything it
 * wanted up to offset `after` should get the item now: it follows one of the item's agents, and
 * none it follows had joined the item by `after`, when it would have had it already. An item is
 * announced again at a new offset when an agent joins it; this sends it there only to those it is
 * new to (judged by what the connection follows now).
 *
 * A join while the connection was live on this node (after `liveFrom`) reached it only if the node
 * delivered the item at or after that join: when the bus lost the announcement and the item had
 * moved on before the node read the store, it did not, and the item is new to the connection here.
 */
export function isNewTo(
  item: StreamItem,
  follows: ReadonlySet<string>,
  after: number,
  liveFrom = Number.POSITIVE_INFINITY,
): boolean {
  // A plain loop: the hub asks this for every connection on every item, so no closure per call.
  let firstJoin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < item.agents.length; i++) {
    if (follows.size === 0 || follows.has(item.agents[i]!))
      firstJoin = Math.min(firstJoin, item.joinedAt[i] ?? item.offset);
  }
  if (firstJoin === Number.POSITIVE_INFINITY) return false;
  return firstJoin > after || (firstJoin > liveFrom && firstJoin > item.deliveredAt);
}

/** Bus payloads come from other processes: route only what has the shape of a stored item. */
export function isStoredItem(payload: unknown): payload is Item {
  const item = payload as Partial<Item> | null;
  return (
    typeof item === 'object' &&
    item !== null &&
    Number.isSafeInteger(item.offset) &&
    typeof item.agent_id === 'string' &&
    typeof item.type === 'string' &&
    typeof item.value?.high_value === 'boolean' &&
    Array.isArray(item.tokens)
  );
}

export interface Filters {
  types?: ReadonlySet<string>;
  highValue?: boolean;
  /** Normalised with tokenKey() (names resolved). */
  tokens?: ReadonlySet<string>;
  /** Items any of whose agents is one of these are left out, as the feed's `exclude_agent`. */
  excludedAgents?: ReadonlySet<string>;
  sentiments?: ReadonlySet<string>;
  events?: ReadonlySet<string>;
  minValue?: number;
}

/** A connection's filters from its `init`, with token names resolved the way the feed resolves them. */
export function toFilters(input: FiltersInput | undefined, tokenFilterKey: TokenFilterKey): Filters {
  const set = <T>(values: T[] | undefined) => values && new Set(values);
  return {
    types: set(input?.types),
    highValue: input?.high_value,
    tokens: set(input?.tokens?.map(tokenFilterKey)),
    excludedAgents: set(input?.exclude_agents),
    sentiments: set(input?.sentiments),
    events: set(input?.events),
    minValue: input?.min_value,
  };
}

/**
 * Whether the item matches the filters as the feed would match it now. An agent joining an item can only
 * add a reason to leave it out (an excluded agent), never take one away, so an item left out stays out.
 */
export function matchesFilters(filters: Filters, item: StreamItem): boolean {
  if (filters.types && !filters.types.has(item.type)) return false;
  if (filters.highValue !== undefined && filters.highValue !== item.highValue) return false;
  if (filters.tokens && !namesAny(filters.tokens, item.tokenKeys)) return false;
  if (filters.excludedAgents && namesAny(filters.excludedAgents, item.agents)) return false;
  if (filters.sentiments && !filters.sentiments.has(item.sentiment)) return false;
  if (filters.events && !(item.event !== null && filters.events.has(item.event))) return false;
  if (filters.minValue !== undefined && item.value < filters.minValue) return false;
  return true;
}

/** Whether the set holds any of the values: a plain loop, as isNewTo, since every connection asks it of every item. */
function namesAny(set: ReadonlySet<string>, values: readonly string[]): boolean {
  for (const value of values) if (set.has(value)) return true;
  return false;
}

/** A connection's selection as acks report it; no agents means every agent. */
export function describeSubscription(agents: ReadonlySet<string>, filters: Filters) {
  const sorted = (values: ReadonlySet<string> | undefined) => values && [...values].sort();
  return {
    agents: [...agents].sort(),
    filters: {
      ...(filters.types && { types: sorted(filters.types) }),
      ...(filters.highValue !== undefined && { high_value: filters.highValue }),
      ...(filters.tokens && { tokens: sorted(filters.tokens) }),
      ...(filters.excludedAgents && { exclude_agents: sorted(filters.excludedAgents) }),
      ...(filters.sentiments && { sentiments: sorted(filters.sentiments) }),
      ...(filters.events && { events: sorted(filters.events) }),
      ...(filters.minValue !== undefined && { min_value: filters.minValue }),
    },
  };
}
