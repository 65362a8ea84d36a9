import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestContext } from '../../../test/support/context.ts';
import { eventually } from '../../../test/stream/eventually.ts';
import type { AppContext } from '../../core/context.ts';
import { createItemLog } from './itemLog.ts';
import { createFeedCache } from './feedCache.ts';
import { ingestSchema, type Item } from './schemas.ts';
import { createStoryIngest } from './storyIngest.ts';
import { createStoryRepository, type StoryRepository } from './storyRepository.ts';

const post = (id: string, agent: string, title = `Binance will list token number ${id} on its spot market`) =>
  ingestSchema.parse({
    external_id: id,
    type: 'news',
    title,
    content: `Spot trading for token ${id} opens today against USDT and USDC.`,
    source: { kind: 'news', name: 'Binance', url: `https://binance.example/${id}` },
    agent_id: agent,
  });

/**
 * A batch is planned before the ingest lock against what was stored, and stored as planned only if nothing was
 * written since (else planned again, a few times, then holding the lock); these make another writer come in between,
 * on PostgreSQL.
 */
describe('a batch planned before the ingest lock (PostgreSQL)', () => {
  let ctx: AppContext;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
  });
  afterAll(() => ctx?.close());

  /** Runs around the next write of a plan made outside the lock (once). */
  interface Between {
    before?: () => Promise<unknown>;
    after?: (written: unknown) => Promise<unknown>;
  }

  /** An ingest door whose next write of a plan made outside the lock runs between `between`'s hooks. */
  function door(between: Between) {
    const stories = createStoryRepository(ctx.db, ctx.metrics);
    const delayed: StoryRepository = {
      ...stories,
      async writeIfUnchanged(plan, at) {
        const { before, after } = between;
        between.before = between.after = undefined;
        await before?.();
        const written = await stories.writeIfUnchanged(plan, at);
        await after?.(written);
        return written;
      },
    };
    const published: Item[] = [];
    const ingest = createStoryIngest({
      stories: delayed,
      feedCache: createFeedCache(ctx),
      publish: async (items) => void published.push(...items),
    });
    return { ingest, published };
  }

  it('is planned again when another node stored the same story meanwhile: one item, both agents', async () => {
    const between: Between = {};
    const a = door(between);
    const b = door({});
    // Each door loads its index with a first batch, so the next is planned before the lock.
    await a.ingest.many([post('a-warm', 'agent-a')]);
    await b.ingest.many([post('b-warm', 'agent-b')]);

    let planAtB: unknown = 'not written';
    between.before = () => b.ingest.many([post('same', 'agent-b')]);
    between.after = async (written) => {
      planAtB = written;
    };
    const [result] = await a.ingest.many([post('same', 'agent-a'), post('a-only', 'agent-a')]);

    expect(planAtB).toBeUndefined();
    expect(result!.outcome).toBe('merged');
    expect(b.published.find((item) => item.id === result!.id)!.agents).toEqual(['agent-b']);
    expect(a.published.find((item) => item.id === result!.id)).toMatchObject({ agents: ['agent-b', 'agent-a'] });
    const offsets = (await createItemLog(ctx.db, ctx.metrics).read(0, Number.MAX_SAFE_INTEGER, 100)).map(
      (item) => item.offset,
    );
    expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
    expect(new Set(offsets).size).toBe(offsets.length);
  });

  it('does not wait for another writer holding the lock: it gives the plan up and plans again', async () => {
    const between: Between = {};
    const a = door(between);
    await a.ingest.many([post('c-warm', 'agent-c')]);
    const holder = new pg.Client({
      connectionString: ctx.config.DATABASE_URL,
      options: `-c search_path=${ctx.config.DATABASE_SCHEMA}`,
    });
    await holder.connect();
    try {
      // Another writer takes the lock before this batch's write, stores the same post and commits only once that
      // write has answered: a write that waited for the lock would never answer.
      between.before = async () => {
        await holder.query('BEGIN');
        await holder.query('SELECT last_offset FROM stream_state WHERE id = 1 FOR UPDATE');
      };
      let written: unknown = 'not written';
      between.after = async (answer) => {
        written = answer;
        await holder.query('UPDATE stream_state SET last_offset = last_offset WHERE id = 1');
        await holder.query('COMMIT');
      };
      const [result] = await a.ingest.many([post('held', 'agent-c')]);
      expect(written).toBeUndefined();
      expect(result!.outcome).toBe('created');
      expect(a.published.map((item) => item.title)).toContain(post('held', 'agent-c').title);
    } finally {
      await holder.end();
    }
  });

  it('plans holding the lock once every plan made before it went stale', async () => {
    const stories = createStoryRepository(ctx.db, ctx.metrics);
    const other = door({});
    await other.ingest.many([post('g-warm', 'agent-g')]);
    const attempts: unknown[] = [];
    let locked = 0;
    const ingest = createStoryIngest({
      stories: {
        ...stories,
        async writeIfUnchanged(plan, at) {
          // Another node stores this same story between every read and write made before the lock.
          await other.ingest.many([post(`busy-${attempts.length}`, 'agent-g'), post('contended', 'agent-g')]);
          const written = await stories.writeIfUnchanged(plan, at);
          attempts.push(written);
          return written;
        },
        locked(first, work) {
          locked++;
          return stories.locked(first, work);
        },
      },
      feedCache: createFeedCache(ctx),
      publish: async () => {},
    });
    await ingest.many([post('f-warm', 'agent-f')]);
    expect(locked).toBe(1); // the first batch loads the index holding the lock
    attempts.length = 0;
    const [result] = await ingest.many([post('contended', 'agent-f')]);
    expect(attempts).toHaveLength(4);
    expect(attempts.every((written) => written === undefined)).toBe(true);
    expect(locked).toBe(2);
    expect(result!.outcome).toBe('merged');
    const item = other.published.find((published) => published.title === post('contended', 'agent-g').title)!;
    expect(result!.id).toBe(item.id);
  });

  it('holding the lock, reads what the writer before it committed (the read follows the lock)', async () => {
    const holder = new pg.Client({
      connectionString: ctx.config.DATABASE_URL,
      options: `-c search_path=${ctx.config.DATABASE_SCHEMA}`,
    });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT last_offset FROM stream_state WHERE id = 1 FOR UPDATE');
      // A new door's first batch is read and planned holding the lock: it waits for the holder.
      const stored = door({}).ingest.many([post('first', 'agent-d')]);
      await eventually(async () => {
        // Within the holder's transaction the activity view is otherwise the one it first saw.
        await holder.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await holder.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%stream_state%FOR UPDATE%' AND pid <> pg_backend_pid()`,
        );
        expect(rows[0].n).toBe(1);
      });
      // Meanwhile the holder stores the same post for another agent, and commits.
      const { rows } = await holder.query<{ id: string }>(
        `INSERT INTO intelligence_items (dedupe_key, type, title, source_kind, source_name, source_url, agent_id, published_at, agents, agent_offsets)
         VALUES ('ext:agent-e:first', 'news', $1, 'news', 'Binance', 'https://binance.example/first', 'agent-e', now(), ARRAY['agent-e'], ARRAY[0]::bigint[])
         RETURNING id`,
        [post('first', 'agent-e').title],
      );
      await holder.query(
        `INSERT INTO intelligence_story_keys (key, item_id) VALUES ('url:https://binance.example/first', $1)`,
        [rows[0]!.id],
      );
      await holder.query('COMMIT');
      expect(await stored).toEqual([{ id: rows[0]!.id, outcome: 'merged' }]);
    } finally {
      await holder.end();
    }
  });
});

describe('the ingest door and the bus', () => {
  let ctx: AppContext;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it('answers one post once it is stored, while the bus has not confirmed its announcement', async () => {
    let confirm!: () => void;
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    const ingest = createStoryIngest({
      stories: createStoryRepository(ctx.db, ctx.metrics),
      feedCache: createFeedCache(ctx),
      publish: () => confirmed, // a broker that is away: the publish waits out its deadline
    });
    const { outcome, item } = await ingest.one(post('silent-broker', 'agent-f'));
    expect(outcome).toBe('created');
    expect((await createItemLog(ctx.db, ctx.metrics).read(item.offset - 1, item.offset, 10))[0]?.id).toBe(item.id);
    // A shutdown still waits for the announcement (bounded by the bus's own deadline).
    let announced = false;
    const waiting = ingest.announced().then(() => (announced = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(announced).toBe(false);
    confirm();
    await waiting;
  });
});
