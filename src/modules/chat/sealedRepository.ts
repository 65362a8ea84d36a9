import { hasUnsafeText, stripUnsafeStrings } from '../../core/text.ts';
import { isCiphertext, type TextCipher } from '../secrets/index.ts';
import type { ChatRepository } from './repository.ts';
import type { StoredToolCall } from './schemas.ts';
import type { ConversationRow, MessageRow } from './table.ts';
import { toolCallTexts } from './toolCallJson.ts';

/** NUL and lone surrogates as JSON.stringify writes them: escaped (a false alarm costs only the full walk). */
const UNSAFE_ESCAPE = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

/**
 * The calls without text PostgreSQL cannot store (NUL, unpaired surrogates), for what a model or a tool
 * returned: each call is read through its JSON, which the sealing then reuses, and walked only when that
 * JSON shows such text.
 */
export const withoutUnsafeText = (calls: readonly StoredToolCall[]): StoredToolCall[] =>
  calls.map((call) =>
    hasUnsafeText(call.name) || toolCallTexts([call]).some((text) => UNSAFE_ESCAPE.test(text))
      ? stripUnsafeStrings(call)
      : call,
  );

/** The calls with their arguments and results replaced by `texts`, in toolCallTexts' order. */
export const withToolCallTexts = (calls: readonly StoredToolCall[], texts: readonly unknown[]): StoredToolCall[] =>
  calls.map((call, i) => ({ ...call, arguments: texts[2 * i], result: texts[2 * i + 1] }));

/**
 * The chat's storage with encryption at rest: titles, message contents and the tools' arguments and
 * results reach the database as transit ciphertext, through the secrets module's cipher (one batch per
 * write or read), and are plaintext again when read. Rows written before are read as they are, until
 * `secrets rewrap` seals them.
 */
export function sealedChatRepository(inner: ChatRepository, cipher: TextCipher): ChatRepository {
  async function openAll(conversations: ConversationRow[], messages: MessageRow[]) {
    const calls = messages.map((m) => m.toolCalls.flatMap((call) => [call.arguments, call.result]));
    const sealedCalls = calls.flat().filter((v): v is string => typeof v === 'string' && isCiphertext(v));
    const opened = await cipher.decrypt([
      ...conversations.map((c) => c.title),
      ...messages.map((m) => m.content),
      ...sealedCalls,
    ]);
    const titles = opened.splice(0, conversations.length);
    const contents = opened.splice(0, messages.length);
    const callValue = (v: unknown) =>
      typeof v === 'string' && isCiphertext(v) ? (JSON.parse(opened.shift()!) as unknown) : v;
    return {
      conversations: conversations.map((c, i) => ({ ...c, title: titles[i]! })),
      messages: messages.map((m, i) => ({
        ...m,
        content: contents[i]!,
        toolCalls: withToolCallTexts(m.toolCalls, calls[i]!.map(callValue)),
      })),
    };
  }
  const openMessages = async (messages: MessageRow[]) => (await openAll([], messages)).messages;

  return {
    async history(owner, conversationId, limit) {
      const rows = await inner.history(owner, conversationId, limit);
      return rows && openMessages(rows);
    },
    async appendExchange(owner, exchange) {
      const userCalls = exchange.user.toolCalls ?? [];
      const answerCalls = exchange.assistant.toolCalls ?? [];
      // Only a new conversation stores its title: sealing one for an existing conversation would be wasted work.
      const fresh = exchange.conversationId === undefined;
      const sealed = await cipher.encrypt([
        ...(fresh ? [exchange.title] : []),
        exchange.user.content,
        exchange.assistant.content,
        ...toolCallTexts(userCalls),
        ...toolCallTexts(answerCalls),
      ]);
      const title = fresh ? sealed.shift()! : '';
      const [question, answer] = sealed.splice(0, 2) as [string, string];
      return inner.appendExchange(owner, {
        ...exchange,
        title,
        user: { ...exchange.user, content: question, toolCalls: withToolCallTexts(userCalls, sealed) },
        assistant: {
          ...exchange.assistant,
          content: answer,
          toolCalls: withToolCallTexts(answerCalls, sealed.slice(userCalls.length * 2)),
        },
      });
    },
    async conversation(owner, id) {
      const found = await inner.conversation(owner, id);
      if (!found) return undefined;
      const opened = await openAll([found.conversation], found.messages);
      return { conversation: opened.conversations[0]!, messages: opened.messages };
    },
    async list(owner, window) {
      const { rows, total } = await inner.list(owner, window);
      return { rows: (await openAll(rows, [])).conversations, total };
    },
    remove: (owner, id) => inner.remove(owner, id),
  };
}
