import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatGateway, readEvents, type ChatGateway } from './support.ts';

describe('chat messages as server-sent events', () => {
  let chat: ChatGateway;
  beforeAll(async () => {
    chat = await startChatGateway({ env: { CHAT_RATE_PER_MINUTE: '3' } });
  });
  afterAll(() => chat?.close());

  const post = async (json: unknown, headers: Record<string, string> = {}) =>
    fetch(`${chat.url}/api/chat/message`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await chat.token('sse-user')}`,
        ...headers,
      },
      body: JSON.stringify(json),
    });

  it('streams tool calls, text deltas and a final event with the stored ids and usage', async () => {
    const response = await post({ message: 'spread for BTC/USDT', stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await readEvents(response);

    const kinds = events.map((e) => e.event);
    expect(kinds.slice(0, 2)).toEqual(['tool-call-start', 'tool-call-end']);
    expect(kinds.at(-1)).toBe('done');
    expect(new Set(kinds.slice(2, -1))).toEqual(new Set(['text-delta']));

    const [start, end] = events;
    const done = events.at(-1)!.data;
    expect(start!.data).toEqual({ id: end!.data.id, name: 'arbitrage__spread', arguments: { symbol: 'BTC/USDT' } });
    expect(end!.data).toEqual({ id: start!.data.id, ...done.tool_calls[0] });
    expect(
      events
        .filter((e) => e.event === 'text-delta')
        .map((e) => e.data.text)
        .join(''),
    ).toBe(done.reply);
    expect(done).toMatchObject({
      conversation_id: expect.any(String),
      message_id: expect.any(String),
      usage: { total_tokens: expect.any(Number) },
    });

    const stored = await chat.get('sse-user', `/conversation/${done.conversation_id}`);
    expect(stored.body.messages[1]).toMatchObject({ id: done.message_id, content: done.reply });
  });

  it('streams when the client asks for text/event-stream', async () => {
    const response = await post({ message: 'what can you do?' }, { accept: 'text/event-stream' });
    const events = await readEvents(response);
    expect(events.map((e) => e.event).at(-1)).toBe('done');
    expect(events.at(-1)!.data.reply).toMatch(/^I can:/);
  });

  it('refuses bad input and limits with a plain JSON error before any stream starts', async () => {
    const bad = await post({ message: '', stream: true });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    expect(bad.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/); // the global limit's, on every answer

    // The limit counts per clock minute, so a minute that ends among these messages starts the count again:
    // posting until refused reaches the limit within two windows' worth (3 + 3 + 1) whenever the run starts.
    let limited = await post({ message: 'hello', stream: true });
    for (let sent = 1; limited.status !== 429 && sent < 7; sent++) {
      await limited.text();
      limited = await post({ message: 'hello', stream: true });
    }
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Not the global limit's headers, which would say requests remain.
    expect(limited.headers.get('x-ratelimit-remaining')).toBeNull();
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
