import type { MessageReply } from './schemas.ts';
import type { ChatEvent } from './toolCallLog.ts';
import { toolCallJson } from './toolCallJson.ts';

/**
 * What the chat sends, as JSON: byte for byte what JSON.stringify writes, except that each tool call
 * is written from its texts (toolCallJson.ts), so a result the registry wrote once is not written
 * again. A result is most of a reply, and writing it most of the cost of writing one.
 */
export const messageReplyJson = (reply: MessageReply): string =>
  `{"conversation_id":${JSON.stringify(reply.conversation_id)},"message_id":${JSON.stringify(reply.message_id)},` +
  `"reply":${JSON.stringify(reply.reply)},"tool_calls":[${reply.tool_calls.map(toolCallJson).join(',')}],` +
  `"usage":${JSON.stringify(reply.usage)}}`;

/** An event's data (the event without its type); a finished call's is the call with its id first. */
export function chatEventJson(event: ChatEvent): string {
  if (event.type === 'tool-call-end') return `{"id":${JSON.stringify(event.id)},${toolCallJson(event.call).slice(1)}`;
  const { type: _type, ...data } = event;
  return JSON.stringify(data);
}
