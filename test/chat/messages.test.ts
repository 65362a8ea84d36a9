import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/gateway.ts';
import { backends } from '../support/context.ts';
import { startChatGateway, type ChatGateway } from './support.ts';

describe.each(backends)('chat messages over HTTP (%s)', (backend) => {
  let chat: ChatGateway;
  beforeAll(async () => {
    chat = await startChatGateway({
      backend,
      redis: backend === 'postgres',
      env: { CHAT_MAX_MESSAGE_CHARS: '200', CHAT_RATE_PER_MINUTE: '1000' },
    });
  });
  afterAll(() => chat?.close());

  it('answers through the local planner, the tool and the store', async () => {
    const { status, body } = await chat.send('ann', { message: 'spread for BTC/USDT' });
    expect(status).toBe(200);
    expect(body.reply).toMatch(/^BTC\/USDT across 5 venues/);
    expect(body.tool_calls).toEqual([
      {
        name: 'arbitrage__spread',
        arguments: { symbol: 'BTC/USDT' },
        result: expect.objectContaining({ symbol: 'BTC/USDT' }),
        is_error: false,
        duration_ms: expect.any(Number),
      },
    ]);
    expect(body.usage).toEqual({
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
      total_tokens: body.usage.input_tokens + body.usage.output_tokens,
    });

    const stored = await chat.get('ann', `/conversation/${body.conversation_id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ id: body.conversation_id, title: 'Spread for BTC/USDT' });
    expect(stored.body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(stored.body.messages[1]).toMatchObject({
      id: body.message_id,
      content: body.reply,
      tool_calls: body.tool_calls,
      usage: body.usage,
    });
  });

  it('continues a conversation and lists conversations most recently active first, paginated', async () => {
    const first = await chat.send('lee', { message: 'find me arbitrage for ETH/USDT above 0.5%' });
    const second = await chat.send('lee', { message: 'triangular arbitrage on binance' });
    const again = await chat.send('lee', {
      message: 'and the spread for ETH/USDT?',
      conversation_id: first.body.conversation_id,
    });
    expect(again.body.conversation_id).toBe(first.body.conversation_id);

    const page = await chat.get('lee', '/conversations?size=1');
    expect(page.body).toMatchObject({
      page: 1,
      size: 1,
      total: 2,
      items: [{ id: first.body.conversation_id, title: 'Find me arbitrage for ETH/USDT above 0.5%' }],
    });
    const next = await chat.get('lee', '/conversations?size=1&page=2');
    expect(next.body.items).toMatchObject([
      { id: second.body.conversation_id, title: 'Triangular arbitrage on binance' },
    ]);
    for (const name of ['limit', 'cursor']) {
      const refused = await chat.get('lee', `/conversations?${name}=1`);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'invalid_parameter', field: name });
      expect(refused.body.error.message).toContain('unknown parameter; accepted: page, size');
    }
    const thread = await chat.get('lee', `/conversation/${first.body.conversation_id}`);
    expect(thread.body.messages).toHaveLength(4);
  });

  it('keeps each user to their own conversations', async () => {
    const { body } = await chat.send('ivy', { message: 'spread for SOL/USDT' });
    const path = `/conversation/${body.conversation_id}`;
    expect((await chat.get('max', path)).status).toBe(404);
    expect((await chat.get('max', '/conversations')).body).toMatchObject({ total: 0, items: [] });
    expect((await chat.send('max', { message: 'spread for BTC', conversation_id: body.conversation_id })).status).toBe(
      404,
    );
    expect(
      (await http(`${chat.url}/api/chat${path}`, { method: 'DELETE', token: await chat.token('max') })).status,
    ).toBe(404);

    expect(
      (await http(`${chat.url}/api/chat${path}`, { method: 'DELETE', token: await chat.token('ivy') })).status,
    ).toBe(204);
    expect((await chat.get('ivy', path)).status).toBe(404);
  });

  it('lets only service and admin callers act for another user, with that user’s permissions', async () => {
    const denied = await chat.send('ann', { message: 'show my checklist', user_id: 'bob' });
    expect(denied).toMatchObject({ status: 403, body: { error: { code: 'forbidden', field: 'user_id' } } });

    const token = await chat.token('billing-service', 'service');
    const acted = await http(`${chat.url}/api/chat/message`, {
      method: 'POST',
      token,
      json: { message: 'show my checklist', user_id: 'carol' },
    });
    expect(acted.status).toBe(200);
    expect(acted.body.reply).toContain('signed in as carol (user)');
    expect((await chat.get('carol', `/conversation/${acted.body.conversation_id}`)).status).toBe(200);
    // Any user a token may name, one may act for: a subject of 250 characters is a user id too.
    const longSubject = 'u'.repeat(250);
    const forLong = await http(`${chat.url}/api/chat/message`, {
      method: 'POST',
      token,
      json: { message: 'hello', user_id: longSubject },
    });
    expect(forLong.status).toBe(200);
    const tooLong = await http(`${chat.url}/api/chat/message`, {
      method: 'POST',
      token,
      json: { message: 'hello', user_id: 'u'.repeat(257) },
    });
    expect(tooLong).toMatchObject({ status: 400, body: { error: { field: 'user_id' } } });
  });

  it('uses only the tools a message allows', async () => {
    const { body } = await chat.send('ann', { message: 'spread for BTC/USDT', tools: ['arbitrage_lookup'] });
    expect(body.tool_calls).toEqual([]);
    expect(body.reply).toContain("that tool isn't enabled for this message");
    const unknown = await chat.send('ann', { message: 'spread for BTC/USDT', tools: ['arbitrage__spread', 'nope'] });
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_parameter', field: 'tools', message: 'tools: no such tool: nope' } },
    });
  });

  it.each([
    [{ message: '' }, 'message'],
    [{ message: 'x'.repeat(201) }, 'message'],
    [{}, 'message'],
    [{ message: 'hi', conversation_id: 'not-a-uuid' }, 'conversation_id'],
    [{ message: 'hi', tools: 'arbitrage_lookup' }, 'tools'],
    [{ message: 'hi', stream: 'yes' }, 'stream'],
    [{ message: 'price of BTC', extra: 1 }, 'extra'],
    [{ message: 'hi', conversationId: '00000000-0000-4000-8000-000000000000' }, 'conversationId'],
  ])('refuses %j naming the field', async (json, field) => {
    const { status, body } = await chat.send('ann', json);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_parameter', field });
  });

  it('answers 404 for a conversation that does not exist and 400 for a malformed id', async () => {
    expect((await chat.get('ann', '/conversation/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await chat.get('ann', '/conversation/nope')).body.error).toMatchObject({
      code: 'invalid_parameter',
      field: 'id',
    });
  });

  it('documents every endpoint in OpenAPI', async () => {
    const { body } = await http(`${chat.url}/docs/json`);
    expect(Object.keys(body.paths).filter((path) => path.startsWith('/api/chat'))).toEqual(
      expect.arrayContaining([
        '/api/chat/message',
        '/api/chat/tools',
        '/api/chat/conversation/{id}',
        '/api/chat/conversations',
      ]),
    );
    expect(body.paths['/api/chat/message'].post.security).toEqual([{ bearer: [] }]);
    // The bodies refuse unknown fields, and say so.
    for (const path of ['/api/chat/message', '/api/chat/tools']) {
      const { schema } = body.paths[path].post.requestBody.content['application/json'];
      expect(schema.additionalProperties, path).toBe(false);
    }
  });

  it('needs a signed-in user on every endpoint', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: Array<[string, string, unknown?]> = [
      ['POST', '/message', { message: 'hi' }],
      ['POST', '/tools', { tool_name: 'arbitrage__spread', parameters: { symbol: 'BTC' } }],
      ['GET', `/conversation/${id}`],
      ['GET', '/conversations'],
      ['DELETE', `/conversation/${id}`],
    ];
    for (const [method, path, json] of calls) {
      const { status, body } = await http(`${chat.url}/api/chat${path}`, { method, json });
      expect([method, path, status, body.error?.code]).toEqual([method, path, 401, 'unauthorized']);
    }
  });

  it('refuses a guest before reading the body, so a bad body is a 401 too, not a 400', async () => {
    for (const path of ['/message', '/tools']) {
      const { status, body } = await http(`${chat.url}/api/chat${path}`, { method: 'POST', json: { foo: 1 } });
      expect([path, status, body.error?.code]).toEqual([path, 401, 'unauthorized']);
    }
    const { status } = await http(`${chat.url}/api/chat/conversation/not-a-uuid`);
    expect(status).toBe(401);
  });
});
