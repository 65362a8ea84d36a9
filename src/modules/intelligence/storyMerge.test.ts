import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../analysis/index.ts';
import { ingestSchema, type IngestInput } from './schemas.ts';
import { toRow } from './mapping.ts';
import { MERGE_WINDOW_MS, planStories, withFingerprint, type StoryLookup } from './storyMerge.ts';
import { createStoryIndex } from './storyIndex.ts';
import { storyKeys } from './storyKeys.ts';

const hack =
  'An attacker exploited a reentrancy bug in a Curve Finance pool on Ethereum and drained $12M; stolen funds are being bridged out.';
const hackRewrite =
  'An attacker exploited a reentrancy bug in a Curve Finance pool on Ethereum, draining $12M; the stolen funds are being bridged out.';
const NOON = '2026-01-01T12:00:00Z';

const row = (id: string, over: Partial<IngestInput> = {}) =>
  withFingerprint(
    toRow(
      ingestSchema.parse({
        external_id: id,
        type: 'news',
        title: 'Hacker drains $12M from Curve Finance pool on Ethereum',
        content: hack,
        tokens: [{ symbol: 'CRV' }],
        source: { kind: 'news', name: `Outlet ${id}` },
        agent_id: 'security-watch',
        published_at: NOON,
        ...over,
      }),
    ),
  );

/** Stored items as ingest sees them: story keys in the database, fingerprints in the in-memory index. */
async function storedAs(
  ...items: Array<{ id: string; row: ReturnType<typeof row>; merged?: string[]; agents?: string[] }>
): Promise<StoryLookup> {
  const stored = items.map(({ id, row: r, merged = [], agents = [r.agentId] }) => ({
    id,
    agents,
    storyKeys: [...storyKeys(r), ...merged],
    simhash: r.simhash!,
    tokenKeys: r.tokenKeys ?? [],
    publishedAt: r.publishedAt!,
  }));
  const index = createStoryIndex(() => Date.parse(NOON));
  index.refresh(stored, 0);
  return {
    stored: (keys) => stored.find((story) => keys.some((key) => story.storyKeys.includes(key))),
    near: index.near,
  };
}

describe('near-duplicate fingerprints', () => {
  it('put a reworded story within the merge distance', () => {
    expect(hammingDistance(row('a').simhash!, row('b', { content: hackRewrite }).simhash!)).toBeLessThanOrEqual(5);
  });

  it('are only computed for texts long enough to fingerprint', () => {
    expect(row('short', { title: 'BTC up', content: '' }).simhash).toBeUndefined();
  });
});

describe('planStories', () => {
  it('merges a rewrite of a stored story into it and inserts a different story', async () => {
    const lookup = await storedAs({ id: 'item-a', row: row('a') });
    const plan = planStories(
      [
        row('b', { content: hackRewrite }),
        row('c', {
          title: 'Binance will list Pyth Network (PYTH)',
          content: 'Spot trading opens for PYTH/USDT.',
          tokens: [{ symbol: 'PYTH' }],
        }),
      ],
      lookup,
    );
    expect(plan.outcomes).toEqual([
      { kind: 'merged', target: { id: 'item-a' } },
      { kind: 'created', target: { insert: 0 } },
    ]);
    expect(plan.updates.get('item-a')).toEqual({
      sources: [
        {
          kind: 'news',
          name: 'Outlet b',
          url: null,
          author: null,
          published_at: '2026-01-01T12:00:00.000Z',
          key: 'ext:security-watch:b',
        },
      ],
      keys: storyKeys(row('b', { content: hackRewrite })),
      agents: [],
    });
  });

  it('folds near-duplicates within the batch into the first, and repeats into nothing', async () => {
    const plan = planStories([row('a'), row('b', { content: hackRewrite }), row('a'), row('c')], await storedAs());
    expect(plan.inserts).toHaveLength(1);
    expect(plan.inserts[0]).toMatchObject({
      sourceCount: 3,
      agents: ['security-watch'],
      sources: [{ key: 'ext:security-watch:b' }, { key: 'ext:security-watch:c' }],
    });
    expect(plan.outcomes.map((o) => o.kind)).toEqual(['created', 'merged', 'duplicate', 'merged']);
  });

  it('treats stored items and sources already merged into them as duplicates (a re-delivered batch)', async () => {
    const again = row('b', { content: hackRewrite });
    const plan = planStories(
      [row('a'), again],
      await storedAs({ id: 'item-a', row: row('a'), merged: storyKeys(again) }),
    );
    expect(plan.outcomes).toEqual([
      { kind: 'duplicate', target: { id: 'item-a' } },
      { kind: 'duplicate', target: { id: 'item-a' } },
    ]);
    expect(plan.updates.size).toBe(0);
  });

  it('adds another agent delivering the same post to the stored item, once', async () => {
    const fromRadar = (over: Partial<IngestInput> = {}) => row('a', { agent_id: 'news-sentiment-radar', ...over });
    const plan = planStories(
      [fromRadar(), fromRadar(), row('a', { agent_id: 'token-mentions', content: hackRewrite })],
      await storedAs({ id: 'item-a', row: row('a') }),
    );
    expect(plan.outcomes.map((o) => o.kind)).toEqual(['merged', 'duplicate', 'merged']);
    expect(plan.inserts).toEqual([]);
    // The same external id from the same source: the same post, not a new source.
    expect(plan.updates.get('item-a')).toMatchObject({
      sources: [],
      agents: ['news-sentiment-radar', 'token-mentions'],
    });
  });

  it('tags a new item with every agent that delivered its post within the batch', async () => {
    const url = 'https://www.coindesk.com/markets/2026/01/01/curve-pool-drained';
    const plan = planStories(
      [
        row('x-1', { source: { kind: 'news', name: 'CoinDesk', url } }),
        row('rss-9', { agent_id: 'news-sentiment-radar', source: { kind: 'news', name: 'CoinDesk RSS', url } }),
      ],
      await storedAs(),
    );
    expect(plan.outcomes.map((o) => o.kind)).toEqual(['created', 'merged']);
    expect(plan.inserts).toHaveLength(1);
    expect(plan.inserts[0]).toMatchObject({ agents: ['security-watch', 'news-sentiment-radar'], sourceCount: 1 });
  });

  it('merges near-duplicates across agents, and keeps stories apart across tokens and time', async () => {
    const at = (ms: number) => new Date(Date.parse(NOON) + ms).toISOString();
    const plan = planStories(
      [
        row('other-agent', { agent_id: 'token-mentions', content: hackRewrite }),
        row('other-token', { tokens: [{ symbol: 'ETH' }] }),
        row('too-late', { published_at: at(MERGE_WINDOW_MS + 60_000) }),
        row('earlier', { published_at: at(-MERGE_WINDOW_MS + 60_000) }),
      ],
      await storedAs({ id: 'item-a', row: row('a') }),
    );
    expect(plan.outcomes.map((o) => o.kind)).toEqual(['merged', 'created', 'created', 'merged']);
    expect(plan.updates.get('item-a')?.agents).toEqual(['token-mentions']);
  });
});
