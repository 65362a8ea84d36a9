import { z } from 'zod';
import { findUnsafeInput } from '../../core/text.ts';
import { EVENT_TYPES, SENTIMENT_LABELS } from '../analysis/index.ts';
import { onlyKnownParameters } from '../../core/http/knownParameters.ts';
import { itemTypes, valueList, wordList, type Item } from '../intelligence/index.ts';

/** The JSON text frames of `WS /ws/v1/intelligence/`; docs/stream.md describes them with examples. */

const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be an agent id (see GET /api/v1/agents)' });

/**
 * What an item must match, beside its agents: the feed's filters (`GET /api/v1/intelligence/`) under
 * the stream's plural names. Lists are JSON arrays or comma-separated strings and match any of their
 * values (`exclude_agents`: none of them); tokens are tickers, coin names, CoinGecko ids or contract
 * addresses. Unknown names are refused. The feed's `agent` is the stream's `agents` (beside the filters,
 * changed by follow_agent); `keyword`, `since` and `until` are not offered (docs/stream.md says why).
 */
const filtersSchema = onlyKnownParameters(
  {
    types: wordList(itemTypes).optional(),
    high_value: z.boolean().optional(),
    tokens: valueList(z.string().max(100), 50).optional(),
    /** Leaves out the items any of these agents delivered, as the feed's `exclude_agent` (catalogue agents: session.ts). */
    exclude_agents: valueList(agentId, 20).optional(),
    sentiments: wordList(SENTIMENT_LABELS).optional(),
    events: wordList(EVENT_TYPES).optional(),
    min_value: z.number().int().min(0).max(100).optional(),
  },
  'filter',
);
export type FiltersInput = z.output<typeof filtersSchema>;

const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    token: z.string().min(1).max(8_192).optional(),
    agents: z.array(agentId).max(1_000).optional(),
    filters: filtersSchema.optional(),
    since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Receive the messages of one write as one `batch` frame (the ack of `init` says whether it is on). */
    batch: z.boolean().optional(),
  }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('follow_agent'), agent_id: agentId }),
  z.object({ type: z.literal('unfollow_agent'), agent_id: agentId }),
]);
export type ClientMessage = z.output<typeof clientMessageSchema>;

export interface ProtocolError {
  code: string;
  message: string;
  field?: string;
}

export type Parsed = { message: ClientMessage } | { error: ProtocolError };

export function parseClientMessage(data: Buffer, isBinary: boolean): Parsed {
  if (isBinary) return { error: { code: 'invalid_frame', message: 'send JSON text frames, not binary' } };
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    return { error: { code: 'invalid_json', message: 'the frame is not valid JSON' } };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { error: { code: 'invalid_message', message: 'a frame must be a JSON object with a type' } };
  }
  // What the HTTP input guard refuses (prototype keys, NUL, lone surrogates) is refused here too, not dropped unseen.
  const unsafe = findUnsafeInput(json, '');
  if (unsafe)
    return { error: { code: 'invalid_message', message: `${unsafe.field}: ${unsafe.message}`, field: unsafe.field } };
  const result = clientMessageSchema.safeParse(json);
  if (result.success) return { message: result.data };
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || 'type';
  // Only the union of frames is told apart by `type`; a union inside a frame (a list filter) says what it expects.
  const message = field === 'type' ? 'must be init, ping, follow_agent or unfollow_agent' : issue.message;
  return { error: { code: 'invalid_message', message: `${field}: ${message}`, field } };
}

/**
 * Server → client frames. `message` frames are built once per item and shared by every receiver;
 * `batch` frames (coalescing.ts) are built from them. The ack of `init` carries where delivery starts
 * and whether batches are on: its `batch` field is how a client learns the server offers them.
 */
export const serverFrames = {
  ack: (of: ClientMessage['type'], subscription: object, init?: { offset: number; batch: boolean }) =>
    JSON.stringify({ type: 'ack', of, subscription, ...init }),
  heartbeat: (now: number) => `{"type":"heartbeat","ts":"${new Date(now).toISOString()}"}`,
  error: (error: ProtocolError) => JSON.stringify({ type: 'error', ...error }),
  reset: (offset: number) => JSON.stringify({ type: 'reset', offset }),
  message: (item: Item) => Buffer.from(`{"type":"message","offset":${item.offset},"data":${JSON.stringify(item)}}`),
};

/** WebSocket close codes the server uses; clients reconnect with `since` after any of them. */
export const closeCodes = {
  /** Too many frames per second, or too many invalid frames in a row. */
  policyViolation: 1008,
  /** A frame over STREAM_MAX_FRAME_BYTES (sent by the WebSocket layer itself). */
  tooBig: 1009,
  /** The server could not read the database to resume; reconnect later. */
  internalError: 1011,
  /** The node is shutting down; reconnect (to another node) with `since`. */
  serviceRestart: 1012,
  /** Nothing received for STREAM_HEARTBEAT_TIMEOUT_SECONDS. */
  heartbeatTimeout: 4000,
  /** The token the connection signed in with stopped verifying; reconnect with a fresh one. */
  tokenExpired: 4001,
  /** More than STREAM_SEND_BUFFER_BYTES waiting to be sent: the client does not read fast enough. */
  slowConsumer: 4008,
} as const;
