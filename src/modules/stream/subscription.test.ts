import { describe, expect, it } from 'vitest';
import { parseClientMessage, serverFrames } from './protocol.ts';
import { describeSubscription, isNewTo, matchesFilters, toFilters, type StreamItem } from './subscription.ts';

/**
 * An item tagged by these agents, in this order, each joining at the offset given (the item sits at the last), that
 * this node delivered live before at `deliveredAt` (never: 0).
 */
const itemOf = (joins: Record<string, number>, deliveredAt = 0): StreamItem => {
  const offset = Math.max(...Object.values(joins));
  return {
    offset,
    agents: Object.keys(joins),
    joinedAt: Object.values(joins),
    type: 'onchain',
    highValue: true,
    tokenKeys: ['ETH'],
    sentiment: 'bearish',
    event: 'hack',
    value: 90,
    frame: serverFrames.message({ offset } as never),
    deliveredAt,
  };
};

/** Filters as a client's `init` gives them, through the protocol's parsing. */
const filtersOf = (filters: object) => {
  const parsed = parseClientMessage(Buffer.from(JSON.stringify({ type: 'init', filters })), false);
  if (!('message' in parsed) || parsed.message.type !== 'init') throw new Error(JSON.stringify(parsed));
  return toFilters(parsed.message.filters, (token) => token.toUpperCase());
};

describe('what is new to a connection', () => {
  const tokenMentions = new Set(['token-mentions']);

  it('is an item one of its agents joined after what the connection has had', () => {
    const joined = itemOf({ 'token-mentions': 3, 'news-sentiment-radar': 7 }, 3);
    expect(isNewTo(joined, new Set(['news-sentiment-radar']), 5, 1)).toBe(true);
    expect(isNewTo(joined, new Set(['security-watch']), 5, 1)).toBe(false);
    // Delivered here at 3, when its first agent joined it: a follower of that agent had it then.
    expect(isNewTo(joined, tokenMentions, 5, 1)).toBe(false);
    expect(isNewTo(joined, new Set(), 5, 1)).toBe(false);
  });

  it('is an item joined while the connection was live that this node never delivered at that join', () => {
    // The bus lost the announcement at 3, and the store had the item at 7 by the time the node read the hole.
    const moved = itemOf({ 'token-mentions': 3, 'news-sentiment-radar': 7 }, 0);
    expect(isNewTo(moved, tokenMentions, 5, 1)).toBe(true);
    expect(isNewTo(moved, new Set(), 5, 1)).toBe(true);
    // Delivered at 3 and then at 5, when another agent joined it; the announcement at 7 was lost.
    const thrice = itemOf({ 'token-mentions': 3, 'security-watch': 5, 'news-sentiment-radar': 9 }, 5);
    expect(isNewTo(thrice, tokenMentions, 6, 1)).toBe(false);
    expect(isNewTo(thrice, new Set(['security-watch']), 6, 1)).toBe(false);
  });

  it('leaves joins from before the connection went live here to the offset it resumed from', () => {
    const moved = itemOf({ 'token-mentions': 3, 'news-sentiment-radar': 7 }, 0);
    // Live here from 4: the client had everything up to 4 (elsewhere, or replayed), the join at 3 included.
    expect(isNewTo(moved, tokenMentions, 5, 4)).toBe(false);
    // A replay, read from the store, is judged by the offset resumed from alone.
    expect(
      isNewTo(itemOf({ 'token-mentions': 3, 'news-sentiment-radar': 7 }, Number.POSITIVE_INFINITY), tokenMentions, 2),
    ).toBe(true);
    expect(
      isNewTo(itemOf({ 'token-mentions': 3, 'news-sentiment-radar': 7 }, Number.POSITIVE_INFINITY), tokenMentions, 5),
    ).toBe(false);
  });
});

describe('stream filters', () => {
  it('leaves out an item when any of its agents is excluded, as the feed’s exclude_agent does', () => {
    const excluding = filtersOf({ exclude_agents: 'onchain-watch' });
    expect(matchesFilters(excluding, itemOf({ 'security-watch': 1 }))).toBe(true);
    expect(matchesFilters(excluding, itemOf({ 'onchain-watch': 1 }))).toBe(false);
    // One story, one item: tagged by a wanted agent and an excluded one, it is left out, whoever delivered it first.
    expect(matchesFilters(excluding, itemOf({ 'security-watch': 1, 'onchain-watch': 2 }))).toBe(false);
    expect(matchesFilters(excluding, itemOf({ 'onchain-watch': 1, 'security-watch': 2 }))).toBe(false);
    expect(
      matchesFilters(filtersOf({ exclude_agents: ['listing-hunter', 'ingest'] }), itemOf({ 'security-watch': 1 })),
    ).toBe(true);
  });

  it('applies an exclusion with the other filters, every one of which must match', () => {
    const item = itemOf({ 'security-watch': 1 });
    expect(matchesFilters(filtersOf({ exclude_agents: ['onchain-watch'], tokens: 'eth' }), item)).toBe(true);
    expect(matchesFilters(filtersOf({ exclude_agents: ['onchain-watch'], types: 'news' }), item)).toBe(false);
    expect(matchesFilters(filtersOf({ exclude_agents: ['security-watch'], tokens: 'eth' }), item)).toBe(false);
  });

  it('leaves out for a follower of an agent the item that agent shares with an excluded one', () => {
    // Following security-watch and excluding onchain-watch: the join makes the item new to the follower, the exclusion keeps it out.
    const item = itemOf({ 'onchain-watch': 1, 'security-watch': 2 });
    expect(isNewTo(item, new Set(['security-watch']), 1)).toBe(true);
    expect(matchesFilters(filtersOf({ exclude_agents: 'onchain-watch' }), item)).toBe(false);
  });

  it('echoes the exclusions in the subscription, sorted and once each', () => {
    const filters = filtersOf({ exclude_agents: 'onchain-watch,ingest,onchain-watch', min_value: 50 });
    expect(describeSubscription(new Set(['security-watch']), filters)).toEqual({
      agents: ['security-watch'],
      filters: { exclude_agents: ['ingest', 'onchain-watch'], min_value: 50 },
    });
    expect(describeSubscription(new Set(), filtersOf({}))).toEqual({ agents: [], filters: {} });
  });
});
