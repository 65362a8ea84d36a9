import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext } from '../support/context.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createCursorStore } from '../../src/modules/connectors/cursorStore.ts';
import { intelligenceItems } from '../../src/modules/intelligence/table.ts';
import { capturingLogger, startNode, tempFile } from './agentNode.ts';

const tokens = [
  'Bitcoin',
  'Ethereum',
  'Solana',
  'Chainlink',
  'Uniswap',
  'Aave',
  'Arbitrum',
  'Dogecoin',
  'Avalanche',
  'Pepe',
];
const verbs = [
  'exploit drains funds from a lending pool built on',
  'hackers steal hot wallet keys holding',
  'phishing campaign impersonates the team behind',
];

/** 30 recorded posts and one broken line in the middle. */
const lines = Array.from({ length: 30 }, (_, n) =>
  JSON.stringify({
    source: {
      kind: n % 2 ? 'twitter' : 'news',
      name: n % 2 ? 'X' : 'The Block',
      author: n % 2 ? '@peckshield' : undefined,
    },
    external_id: `crash-${n}`,
    text: `Alert ${n}: ${verbs[n % verbs.length]} ${tokens[n % tokens.length]}; losses estimated at $${n + 1}.${n % 10}M.`,
    offset_seconds: n * 30,
  }),
);
lines.splice(15, 0, '{"source": {"kind": "news"}, "text": 42}');

const pipelines = { agents: { 'security-watch': { sources: [{ type: 'replay' }] } } };

describe('an agent crashing in the middle of a batch (PostgreSQL)', () => {
  let ctx: AppContext;
  /** Items, and posts stored as items or as merged sources: each post must count exactly once. */
  const sums = async () => {
    const [row] = await ctx.db.drizzle
      .select({
        items: sql<number>`count(*)::int`,
        reports: sql<number>`coalesce(sum(${intelligenceItems.sourceCount}), 0)::int`,
      })
      .from(intelligenceItems);
    return row!;
  };
  const cursor = () => createCursorStore(ctx.db).get('security-watch:replay');

  beforeAll(async () => {
    ctx = await createTestContext({
      backend: 'postgres',
      env: {
        REPLAY_FILE: tempFile('replay.jsonl', lines.join('\n')),
        AGENTS_CONFIG_FILE: tempFile('agents.json', JSON.stringify(pipelines)),
        AGENT_SOURCES: 'replay',
      },
    });
  });
  afterAll(() => ctx?.close());

  it('re-ingests the batch after a restart without storing anything twice', async () => {
    const crashing = await startNode(ctx.config);
    const service = crashing.platform.intelligence.service;
    const ingestMany = service.ingestMany.bind(service);
    // The store takes the first ten items of the batch, then the process "dies".
    service.ingestMany = async (items) => {
      await ingestMany(items.slice(0, 10));
      throw new Error('killed mid-batch');
    };
    const [crashed] = await crashing.platform.agents.runOnce('security-watch');
    await crashing.close();
    expect(crashed).toEqual({ connector: 'security-watch:replay', error: 'killed mid-batch' });
    expect(await sums()).toMatchObject({ reports: 10 });
    expect(await cursor()).toBeUndefined();

    const { logger, lines: logged } = capturingLogger();
    const restarted = await startNode(ctx.config, logger);
    const [resumed] = await restarted.platform.agents.runOnce('security-watch');
    await restarted.close();
    expect(resumed).toMatchObject({ fetched: 30, skipped: 1, delivered: { skipped: 0, filtered: 0 } });
    expect(resumed).toHaveProperty('delivered.duplicates', 10);
    expect((await sums()).reports).toBe(30);
    expect(await cursor()).toEqual({ line: 31 });
    expect(logged).toContainEqual(
      expect.objectContaining({
        connector: 'security-watch:replay',
        entry: 'line 16',
        reason: expect.stringMatching(/^source.name: /),
        msg: 'skipped a malformed entry',
      }),
    );
  });

  it('resumes from the persisted cursor after another restart', async () => {
    const node = await startNode(ctx.config);
    const [again] = await node.platform.agents.runOnce('security-watch');
    await node.close();
    expect(again).toEqual({ connector: 'security-watch:replay', fetched: 0, skipped: 0, delivered: null });
    expect((await sums()).reports).toBe(30);
  });
});
