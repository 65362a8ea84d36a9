import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestContext } from '../../../test/support/context.ts';
import { tempDir } from '../../../test/support/tempDir.ts';
import type { AppContext } from '../context.ts';
import type { ModuleMigrations } from './moduleMigrations.ts';

/** A migrations folder as drizzle-kit writes it (without snapshots, which only drizzle-kit reads). */
function folderOf(module: string, migrations: Record<string, string>): ModuleMigrations {
  const folder = tempDir(`migrations-${module}`);
  mkdirSync(join(folder, 'meta'));
  const entries = Object.entries(migrations).map(([tag, statements], idx) => {
    writeFileSync(join(folder, `${tag}.sql`), statements);
    return { idx, version: '7', when: 1_800_000_000_000 + idx, tag, breakpoints: true };
  });
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }));
  return { module, folder };
}

describe.each(backends)('module migrations on %s', (backend) => {
  let ctx: AppContext;
  const rows = async (statement: ReturnType<typeof sql>) =>
    ((await ctx.db.drizzle.execute(statement)) as unknown as { rows: Array<Record<string, unknown>> }).rows;

  beforeAll(async () => {
    ctx = await createTestContext({ backend, migrations: [] });
  });
  afterAll(() => ctx?.close());

  it('apply each module in the order given, each recorded in its own journal, once', async () => {
    const owners = folderOf('owners', { '0000_owners': 'CREATE TABLE owners (id int PRIMARY KEY);' });
    const pets = folderOf('pets', {
      '0000_pets': 'CREATE TABLE pets (id int PRIMARY KEY, owner int REFERENCES owners (id));',
      '0001_pet_names': ['ALTER TABLE pets ADD COLUMN name text;', 'CREATE INDEX pets_name_idx ON pets (name);'].join(
        '\n--> statement-breakpoint\n',
      ),
    });
    await ctx.db.migrate([owners, pets]);
    await ctx.db.migrate([owners, pets]);

    await ctx.db.drizzle.execute(sql`INSERT INTO owners VALUES (1)`);
    await ctx.db.drizzle.execute(sql`INSERT INTO pets VALUES (1, 1, 'rex')`);
    expect(await rows(sql`SELECT count(*)::int AS n FROM __migrations_owners`)).toEqual([{ n: 1 }]);
    expect(await rows(sql`SELECT count(*)::int AS n FROM __migrations_pets`)).toEqual([{ n: 2 }]);
  });

  it('refuse a module listed twice, before applying anything', async () => {
    const twice = folderOf('twice', { '0000_twice': 'CREATE TABLE twice (id int);' });
    await expect(ctx.db.migrate([twice, twice])).rejects.toThrow('module twice is listed twice in the migrations');
    expect(await rows(sql`SELECT to_regclass('twice') AS name`)).toEqual([{ name: null }]);
  });
});
