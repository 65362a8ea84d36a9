import type { StoredToolCall } from './schemas.ts';
import { toolCallJsonTexts } from './toolCallJson.ts';

/**
 * What is sealed of a message as one value: its content with every tool call's arguments and result
 * (the calls are then stored without them: name, is_error, duration_ms), and for the first message of
 * a conversation its title too, whose column holds the same ciphertext. Each value sealed costs about
 * as much as sealing a few kilobytes more, so one seal per message instead of one per value (five for
 * an exchange with one tool call) is most of the sealing an exchange costs.
 *
 * A bundle starts with NUL, which no message's own content or title holds (PostgreSQL text cannot, and
 * what is stored is stripped of it first), so it cannot be taken for words: NUL, a JSON object of the
 * content, the title and each call's arguments, then NUL and the JSON of each call's result. JSON text
 * never holds a raw NUL, so the parts split on it, and a read that needs no results (the history, a
 * title) parses none. A message with neither calls nor title is sealed as its content alone.
 */
const MARK = '\u0000';

interface Head {
  content: string;
  title?: string;
  arguments?: unknown[];
}

/** A stored call whose arguments and result are in its message's sealed content (it carries neither). */
export const textsInContent = (call: StoredToolCall) => !('arguments' in call) && !('result' in call);

/** The plaintext sealed for a message: its content alone, or a bundle when it has calls or a title. */
export function bundleOf(content: string, calls: readonly StoredToolCall[] = [], title?: string): string {
  if (!calls.length && title === undefined) return content;
  let head = `${MARK}{"content":${JSON.stringify(content)}`;
  if (title !== undefined) head += `,"title":${JSON.stringify(title)}`;
  if (!calls.length) return `${head}}`;
  const results: string[] = [];
  const args = calls.map((call) => {
    const texts = toolCallJsonTexts(call);
    results.push(texts.result);
    return texts.arguments;
  });
  return `${head},"arguments":[${args.join(',')}]}${MARK}${results.join(MARK)}`;
}

/** The calls as stored beside a bundle: what is not sealed. */
export const bundledCalls = (calls: readonly StoredToolCall[]): StoredToolCall[] =>
  calls.map(({ name, is_error, duration_ms }) => ({ name, is_error, duration_ms }) as StoredToolCall);

function headOf(bundle: string): Head {
  const end = bundle.indexOf(MARK, 1);
  return JSON.parse(bundle.slice(1, end === -1 ? undefined : end)) as Head;
}

/**
 * The content and calls of a message from its opened plaintext; undefined when the plaintext is the
 * content alone (a message without calls or title, or one stored before bundles). Without `results`,
 * the calls' results are null and not parsed.
 */
export function openBundle(
  plaintext: string,
  calls: readonly StoredToolCall[],
  results: boolean,
): { content: string; toolCalls: StoredToolCall[] } | undefined {
  if (!plaintext.startsWith(MARK)) return undefined;
  const head = headOf(plaintext);
  const resultTexts = results ? plaintext.split(MARK).slice(2) : [];
  return {
    content: head.content,
    toolCalls: calls.map((call, i) => ({
      ...call,
      arguments: head.arguments?.[i] ?? null,
      result: results ? (JSON.parse(resultTexts[i] ?? 'null') as unknown) : null,
    })),
  };
}

/** A conversation's title from its opened plaintext: a bundle's, or the plaintext itself (a title sealed alone). */
export const titleOf = (plaintext: string): string =>
  plaintext.startsWith(MARK) ? (headOf(plaintext).title ?? '') : plaintext;
