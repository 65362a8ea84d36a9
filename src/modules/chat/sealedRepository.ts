import { hasUnsafeText, stripUnsafeStrings } from '../../core/text.ts';
import { isCiphertext, type TextCipher } from '../secrets/index.ts';
import { bundledCalls, bundleOf, openBundle, titleOf } from './messageBundle.ts';
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
 * write or read), and are plaintext again when read. A message is sealed as one value with its tool
 * calls, and the first with its conversation's title (messageBundle.ts). Rows written before are read as they are: those written before
 * encryption at rest until `secrets rewrap` seals them, those with each value sealed apart for good.
 */
export function sealedChatRepository(inner: ChatRepository, cipher: TextCipher): ChatRepository {
  /** Opens what was read; without `results`, the tool calls' results are null (the history reads none). */
  async function openAll(conversations: ConversationRow[], messages: MessageRow[], results = true) {
    // Values sealed one by one: rows stored before bundles (messageBundle.ts) or before encryption at rest.
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
      conversations: conversations.map((c, i) => ({ ...c, title: titleOf(titles[i]!) })),
      messages: messages.map((m, i) => {
        const content = contents[i]!;
        const bundle = openBundle(content, m.toolCalls, results);
        if (bundle) return { ...m, ...bundle };
        return { ...m, content, toolCalls: withToolCallTexts(m.toolCalls, calls[i]!.map(callValue)) };
      }),
    };
  }

  return {
    async history(owner, conversationId, limit) {
      const rows = await inner.history(owner, conversationId, limit);
      return rows && (await openAll([], rows, false)).messages;
    },
    async appendExchange(owner, exchange) {
      const { user, assistant } = exchange;
      // Only a new conversation stores its title, sealed with its first message: the column holds that ciphertext.
      const fresh = exchange.conversationId === undefined;
      const [question, answer] = (await cipher.encrypt([
        bundleOf(user.content, user.toolCalls, fresh ? exchange.title : undefined),
        bundleOf(assistant.content, assistant.toolCalls),
      ])) as [string, string];
      return inner.appendExchange(owner, {
        ...exchange,
        title: fresh ? question : '',
        user: { ...user, content: question, toolCalls: user.toolCalls && bundledCalls(user.toolCalls) },
        assistant: {
          ...assistant,
          content: answer,
          toolCalls: assistant.toolCalls && bundledCalls(assistant.toolCalls),
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
