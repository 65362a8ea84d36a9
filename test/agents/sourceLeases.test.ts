import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createCursorStore } from '../../src/modules/connectors/cursorStore.ts';
import { intelligenceItems } from '../../src/modules/intelligence/table.ts';
import { createTestContext } from '../support/context.ts';
import { startNode, tempFile } from './agentNode.ts';

const POSTS = 40;
/** Recorded 30 s apart and played 600 times faster: a post every 50 ms, so the takeover lands mid-replay. */
const lines = Array.from({ length: POSTS }, (_, n) =>
  JSON.stringify({
    source: { kind: 'news', name: 'The Block' },
    external_id: `lease-${n}`,
    text: `Alert ${n}: an exploit drains $${n + 1}M from a lending pool built on ${n % 2 ? 'Aave' : 'Compound'} (case ${n}).`,
    offset_seconds: n * 30,
  }),
);
const pipelines = {
  agents: {
    'security-watch': { sources: [{ type: 'replay' }] },
    'listing-hunter': { sources: [{ type: 'replay', kinds: ['twitter'] }] },
  },
};
const SOURCE = 'connector:security-watch:replay';
const until = async (done: () => Promise<boolean>) => {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('two agents workers sharing the sources through leases (PostgreSQL)', () => {
  let ctx: AppContext;
  const nodes: Array<Awaited<ReturnType<typeof startNode>>> = [];
  const stops: Array<() => Promise<void>> = [];

  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await ctx.db.drizzle.execute(query)) as unknown as { rows: T[] }).rows;
  const reports = async () => {
    const [row] = await ctx.db.drizzle
      .select({ reports: sql<number>`coalesce(sum(${intelligenceItems.sourceCount}), 0)::int` })
      .from(intelligenceItems);
    return row!.reports;
  };
  const owner = async (name: string) =>
    (await rows<{ holder: string }>(sql`SELECT holder FROM leases WHERE name = ${name} AND expires_at > now()`))[0]
      ?.holder;

  beforeAll(async () => {
    ctx = await createTestContext({
      backend: 'postgres',
      env: {
        REPLAY_FILE: tempFile('replay.jsonl', lines.join('\n')),
        AGENTS_CONFIG_FILE: tempFile('agents.json', JSON.stringify(pipelines)),
        AGENT_SOURCES: 'replay',
        REPLAY_SPEED: '600',
        LEASE_TTL_SECONDS: '5',
        ANALYSIS_WORKERS: '0',
      },
    });
    for (let i = 0; i < 2; i++) nodes.push(await startNode(ctx.config));
  });
  afterAll(async () => {
    for (const stop of stops) await stop();
    for (const node of nodes) await node.close();
    await ctx?.close();
  });

  it('spreads the sources over the workers, hands a dead one’s to the other, and stores every post once', async () => {
    for (const node of nodes) stops.push(await node.platform.agents.start());
    const holders = nodes.map((node) => node.platform.ctx.leases.holder);
    const sources = [SOURCE, 'connector:listing-hunter:replay'];
    // Two sources, two workers: one each, whichever started first.
    await until(async () => {
      const owners = await Promise.all(sources.map(owner));
      return owners.every(Boolean) && new Set(owners).size === 2;
    });
    await until(async () => (await reports()) >= 5);
    const stale = nodes[holders.indexOf((await owner(SOURCE))!)]!;
    const successor = nodes.find((node) => node !== stale)!;

    // The owner dies as far as the others can tell: every lease it holds runs out while it still polls (its next
    // cursor write is fenced and refused), and it never comes back. The other worker takes its source over.
    await ctx.db.drizzle.execute(
      sql`UPDATE leases SET expires_at = now() - interval '1 second' WHERE holder = ${stale.platform.ctx.leases.holder}`,
    );
    await stops.splice(nodes.indexOf(stale), 1)[0]!();
    await until(async () => (await owner(SOURCE)) === successor.platform.ctx.leases.holder);

    await until(async () => (await reports()) >= POSTS);
    const cursor = createCursorStore(ctx.db);
    await until(
      async () => JSON.stringify(await cursor.get('security-watch:replay')) === JSON.stringify({ line: POSTS }),
    );
    // Every post once: a post delivered again (the stale owner's last batch, re-read by its successor) is a duplicate.
    expect(await reports()).toBe(POSTS);
    const [token] = await rows<{ token: string }>(sql`SELECT token FROM leases WHERE name = ${SOURCE}`);
    expect(Number(token!.token)).toBeGreaterThanOrEqual(2);
  });
});
