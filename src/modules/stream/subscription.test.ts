import { describe, expect, it } from 'vitest';
import { parseClientMessage, serverFrames } from './protocol.ts';
import { describeSubscription, isNewTo, matchesFilters, toFilters, type StreamItem } from './subscription.ts';

/** An item tagged by these agents, in this order, each joining at the offset given (the item sits at the last). */
const itemOf = (joins: Record<string, number>): StreamItem => {
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
  };
};

/** Filters as a client's `init` gives them, through the protocol's parsing. */
const filtersOf = (filters: object) => {
  const parsed = parseClientMessage(Buffer.from(JSON.stringify({ type: 'init', filters })), false);
  if (!('message' in parsed) || parsed.message.type !== 'init') throw new Error(JSON.stringify(parsed));
  return toFilters(parsed.message.filters, (token) => token.toUpperCase());
};

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
