import { sql, type SQL } from 'drizzle-orm';
import type { Drizzle } from '../../core/db/database.ts';
import type { NewMessage, StoredExchange } from './repository.ts';

export type Executor = Pick<Drizzle, 'execute'>;

/**
 * Stores a user message and its reply in one statement: `conversation` is
 * the CTE that creates or touches the conversation (returning its id), and
 * both messages are derived from it and from `owner`, which sets the
 * row-level-security user first. One round trip instead of five is most of
 * what a chat message costs the database.
 */
export async function storeExchange(db: Executor, owner: string, conversation: SQL, user: NewMessage, assistant: NewMessage): Promise<StoredExchange | undefined> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const result = (await db.execute(sql`
    WITH owner AS MATERIALIZED (SELECT set_config('alphanest.user_id', ${owner}, true) AS user_id),
    conversation AS (${conversation}),
    stored AS (
      INSERT INTO chat_messages (conversation_id, user_id, role, content, tool_calls, usage)
      SELECT conversation.id, owner.user_id, m.role, m.content, m.tool_calls, m.usage
      FROM conversation, owner, (VALUES
        (1, 'user', ${user.content}, ${json(user.toolCalls ?? [])}::jsonb, ${json(user.usage)}::jsonb),
        (2, 'assistant', ${assistant.content}, ${json(assistant.toolCalls ?? [])}::jsonb, ${json(assistant.usage)}::jsonb)
      ) AS m(position, role, content, tool_calls, usage)
      ORDER BY m.position
      RETURNING id, role, conversation_id)
    SELECT id, role, conversation_id FROM stored`)) as unknown as { rows: Array<{ id: string; role: 'user' | 'assistant'; conversation_id: string }> };
  const byRole = new Map(result.rows.map((row) => [row.role, row]));
  const [stored, reply] = [byRole.get('user'), byRole.get('assistant')];
  return stored && reply && { conversationId: stored.conversation_id, userMessageId: stored.id, assistantMessageId: reply.id };
}
