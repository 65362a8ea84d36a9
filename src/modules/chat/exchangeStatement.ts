import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { NewExchange, StoredExchange } from './repository.ts';

/** The users a batch writes for, as row-level security reads them (see table.ts). */
export const actingUsers = (owners: Iterable<string>) => JSON.stringify([...new Set(owners)]);

export interface ExchangeBatch {
  statement: SQL;
  /** Each exchange's ids, from the message ids the statement returned; undefined where nothing was stored. */
  stored(rows: Array<Record<string, unknown>>): Array<StoredExchange | undefined>;
}

/**
 * The statement that stores a batch of exchanges (each a user message and
 * its reply) at once: conversations without an id are created, the others touched
 * where they are their owner's, and both messages of every exchange whose
 * conversation was created or touched are inserted, in submission order.
 * Ids are made here, so each exchange finds its rows without matching them
 * back. An exchange for a conversation that is not its owner's (or was just
 * deleted) stores nothing and comes back undefined.
 *
 * The statement first sets the batch's users for row-level security; the
 * inserts read every row from that CTE, so the setting is in place before
 * any row is checked. The scan of existing conversations may run before it,
 * so a batch that touches any must run in a transaction that set the users
 * beforehand. The statement text is the same for every batch (the batch is
 * one JSON parameter), so it can be prepared once per connection.
 */
export function exchangeBatch(batch: NewExchange[]): ExchangeBatch {
  const json = (value: unknown) => (value === undefined ? null : value);
  const rows = batch.map(({ owner, conversationId, title, user, assistant }, n) => ({
    n,
    owner,
    conversation_id: conversationId ?? randomUUID(),
    fresh: conversationId === undefined,
    title,
    question_id: randomUUID(),
    question: user.content,
    question_tool_calls: user.toolCalls ?? [],
    question_usage: json(user.usage),
    answer_id: randomUUID(),
    answer: assistant.content,
    answer_tool_calls: assistant.toolCalls ?? [],
    answer_usage: json(assistant.usage),
  }));
  const statement = sql`
    WITH batch AS MATERIALIZED (
      SELECT b.*, set_config('alphanest.user_ids', ${actingUsers(batch.map((e) => e.owner))}, true) AS acting
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS b(
        n int, owner text, conversation_id uuid, fresh boolean, title text,
        question_id uuid, question text, question_tool_calls jsonb, question_usage jsonb,
        answer_id uuid, answer text, answer_tool_calls jsonb, answer_usage jsonb)),
    touched AS (
      UPDATE chat_conversations c SET updated_at = now() FROM batch
      WHERE NOT batch.fresh AND c.id = batch.conversation_id AND c.user_id = batch.owner
      RETURNING c.id, c.user_id),
    created AS (
      INSERT INTO chat_conversations (id, user_id, title) SELECT conversation_id, owner, title FROM batch WHERE fresh RETURNING id, user_id),
    stored AS (
      INSERT INTO chat_messages (id, conversation_id, user_id, role, content, tool_calls, usage)
      SELECT m.id, batch.conversation_id, batch.owner, m.role, m.content, m.tool_calls, m.usage
      FROM batch
      -- By owner too: another user's exchange for the same conversation may be in the batch.
      JOIN (SELECT id, user_id FROM touched UNION ALL SELECT id, user_id FROM created) AS ok ON ok.id = batch.conversation_id AND ok.user_id = batch.owner
      CROSS JOIN LATERAL (VALUES
        (1, batch.question_id, 'user', batch.question, batch.question_tool_calls, batch.question_usage),
        (2, batch.answer_id, 'assistant', batch.answer, batch.answer_tool_calls, batch.answer_usage)
      ) AS m(position, id, role, content, tool_calls, usage)
      ORDER BY batch.n, m.position
      RETURNING id)
    SELECT id FROM stored`;
  return {
    statement,
    stored(returned) {
      const inserted = new Set(returned.map((row) => row.id));
      return rows.map((row) =>
        inserted.has(row.answer_id)
          ? { conversationId: row.conversation_id, userMessageId: row.question_id, assistantMessageId: row.answer_id }
          : undefined,
      );
    },
  };
}
