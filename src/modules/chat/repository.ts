import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../../core/db/database.ts';
import type { Metrics } from '../../core/metrics.ts';
import type { StoredToolCall, Usage } from './schemas.ts';
import { chatConversations as c, chatMessages as m, type ConversationRow, type MessageRow } from './table.ts';
import { storeExchange } from './exchangeStatement.ts';

export interface NewMessage {
  content: string;
  toolCalls?: StoredToolCall[];
  usage?: Usage;
}

export interface StoredExchange {
  conversationId: string;
  userMessageId: string;
  assistantMessageId: string;
}

/**
 * Every read and write of conversations. Each call is scoped to one owner
 * twice: the owner filter in every query, and (on PostgreSQL, for roles that
 * are not superusers) row-level security keyed on `alphanest.user_id`, which
 * each transaction sets for itself.
 */
export interface ChatRepository {
  /** The latest `limit` messages of a conversation, oldest first; undefined when it isn't the owner's. */
  history(owner: string, conversationId: string, limit: number): Promise<MessageRow[] | undefined>;
  /**
   * Stores a user message and its reply in one transaction, creating the
   * conversation (with `title`) when no id is given. Undefined when the
   * conversation isn't the owner's (or was deleted meanwhile).
   */
  appendExchange(owner: string, exchange: { conversationId?: string; title: string; user: NewMessage; assistant: NewMessage }): Promise<StoredExchange | undefined>;
  conversation(owner: string, id: string): Promise<{ conversation: ConversationRow; messages: MessageRow[] } | undefined>;
  list(owner: string, window: { limit: number; offset: number }): Promise<{ rows: ConversationRow[]; total: number }>;
  remove(owner: string, id: string): Promise<boolean>;
}

type Transaction = Parameters<Parameters<Drizzle['transaction']>[0]>[0];

export function createChatRepository(db: Database, metrics: Metrics): ChatRepository {
  const asOwner = <T>(query: string, owner: string, work: (tx: Transaction) => Promise<T>): Promise<T> => {
    metrics.dbQueries.inc({ query: `chat.${query}` });
    return db.drizzle.transaction(async (tx) => {
      await tx.execute(sql`select set_config('alphanest.user_id', ${owner}, true)`);
      return work(tx);
    });
  };
  const owns = async (tx: Transaction, owner: string, id: string) =>
    (await tx.select({ id: c.id }).from(c).where(and(eq(c.id, id), eq(c.userId, owner))).limit(1)).length === 1;
  const messagesOf = (tx: Transaction, owner: string, id: string) =>
    tx.select().from(m).where(and(eq(m.conversationId, id), eq(m.userId, owner))).orderBy(asc(m.seq));

  return {
    history: (owner, conversationId, limit) =>
      asOwner('history', owner, async (tx) => {
        if (!(await owns(tx, owner, conversationId))) return undefined;
        const latest = await tx.select().from(m).where(and(eq(m.conversationId, conversationId), eq(m.userId, owner))).orderBy(desc(m.seq)).limit(limit);
        return latest.reverse();
      }),

    appendExchange(owner, { conversationId, title, user, assistant }) {
      if (conversationId !== undefined) {
        // The conversation row is read by the UPDATE, so the user must be set before the statement runs.
        const touch = sql`UPDATE chat_conversations SET updated_at = now() WHERE id = ${conversationId} AND user_id = ${owner} RETURNING id`;
        return asOwner('append_exchange', owner, (tx) => storeExchange(tx, owner, touch, user, assistant));
      }
      // A new conversation needs no surrounding transaction: every row is derived from the `owner`
      // CTE, so the user is set before any row-level check, and one statement is one transaction.
      metrics.dbQueries.inc({ query: 'chat.start_conversation' });
      const create = sql`INSERT INTO chat_conversations (user_id, title) SELECT user_id, ${title} FROM owner RETURNING id`;
      return storeExchange(db.drizzle, owner, create, user, assistant);
    },

    conversation: (owner, id) =>
      asOwner('conversation', owner, async (tx) => {
        const [conversation] = await tx.select().from(c).where(and(eq(c.id, id), eq(c.userId, owner))).limit(1);
        return conversation && { conversation, messages: await messagesOf(tx, owner, id) };
      }),

    list: (owner, { limit, offset }) =>
      asOwner('list', owner, async (tx) => {
        const rows = await tx.select().from(c).where(eq(c.userId, owner)).orderBy(desc(c.updatedAt), desc(c.id)).limit(limit).offset(offset);
        const [{ total }] = await tx.select({ total: count() }).from(c).where(eq(c.userId, owner));
        return { rows, total };
      }),

    remove: (owner, id) =>
      asOwner('remove', owner, async (tx) => (await tx.delete(c).where(and(eq(c.id, id), eq(c.userId, owner))).returning({ id: c.id })).length === 1),
  };
}
