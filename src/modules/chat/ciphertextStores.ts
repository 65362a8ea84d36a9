import { asc, gt, sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import type { CiphertextStore } from '../secrets/index.ts';
import { textsInContent } from './messageBundle.ts';
import { withToolCallTexts } from './sealedRepository.ts';
import { toolCallTexts } from './toolCallJson.ts';
import { chatConversations as c, chatMessages as m } from './table.ts';

type Rows = { rows: Array<Record<string, unknown>> };

/**
 * Row-level security (FORCEd, see table.ts) hides every row from a walk that acts for no user: a role
 * that is not a superuser would see nothing and report nothing to do. It is refused instead.
 */
async function checkSeesEveryRow(db: Database) {
  const { rows } = (await db.drizzle.execute(
    sql`SELECT rolsuper OR rolbypassrls AS sees FROM pg_roles WHERE rolname = current_user`,
  )) as unknown as Rows;
  if (!rows[0]?.sees)
    throw new Error(
      'secrets rewrap: the chat tables have row-level security; run it as a role that bypasses it (a superuser or BYPASSRLS)',
    );
}

/**
 * The chat's sealed columns for `secrets rewrap`: conversation titles, message contents and the tool
 * calls' arguments and results where a call carries them, walked in id order. A row is written only where it still holds what was
 * read, so a conversation renamed or deleted meanwhile is left as it is.
 */
export function chatCiphertextStores(db: Database): CiphertextStore[] {
  const d = db.drizzle;
  const conversations: CiphertextStore = {
    name: 'chat_conversations',
    async resealPage(after, limit, reseal) {
      if (after === null) await checkSeesEveryRow(db);
      const rows = await d
        .select({ id: c.id, title: c.title })
        .from(c)
        .where(after === null ? undefined : gt(c.id, after))
        .orderBy(asc(c.id))
        .limit(limit);
      const titles = await reseal(rows.map((row) => row.title));
      const changed = rows
        .map((row, i) => ({ id: row.id, was: row.title, title: titles[i]! }))
        .filter((row) => row.title !== row.was);
      const written = changed.length
        ? ((await d.execute(sql`
            UPDATE ${c} SET title = u.title
            FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS u(id uuid, was text, title text)
            WHERE ${c.id} = u.id AND ${c.title} = u.was`)) as unknown as {
            rowCount?: number | null;
            affectedRows?: number;
          })
        : undefined;
      return { last: rows.at(-1)?.id ?? null, rewritten: rowCount(written) };
    },
  };
  const messages: CiphertextStore = {
    name: 'chat_messages',
    async resealPage(after, limit, reseal) {
      if (after === null) await checkSeesEveryRow(db);
      const rows = await d
        .select({ id: m.id, content: m.content, toolCalls: m.toolCalls })
        .from(m)
        .where(after === null ? undefined : gt(m.id, after))
        .orderBy(asc(m.id))
        .limit(limit);
      // A bundle's calls carry no texts: their arguments and results are sealed in the content (messageBundle.ts).
      const texts = (row: (typeof rows)[number]) =>
        row.toolCalls.every(textsInContent) ? [] : toolCallTexts(row.toolCalls);
      const stored = rows.map((row) => [row.content, ...texts(row)]);
      const resealed = await reseal(stored.flat());
      const changed = rows.flatMap((row, i) => {
        const values = resealed.splice(0, stored[i]!.length);
        if (values.every((value, j) => value === stored[i]![j])) return [];
        return [
          {
            id: row.id,
            was: row.content,
            content: values[0]!,
            tool_calls: values.length > 1 ? withToolCallTexts(row.toolCalls, values.slice(1)) : row.toolCalls,
          },
        ];
      });
      const written = changed.length
        ? ((await d.execute(sql`
            UPDATE ${m} SET content = u.content, tool_calls = u.tool_calls
            FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS u(id uuid, was text, content text, tool_calls jsonb)
            WHERE ${m.id} = u.id AND ${m.content} = u.was`)) as unknown as {
            rowCount?: number | null;
            affectedRows?: number;
          })
        : undefined;
      return { last: rows.at(-1)?.id ?? null, rewritten: rowCount(written) };
    },
  };
  return [conversations, messages];
}

/** Rows an UPDATE changed: node-postgres says rowCount, PGlite affectedRows. */
const rowCount = (result: { rowCount?: number | null; affectedRows?: number } | undefined) =>
  result?.rowCount ?? result?.affectedRows ?? 0;
