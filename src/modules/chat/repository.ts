import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { createBatchWriter } from '../../core/batchWriter.ts';
import type { Database, Drizzle } from '../../core/db/database.ts';
import type { Metrics } from '../../core/metrics.ts';
import type { StoredToolCall, Usage } from './schemas.ts';
import { chatConversations as c, chatMessages as m, type ConversationRow, type MessageRow } from './table.ts';
import { actingUsers, exchangeBatch } from './exchangeStatement.ts';

/** Exchanges per statement at most, which bounds its JSON parameter (an answer with its tool results can be tens of KB). */
const MAX_BATCH = 64;

interface NewMessage {
  content: string;
  toolCalls?: StoredToolCall[];
  usage?: Usage;
}

export interface NewExchange {
  owner: string;
  /** Absent: a new conversation, titled `title`. */
  conversationId?: string;
  title: string;
  user: NewMessage;
  assistant: NewMessage;
}

export interface StoredExchange {
  conversationId: string;
  userMessageId: string;
  assistantMessageId: string;
}

/**
 * Every read and write of conversations. Each call is scoped to its owner
 * twice: the owner filter in every query, and (on PostgreSQL, for roles that
 * are not superusers) row-level security keyed on `alphanest.user_ids`,
 * which each transaction sets for itself: the owner for a read, the users of
 * the batch for a write. Exchanges are written by group commit: those that
 * arrive while a batch is being written go together in the next one.
 */
export interface ChatRepository {
  /**
   * The latest `limit` messages of a conversation, oldest first, as the next message reads them: their tool
   * calls without results (null), since what earlier calls returned is read again by no engine, and opening
   * each stored result costs a decryption. Undefined when it isn't the owner's.
   */
  history(owner: string, conversationId: string, limit: number): Promise<MessageRow[] | undefined>;
  /**
   * Stores a user message and its reply together, creating the conversation
   * (with `title`) when no id is given. Undefined when the conversation isn't
   * the owner's (or was deleted meanwhile).
   */
  appendExchange(owner: string, exchange: Omit<NewExchange, 'owner'>): Promise<StoredExchange | undefined>;
  conversation(
    owner: string,
    id: string,
  ): Promise<{ conversation: ConversationRow; messages: MessageRow[] } | undefined>;
  list(owner: string, window: { limit: number; offset: number }): Promise<{ rows: ConversationRow[]; total: number }>;
  remove(owner: string, id: string): Promise<boolean>;
}

type Transaction = Parameters<Parameters<Drizzle['transaction']>[0]>[0];

export function createChatRepository(db: Database, metrics: Metrics): ChatRepository {
  const setUsers = (tx: Transaction, owners: Iterable<string>) =>
    tx.execute(sql`select set_config('alphanest.user_ids', ${actingUsers(owners)}, true)`);
  const asOwner = <T>(query: string, owner: string, work: (tx: Transaction) => Promise<T>): Promise<T> => {
    metrics.dbQueries.inc({ query: `chat.${query}` });
    return db.drizzle.transaction(async (tx) => {
      await setUsers(tx, [owner]);
      return work(tx);
    });
  };
  const owns = async (tx: Transaction, owner: string, id: string) =>
    (
      await tx
        .select({ id: c.id })
        .from(c)
        .where(and(eq(c.id, id), eq(c.userId, owner)))
        .limit(1)
    ).length === 1;
  const messagesOf = (tx: Transaction, owner: string, id: string) =>
    tx
      .select()
      .from(m)
      .where(and(eq(m.conversationId, id), eq(m.userId, owner)))
      .orderBy(asc(m.seq));

  const appendBatch = createBatchWriter(async (batch: NewExchange[]) => {
    metrics.dbQueries.inc({ query: 'chat.store_exchanges' });
    const { statement, stored } = exchangeBatch(batch);
    // Only new conversations: one statement is one transaction, and it sets the users before any row is checked.
    if (batch.every((exchange) => exchange.conversationId === undefined))
      return stored((await db.prepared('chat_store_exchanges', statement)).rows);
    // Existing conversations are read by the statement's UPDATE, so the users are set beforehand.
    return db.drizzle.transaction(async (tx) => {
      await setUsers(
        tx,
        batch.map((exchange) => exchange.owner),
      );
      return stored(((await tx.execute(statement)) as unknown as { rows: Array<Record<string, unknown>> }).rows);
    });
  }, MAX_BATCH);

  return {
    history: (owner, conversationId, limit) =>
      asOwner('history', owner, async (tx) => {
        if (!(await owns(tx, owner, conversationId))) return undefined;
        const latest = await tx
          .select()
          .from(m)
          .where(and(eq(m.conversationId, conversationId), eq(m.userId, owner)))
          .orderBy(desc(m.seq))
          .limit(limit);
        return latest.reverse().map((row) => ({
          ...row,
          toolCalls: row.toolCalls.map((call) => ({ ...call, result: null })),
        }));
      }),

    appendExchange: (owner, exchange) => appendBatch({ owner, ...exchange }),

    conversation: (owner, id) =>
      asOwner('conversation', owner, async (tx) => {
        const [conversation] = await tx
          .select()
          .from(c)
          .where(and(eq(c.id, id), eq(c.userId, owner)))
          .limit(1);
        return conversation && { conversation, messages: await messagesOf(tx, owner, id) };
      }),

    list: (owner, { limit, offset }) =>
      asOwner('list', owner, async (tx) => {
        const rows = await tx
          .select()
          .from(c)
          .where(eq(c.userId, owner))
          .orderBy(desc(c.updatedAt), desc(c.id))
          .limit(limit)
          .offset(offset);
        const [counted] = await tx.select({ total: count() }).from(c).where(eq(c.userId, owner));
        return { rows, total: counted?.total ?? 0 };
      }),

    remove: (owner, id) =>
      asOwner(
        'remove',
        owner,
        async (tx) =>
          (
            await tx
              .delete(c)
              .where(and(eq(c.id, id), eq(c.userId, owner)))
              .returning({ id: c.id })
          ).length === 1,
      ),
  };
}
