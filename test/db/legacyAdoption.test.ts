import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { platformModules } from '../../src/platform.ts';
import { chatMigrations } from '../../src/modules/chat/table.ts';
import { intelligenceMigrations } from '../../src/modules/intelligence/table.ts';
import { createIntelligenceRepository } from '../../src/modules/intelligence/repository.ts';
import { toRow } from '../../src/modules/intelligence/mapping.ts';
import { ingestSchema } from '../../src/modules/intelligence/schemas.ts';
import { storyKeys } from '../../src/modules/intelligence/storyKeys.ts';
import { backends, createTestContext } from '../support/context.ts';
import { services } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

/** The central journal's migrations as the last release before module migrations shipped them. */
const legacyFolder = fileURLToPath(new URL('./legacyMigrations', import.meta.url));

type Journal = { entries: Array<{ idx: number; when: number; tag: string }> };
const readJournal = (folder: string) => JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as Journal;
const writeJournal = (folder: string, journal: Journal) =>
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal));

async function query<T = Record<string, unknown>>(ctx: AppContext, statement: SQL): Promise<T[]> {
  return ((await ctx.db.drizzle.execute(statement)) as unknown as { rows: T[] }).rows;
}
const count = async (ctx: AppContext, table: string) =>
  (await query<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]?.n;

/** Migrates the context's empty schema as the release before did, with the central journal's first `upTo`. */
async function migrateLegacy(ctx: AppContext, upTo = 6): Promise<void> {
  const folder = tempDir('legacy-migrations');
  cpSync(legacyFolder, folder, { recursive: true });
  const journal = readJournal(folder);
  writeJournal(folder, { ...journal, entries: journal.entries.slice(0, upTo) });
  const { migrate } = await (ctx.db.kind === 'pglite'
    ? import('drizzle-orm/pglite/migrator')
    : import('drizzle-orm/node-postgres/migrator'));
  await migrate(ctx.db.drizzle as never, { migrationsFolder: folder, migrationsSchema: ctx.db.schema });
}

/** Every module's migrations, intelligence's with one more after them, as a later release would add. */
function withProbeMigration() {
  const folder = tempDir('next-migration');
  cpSync(intelligenceMigrations.folder, folder, { recursive: true });
  const journal = readJournal(folder);
  const last = journal.entries.at(-1)!;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_probe' });
  writeJournal(folder, journal);
  writeFileSync(join(folder, '9999_probe.sql'), 'ALTER TABLE intelligence_items ADD COLUMN probe text;');
  return platformModules.migrations().map((set) => (set === intelligenceMigrations ? { ...set, folder } : set));
}

const posted = (n: number) =>
  ingestSchema.parse({
    type: 'news',
    title: `story ${n}`,
    content: `what happened ${n}`,
    source: { name: 'test', ...(n === 1 && { url: 'https://wire.example/posts/1' }) },
    agent_id: 'ingest',
    ...(n === 1 && { external_id: 'legacy-1' }),
  });
const item = (n: number) => toRow(posted(n));

/** Stores an item as the release before did: in the columns its table had. */
async function storeLegacy(ctx: AppContext, n: number) {
  const row = item(n);
  await ctx.db.drizzle.execute(sql`
    INSERT INTO intelligence_items (dedupe_key, external_id, type, title, content, source_kind, source_name, source_url, agent_id, published_at)
    VALUES (${row.dedupeKey}, ${row.externalId}, ${row.type}, ${row.title}, ${row.content}, ${row.sourceKind},
            ${row.sourceName}, ${row.sourceUrl}, ${row.agentId}, ${row.publishedAt!.toISOString()}::timestamptz)`);
}

describe.each(backends)('a database the central journal migrated, on %s', (backend) => {
  let ctx: AppContext;

  beforeAll(async () => {
    ctx = await createTestContext({ backend, migrations: [] });
    await migrateLegacy(ctx);
    await storeLegacy(ctx, 1);
    await storeLegacy(ctx, 2);
    await ctx.db.drizzle.execute(sql`INSERT INTO followed_agents (user_id, agent_id) VALUES ('ann', 'ingest')`);
    await ctx.db.migrate(platformModules.migrations());
  });
  afterAll(() => ctx?.close());

  it('keeps its rows and stream offsets, and hands out the next offset', async () => {
    const { row } = await createIntelligenceRepository(ctx.db, ctx.metrics).insert(item(3));
    const items = await query<{ title: string; stream_offset: string | number }>(
      ctx,
      sql`SELECT title, stream_offset FROM intelligence_items ORDER BY stream_offset`,
    );
    expect(items.map((r) => [r.title, Number(r.stream_offset)])).toEqual([
      ['story 1', 1],
      ['story 2', 2],
      ['story 3', 3],
    ]);
    expect(row.streamOffset).toBe(3);
    const follows = await query(ctx, sql`SELECT user_id, agent_id FROM followed_agents`);
    expect(follows).toEqual([{ user_id: 'ann', agent_id: 'ingest' }]);
  });

  it('tags each item with its agent, joined at its offset, and records the keys a later delivery of its post finds it by', async () => {
    const rows = await query<{ agents: string[]; agent_offsets: Array<string | number>; story_keys: string[] }>(
      ctx,
      sql`SELECT i.agents, i.agent_offsets,
                 i.dedupe_key || ARRAY(SELECT k.key FROM intelligence_story_keys k WHERE k.item_id = i.id) AS story_keys
          FROM intelligence_items i WHERE i.stream_offset <= 2 ORDER BY i.stream_offset`,
    );
    expect(rows.map((r) => [r.agents, r.agent_offsets.map(Number)])).toEqual([
      [['ingest'], [1]],
      [['ingest'], [2]],
    ]);
    // The migration derives in SQL what storyKeys() derives for a new delivery (the dedupe key is the item's own).
    expect(rows.map((r) => [...r.story_keys].sort())).toEqual([1, 2].map((n) => [...storyKeys(item(n))].sort()));
    expect(rows[0]!.story_keys).toHaveLength(3);
  });

  it("records each module's baseline as applied, and leaves the central journal in place", async () => {
    const recorded = await query<{ hash: string }>(ctx, sql`SELECT hash FROM __migrations_intelligence ORDER BY id`);
    const baseline = readMigrationFiles({ migrationsFolder: intelligenceMigrations.folder });
    expect(recorded.map((r) => r.hash)).toEqual(baseline.map((m) => m.hash));
    // The chat's baseline, then its migrations after the baseline, which the migration run applied.
    expect(await count(ctx, '__migrations_chat')).toBe(
      readMigrationFiles({ migrationsFolder: chatMigrations.folder }).length,
    );
    expect(await count(ctx, '__drizzle_migrations')).toBe(6);
  });

  it('applies the migrations that come after the baseline, once', async () => {
    const next = withProbeMigration();
    await ctx.db.migrate(next);
    await ctx.db.migrate(next);
    await ctx.db.drizzle.execute(sql`UPDATE intelligence_items SET probe = 'seen' WHERE stream_offset = 1`);
    const probed = await query(ctx, sql`SELECT probe FROM intelligence_items WHERE stream_offset = 1`);
    expect(probed).toEqual([{ probe: 'seen' }]);
    const shipped = readMigrationFiles({ migrationsFolder: intelligenceMigrations.folder }).length;
    expect(await count(ctx, '__migrations_intelligence')).toBe(shipped + 1);
  });
});

/** The schema as pg_dump prints it, without the migration journals, its name replaced by "schema". */
function dumpSchema(schema: string): string {
  const args = ['--schema-only', '-n', schema, '-T', `${schema}.__*migrations*`, services.postgresUrl];
  const dump = execFileSync('pg_dump', args, { encoding: 'utf8' });
  // The \restrict lines carry a random key per dump.
  return dump.replace(/^\\(un)?restrict .*$/gm, '').replaceAll(schema, 'schema');
}

describe('pg_dump of a schema', () => {
  it('is the same whether the central journal made it (then adopted) or the module migrations did', async () => {
    const adopted = await createTestContext({ backend: 'postgres', migrations: [] });
    const fresh = await createTestContext({ backend: 'postgres' });
    try {
      await migrateLegacy(adopted);
      await adopted.db.migrate(platformModules.migrations());
      expect(dumpSchema(adopted.db.schema)).toBe(dumpSchema(fresh.db.schema));
      expect(dumpSchema(fresh.db.schema)).toContain('ALTER TABLE ONLY schema.chat_messages FORCE ROW LEVEL SECURITY;');
      expect(dumpSchema(fresh.db.schema)).toContain(
        'ALTER TABLE ONLY schema.chat_messages ALTER COLUMN content SET STORAGE EXTERNAL;',
      );
      expect(dumpSchema(fresh.db.schema)).toContain("WITH (toast_tuple_target='8160')");
    } finally {
      await Promise.all([adopted.close(), fresh.close()]);
    }
  });
});

describe('a database the central journal left partway', () => {
  it('takes the modules it finished as migrated, and makes the tables of those it never began', async () => {
    const ctx = await createTestContext({ migrations: [] });
    try {
      await migrateLegacy(ctx, 4); // through 0003_clan: no chat tables yet
      await ctx.db.migrate(platformModules.migrations());
      expect(await count(ctx, '__migrations_clan')).toBe(1);
      expect(await count(ctx, 'chat_messages')).toBe(0);
    } finally {
      await ctx.close();
    }
  });

  it('is refused when it stopped inside a module, naming the module', async () => {
    const ctx = await createTestContext({ migrations: [] });
    try {
      await migrateLegacy(ctx, 2); // intelligence_items without the columns 0002_agents added
      await expect(ctx.db.migrate(platformModules.migrations())).rejects.toThrow(
        /^intelligence: the central journal never ran 0002_agents/,
      );
    } finally {
      await ctx.close();
    }
  });
});
