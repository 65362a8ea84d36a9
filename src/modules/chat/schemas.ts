import { z } from 'zod';
import { onlyKnownParameters } from '../../core/http/knownParameters.ts';
import { queryInteger } from '../../core/http/queryValues.ts';
import { SUBJECT_MAX_CHARS } from '../../core/auth/auth.ts';

/** Token counts of one exchange, summed over every model step. */
const usageSchema = z
  .object({ input_tokens: z.number().int(), output_tokens: z.number().int(), total_tokens: z.number().int() })
  .meta({ id: 'ChatUsage' });
export type Usage = z.infer<typeof usageSchema>;

/** One tool the model called: the chat name it used, what it sent, and what came back. */
const toolCallSchema = z
  .object({
    name: z.string(),
    arguments: z.unknown(),
    result: z.unknown(),
    is_error: z.boolean(),
    duration_ms: z.number(),
  })
  .meta({ id: 'ChatToolCall' });
export type StoredToolCall = z.infer<typeof toolCallSchema>;

/**
 * The message limit comes from CHAT_MAX_MESSAGE_CHARS, so the body schema is built per configuration.
 * Unknown fields are refused, as the feed refuses unknown parameters: a misspelt one would be ignored.
 */
export function messageBodySchema(maxChars: number) {
  return onlyKnownParameters(
    {
      message: z
        .string()
        .trim()
        .min(1, { message: 'must not be empty' })
        .max(maxChars, { message: `must be at most ${maxChars} characters` }),
      conversation_id: z.uuid({ message: 'must be a UUID' }).optional(),
      tools: z
        .array(z.string().min(1).max(100))
        .min(1, { message: 'give at least one tool, or leave tools out' })
        .max(100)
        .optional(),
      /** Acting for another user: honoured only for the service and admin roles. */
      user_id: z.string().trim().min(1).max(SUBJECT_MAX_CHARS).optional(),
      stream: z.boolean().optional(),
    },
    'field',
  );
}
export type MessageBody = z.infer<ReturnType<typeof messageBodySchema>>;

export const messageReplySchema = z
  .object({
    conversation_id: z.uuid(),
    message_id: z.uuid(),
    reply: z.string(),
    tool_calls: z.array(toolCallSchema),
    usage: usageSchema,
  })
  .meta({ id: 'ChatReply' });
export type MessageReply = z.infer<typeof messageReplySchema>;

export const toolRunBodySchema = onlyKnownParameters(
  {
    tool_name: z.string().trim().min(1).max(100),
    parameters: z.record(z.string(), z.unknown()).default({}),
  },
  'field',
);

export const toolRunReplySchema = z
  .object({ tool_name: z.string(), result: z.unknown(), duration_ms: z.number() })
  .meta({ id: 'ChatToolRun' });

const storedMessageSchema = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  tool_calls: z.array(toolCallSchema),
  usage: usageSchema.nullable(),
  created_at: z.string(),
});

const conversationSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const conversationSchema = conversationSummarySchema
  .extend({ messages: z.array(storedMessageSchema) })
  .meta({ id: 'ChatConversation' });
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListQuerySchema = onlyKnownParameters(
  {
    page: queryInteger(1, 100_000).default(1),
    size: queryInteger(1, 100).default(20),
  },
  'parameter',
);

export const conversationPageSchema = z
  .object({ items: z.array(conversationSummarySchema), page: z.number(), size: z.number(), total: z.number() })
  .meta({ id: 'ChatConversationPage' });
export type ConversationPage = z.infer<typeof conversationPageSchema>;

export const conversationParamsSchema = z.object({ id: z.uuid({ message: 'must be a UUID' }) });
