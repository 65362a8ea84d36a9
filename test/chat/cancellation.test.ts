import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  errorReply,
  startFakeOpenAiServer,
  textReply,
  toolCallsReply,
  type FakeOpenAiServer,
} from '../fakes/openaiServer.ts';
import { startChatGateway, type ChatGateway } from './support.ts';
import { testDomain } from './testDomain.ts';

const openai = (fake: FakeOpenAiServer) => ({
  LLM_PROVIDER: 'openai',
  OPENAI_BASE_URL: fake.baseUrl,
  LLM_MODEL: 'fake-model',
  CHAT_RATE_PER_MINUTE: '1000',
});

describe('a client that goes away', () => {
  let fake: FakeOpenAiServer;
  let chat: ChatGateway;
  let tools: ReturnType<typeof testDomain>;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    tools = testDomain();
    chat = await startChatGateway({
      redis: true,
      env: { ...openai(fake), CHAT_CONCURRENCY: '1' },
      domains: [tools.domain],
    });
  });
  afterAll(async () => {
    await chat?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setDefault(errorReply(500));
  });

  const start = async (sub: string, body: Record<string, unknown>) => {
    const client = new AbortController();
    const response = fetch(`${chat.url}/api/chat/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await chat.token(sub)}` },
      body: JSON.stringify(body),
      signal: client.signal,
    }).catch((err: Error) => err);
    return { client, response };
  };

  it('refuses a second message while the first is in flight (CHAT_CONCURRENCY=1, shared through Redis)', async () => {
    fake.enqueue({ ...textReply('slow answer'), delayMs: 60_000 });
    const { client, response } = await start('fay', { message: 'hello' });
    await expect.poll(() => fake.requests.length).toBe(1);
    const second = await chat.send('fay', { message: 'me too' });
    expect(second).toMatchObject({
      status: 429,
      body: { error: { code: 'rate_limited', message: expect.stringContaining('in progress') } },
    });
    expect(second.headers.get('retry-after')).toBe('1');
    expect((await chat.send('other-user', { message: 'what can you do?' })).status).not.toBe(429);
    client.abort();
    await response;
  });

  it('aborts the model call, frees the user’s slot and stores nothing', async () => {
    fake.enqueue({ ...textReply('too late'), delayMs: 60_000 });
    const { client, response } = await start('gus', { message: 'hello' });
    await expect.poll(() => fake.requests.length).toBe(1);
    client.abort();
    expect(await response).toBeInstanceOf(Error);

    await expect.poll(() => fake.requests[0]!.aborted).toBe(true);
    fake.setDefault(textReply('hello again'));
    // CHAT_CONCURRENCY=1: a message is admitted again only once the cancelled one has given its slot back.
    await expect.poll(async () => (await chat.send('gus', { message: 'hello?' })).status).toBe(200);
    const { body } = await chat.get('gus', '/conversations');
    expect(body.items.map((c: { title: string }) => c.title)).toEqual(['Hello?']);
  });

  it('aborts a running tool through its signal, while streaming', async () => {
    fake.enqueue(toolCallsReply({ name: 'testkit__wait', arguments: '{}' }));
    const { client, response } = await start('hal', { message: 'wait for it', stream: true });
    const reader = ((await response) as Response).body!.getReader();
    let seen = '';
    while (!seen.includes('event: tool-call-start')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before the tool started:\n${seen}`);
      seen += new TextDecoder().decode(value);
    }
    client.abort();

    await tools.cancelled; // the tool's signal fired
    expect(fake.requests).toHaveLength(1); // the loop did not go on to ask the model again
    expect((await chat.get('hal', '/conversations')).body.total).toBe(0);
  });
});

describe('an exchange that runs past CHAT_TIMEOUT_MS', () => {
  it('names the tool that had not answered when the time ran out', async () => {
    const fake = await startFakeOpenAiServer();
    const tools = testDomain();
    const chat = await startChatGateway({
      env: { ...openai(fake), CHAT_TIMEOUT_MS: '300' },
      domains: [tools.domain],
    });
    try {
      fake.enqueue(toolCallsReply({ name: 'testkit__wait', arguments: '{}' }));
      expect(await chat.send('ivy', { message: 'wait for it' })).toMatchObject({
        status: 504,
        body: {
          error: {
            code: 'chat_timeout',
            message: 'no answer within 300 ms: testkit.wait did not answer in time; try again shortly',
          },
        },
      });
      await tools.cancelled; // the tool's signal fired
    } finally {
      await chat.close();
      await fake.close();
    }
  });

  it('answers 504 and stores nothing', async () => {
    const fake = await startFakeOpenAiServer();
    const chat = await startChatGateway({ env: { ...openai(fake), CHAT_TIMEOUT_MS: '300' } });
    try {
      fake.enqueue({ ...textReply('too late'), delayMs: 30_000 });
      expect(await chat.send('ida', { message: 'hello' })).toMatchObject({
        status: 504,
        body: { error: { code: 'chat_timeout' } },
      });
      await expect.poll(() => fake.requests[0]?.aborted).toBe(true);
      expect((await chat.get('ida', '/conversations')).body.total).toBe(0);
    } finally {
      await chat.close();
      await fake.close();
    }
  });
});
