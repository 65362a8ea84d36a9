import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { openDatabase, type Database } from '../../src/core/db/database.ts';
import { createMetrics } from '../../src/core/metrics.ts';
import { createChatRepository } from '../../src/modules/chat/repository.ts';
import { createTestContext } from '../support/context.ts';
import { runId, services } from '../support/services.ts';

/**
 * The owner filter is the first wall; this shows the second. The test user
 * is a superuser, which row-level security never applies to, so the queries
 * run as a plain role made for the test, with no owner filter of their own.
 */
describe('row-level security on the chat tables (PostgreSQL)', () => {
  let ctx: AppContext;
  let admin: pg.Client;
  let asPlainRole: Database | undefined;
  const role = runId('chat_rls');

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
    const repository = createChatRepository(ctx.db, ctx.metrics);
    for (const owner of ['ann', 'ann', 'bob']) {
      await repository.appendExchange(owner, {
        title: `${owner}'s`,
        user: { content: 'hi' },
        assistant: { content: 'hello' },
      });
    }
    admin = new pg.Client({ connectionString: services.postgresUrl });
    await admin.connect();
    const schema = ctx.db.schema;
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
    await admin.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON "${schema}".chat_conversations, "${schema}".chat_messages TO ${role}`,
    );
  });

  afterAll(async () => {
    await asPlainRole?.close();
    await ctx?.close(); // drops the schema, and with it the grants
    await admin
      ?.query(`REVOKE CREATE ON DATABASE "${new URL(services.postgresUrl).pathname.slice(1)}" FROM ${role}`)
      .catch(() => {});
    await admin?.query(`DROP ROLE IF EXISTS ${role}`);
    await admin?.end();
  });

  /** Runs `sql` in a transaction as the plain role, for `owner` (or for no one). */
  async function asRole<T>(owner: string | null, sql: string, params: unknown[] = []): Promise<T[]> {
    await admin.query('BEGIN');
    try {
      await admin.query(`SET LOCAL ROLE ${role}`);
      await admin.query(`SET LOCAL search_path TO "${ctx.db.schema}"`);
      if (owner) await admin.query(`SELECT set_config('alphanest.user_ids', $1, true)`, [JSON.stringify([owner])]);
      return (await admin.query(sql, params)).rows as T[];
    } finally {
      await admin.query('ROLLBACK');
    }
  }

  it('shows a user only their own rows, even to a query without an owner filter', async () => {
    expect(
      (await asRole<{ user_id: string }>('ann', 'SELECT user_id FROM chat_conversations')).map((r) => r.user_id),
    ).toEqual(['ann', 'ann']);
    expect(
      (await asRole<{ user_id: string }>('bob', 'SELECT user_id FROM chat_messages')).map((r) => r.user_id),
    ).toEqual(['bob', 'bob']);
  });

  it('shows nothing when no user is set', async () => {
    expect(await asRole(null, 'SELECT * FROM chat_conversations')).toEqual([]);
  });

  it('refuses to write a row for another user, and changes no other user’s rows', async () => {
    await expect(
      asRole('ann', `INSERT INTO chat_conversations (user_id, title) VALUES ('bob', 'forged')`),
    ).rejects.toThrow(/row-level security/);
    expect(await asRole('ann', `DELETE FROM chat_conversations WHERE user_id = 'bob' RETURNING id`)).toEqual([]);
  });

  it('lets the repository itself work as the plain role: batched writes for several users, appends and reads', async () => {
    const url = new URL(services.postgresUrl);
    url.username = role;
    // Opening a database creates its schema if missing, which needs CREATE on the database even when it exists.
    await admin.query(`GRANT CREATE ON DATABASE "${url.pathname.slice(1)}" TO ${role}`);
    const metrics = createMetrics({ defaults: false });
    asPlainRole = await openDatabase(
      { ...ctx.config, databaseUrl: url.toString(), DATABASE_SCHEMA: ctx.db.schema, DATABASE_POOL_SIZE: 4 },
      metrics,
      ctx.logger,
    );
    const repository = createChatRepository(asPlainRole, metrics);
    const say = (owner: string, content: string, conversationId?: string) =>
      repository.appendExchange(owner, {
        conversationId,
        title: content,
        user: { content },
        assistant: { content: `re: ${content}` },
      });

    // Submitted together, so the group commit writes several users' exchanges in one statement.
    const started = await Promise.all(['cat', 'dan', 'eve', 'cat'].map((owner, i) => say(owner, `hello ${i}`)));
    expect(started.every(Boolean)).toBe(true);
    const [cats, dans] = [started[0]!.conversationId, started[1]!.conversationId];
    // The first goes alone; the other three wait for it and are written together, Eve's forged append beside Cat's own.
    const appended = await Promise.all([
      say('dan', 'again', dans),
      say('cat', 'again', cats),
      say('eve', 'not yours', cats),
      say('eve', 'mine', started[2]!.conversationId),
    ]);
    expect(appended.map(Boolean)).toEqual([true, true, false, true]);
    expect(
      (await admin.query(`SELECT count(*)::int AS n FROM "${ctx.db.schema}".chat_messages WHERE content = 'not yours'`))
        .rows[0].n,
    ).toBe(0);

    expect((await repository.history('cat', cats, 10))!.map((message) => message.content)).toEqual([
      'hello 0',
      're: hello 0',
      'again',
      're: again',
    ]);
    expect(
      (await repository.history('eve', started[2]!.conversationId, 10))!.map((message) => message.content),
    ).toEqual(['hello 2', 're: hello 2', 'mine', 're: mine']);
    expect(await repository.history('eve', cats, 10)).toBeUndefined();
    expect((await repository.list('cat', { limit: 10, offset: 0 })).total).toBe(2);
  });
});
