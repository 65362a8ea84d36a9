import { isCiphertext, type TextCipher } from '../secrets/index.ts';
import type { ChatRepository } from './repository.ts';
import type { StoredToolCall } from './schemas.ts';
import type { ConversationRow, MessageRow } from './table.ts';

/**
 * A tool call's arguments and result as they are sealed: their JSON text. A value already sealed is
 * kept; anything else (rows written before encryption at rest) is its JSON.
 */
export const toolCallTexts = (calls: readonly StoredToolCall[]): string[] =>
  calls.flatMap((call) => [call.arguments, call.result]).map(sealedOrJson);

const sealedOrJson = (value: unknown) =>
  typeof value === 'string' && isCiphertext(value) ? value : JSON.stringify(value ?? null);

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
