import type { MessageReply } from './schemas.ts';
import type { ChatEvent } from './toolCallLog.ts';
import { toolCallJson } from './toolCallJson.ts';

/** A reply's JSON in three parts: the ids, the answer's text, then the tool calls and usage. */
const messageReplyParts = (reply: MessageReply): [string, string, string] => [
  `{"conversation_id":${JSON.stringify(reply.conversation_id)},"message_id":${JSON.stringify(reply.message_id)},"reply":`,
  JSON.stringify(reply.reply),
  `,"tool_calls":[${reply.tool_calls.map(toolCallJson).join(',')}],"usage":${JSON.stringify(reply.usage)}}`,
];

/**
 * What the chat sends, as JSON: byte for byte what JSON.stringify writes, except that each tool call
 * is written from its texts (toolCallJson.ts), so a result the registry wrote once is not written
 * again. A result is most of a reply, and writing it most of the cost of writing one.
 */
export const messageReplyJson = (reply: MessageReply): string => messageReplyParts(reply).join('');

/**
 * The same bytes as UTF-8, each part encoded on its own: one character past Latin-1 in the answer
 * ("−0.09 %") makes a string holding it two bytes a character, and joined, the tool results with it
 * (most of the reply), which then cost several times as much to measure and encode as they would alone.
 */
export const messageReplyBody = (reply: MessageReply): Buffer =>
  Buffer.concat(messageReplyParts(reply).map((part) => Buffer.from(part, 'utf8')));

/** An event's data (the event without its type); a finished call's is the call with its id first. */
export function chatEventJson(event: ChatEvent): string {
  if (event.type === 'tool-call-end') return `{"id":${JSON.stringify(event.id)},${toolCallJson(event.call).slice(1)}`;
  const { type: _type, ...data } = event;
  return JSON.stringify(data);
}
