import { tokenKey, tokenKeys, type Item } from '../intelligence/index.ts';
import { type FiltersInput, serverFrames } from './protocol.ts';

/** An item as the stream routes it: what matching needs, computed once, and the frame every receiver shares. */
export interface StreamItem {
  offset: number;
  agentId: string;
  type: string;
  highValue: boolean;
  tokenKeys: string[];
  frame: Buffer;
}

export function toStreamItem(item: Item): StreamItem {
  return {
    offset: item.offset,
    agentId: item.agent_id,
    type: item.type,
    highValue: item.value.high_value,
    tokenKeys: tokenKeys(item.tokens),
    frame: serverFrames.message(item),
  };
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
  /** Normalised with tokenKey(). */
  tokens?: ReadonlySet<string>;
}

export function toFilters(input: FiltersInput = {}): Filters {
  return {
    types: input.types && new Set(input.types),
    highValue: input.high_value,
    tokens: input.tokens && new Set(input.tokens.map(tokenKey)),
  };
}

export function matchesFilters(filters: Filters, item: StreamItem): boolean {
  if (filters.types && !filters.types.has(item.type)) return false;
  if (filters.highValue !== undefined && filters.highValue !== item.highValue) return false;
  if (filters.tokens && !item.tokenKeys.some((key) => filters.tokens!.has(key))) return false;
  return true;
}

/** A connection's selection as acks report it; no agents means every agent. */
export function describeSubscription(agents: ReadonlySet<string>, filters: Filters) {
  return {
    agents: [...agents].sort(),
    filters: {
      ...(filters.types && { types: [...filters.types].sort() }),
      ...(filters.highValue !== undefined && { high_value: filters.highValue }),
      ...(filters.tokens && { tokens: [...filters.tokens].sort() }),
    },
  };
}
