import { describe, expect, it } from 'vitest';
import type { MessageReply, StoredToolCall } from './schemas.ts';
import { toolCallTexts, withResultJson } from './toolCallJson.ts';
import { chatEventJson, messageReplyBody, messageReplyJson } from './wireJson.ts';

const result = {
  symbol: 'BTC/USDT',
  venues: [{ venue: 'binance', bid: 93005.61, ask: 0.1 + 0.2 }],
  note: 'a "quote" \n ✓ 🚀',
};
const calls = (): StoredToolCall[] => [
  // As the chat logs a successful call: its result's JSON is the registry's.
  withResultJson(
    { name: 'arbitrage__spread', arguments: { symbol: 'BTC/USDT' }, result, is_error: false, duration_ms: 3.351 },
    JSON.stringify(result),
  ),
  {
    name: 'x_tool',
    arguments: '{"not json',
    result: { code: 'invalid_parameters', message: 'é' },
    is_error: true,
    duration_ms: 0,
  },
  { name: 'y_tool', arguments: undefined, result: null, is_error: false, duration_ms: 12 },
];
const reply = (): MessageReply => ({
  conversation_id: '4a8a5d03-a97c-448f-9494-3227577470d7',
  message_id: 'c4b4e866-51b0-46ca-9d0d-d94ad82baea8',
  reply: 'BTC/USDT across 5 venues:\n- binance: bid 93,005.61 — "tight"\t\u2028',
  tool_calls: calls(),
  usage: { input_tokens: 10, output_tokens: 126, total_tokens: 136 },
});

describe('the chat’s JSON on the wire', () => {
  it('writes a reply exactly as JSON.stringify does', () => {
    const written = reply();
    expect(messageReplyJson(written)).toBe(JSON.stringify(written));
    expect(messageReplyJson({ ...written, tool_calls: [] })).toBe(JSON.stringify({ ...written, tool_calls: [] }));
  });

  it('sends a reply as the UTF-8 bytes of that JSON', () => {
    const written = reply();
    expect(messageReplyBody(written).equals(Buffer.from(JSON.stringify(written), 'utf8'))).toBe(true);
  });

  it('writes each event’s data as the stream always sent it', () => {
    const [call] = calls();
    expect(chatEventJson({ type: 'tool-call-end', id: 'local_0', call: call! })).toBe(
      JSON.stringify({ id: 'local_0', ...call }),
    );
    expect(chatEventJson({ type: 'tool-call-start', id: 'local_0', name: 'a', arguments: { b: 1 } })).toBe(
      JSON.stringify({ id: 'local_0', name: 'a', arguments: { b: 1 } }),
    );
    expect(chatEventJson({ type: 'text-delta', text: 'line\n' })).toBe(JSON.stringify({ text: 'line\n' }));
  });

  it('seals the same texts, a value sealed already kept as it is', () => {
    const sealed = 'vault:v1:AAAA';
    const stored: StoredToolCall = { name: 'z', arguments: sealed, result: { a: 1 }, is_error: false, duration_ms: 1 };
    expect(toolCallTexts([...calls(), stored])).toEqual([
      '{"symbol":"BTC/USDT"}',
      JSON.stringify(result),
      '"{\\"not json"',
      '{"code":"invalid_parameters","message":"é"}',
      'null',
      'null',
      sealed,
      '{"a":1}',
    ]);
  });
});
