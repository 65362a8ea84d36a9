import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorReply, startFakeOpenAiServer, textReply, toolCallsReply, type FakeOpenAiServer } from './openaiServer.ts';

describe('fake OpenAI server', () => {
  let server: FakeOpenAiServer;
  let model: ReturnType<ReturnType<typeof createOpenAI>['chat']>;

  beforeAll(async () => {
    server = await startFakeOpenAiServer({ chunkSize: 3 });
    model = createOpenAI({ baseURL: server.baseUrl, apiKey: 'k' }).chat('fake-model');
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const priceTool = tool({
    description: 'Price of a token',
    inputSchema: z.object({ symbol: z.string() }),
    execute: async ({ symbol }) => ({ symbol, usd: symbol === 'BTC' ? 64_000 : 1 }),
  });

  it('answers plain chat completions and records the request', async () => {
    server.enqueue(textReply('Hello trader.'));
    const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(text).toBe('Hello trader.');
    expect(server.requests[0]?.body.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('streams text as SSE chunks', async () => {
    server.enqueue(textReply('Bitcoin is trading sideways.'));
    const result = streamText({ model, prompt: 'market?', maxRetries: 0 });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.join('')).toBe('Bitcoin is trading sideways.');
    expect(parts.length).toBeGreaterThan(3);
    expect(server.requests[0]?.body.stream).toBe(true);
    expect((await result.usage).totalTokens).toBe(18);
  });

  it('drives a multi-step tool loop, streamed', async () => {
    server.enqueue(toolCallsReply({ id: 'call_btc', name: 'price', arguments: '{"symbol":"BTC"}' }), (request) => {
      const toolMessage = request.body.messages.find((m: { role: string }) => m.role === 'tool');
      return textReply(`Tool said ${toolMessage.content}`);
    });
    const result = streamText({
      model,
      prompt: 'BTC price?',
      tools: { price: priceTool },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    const text = await result.text;
    expect(text).toContain('64000');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body.tools[0].function.name).toBe('price');
    expect(server.requests[1]?.body.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_btc' });
  });

  it('drives a tool loop without streaming, with parallel calls', async () => {
    server.enqueue(
      toolCallsReply(
        { name: 'price', arguments: '{"symbol":"BTC"}' },
        { name: 'price', arguments: '{"symbol":"ETH"}' },
      ),
      textReply('done'),
    );
    const result = await generateText({
      model,
      prompt: 'prices',
      tools: { price: priceTool },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    expect(result.text).toBe('done');
    expect(result.steps[0]?.toolResults.map((r) => r.output)).toEqual([
      { symbol: 'BTC', usd: 64_000 },
      { symbol: 'ETH', usd: 1 },
    ]);
  });

  it('returns scripted HTTP errors and a 500 once the script runs out', async () => {
    server.enqueue(errorReply(429, 'slow down'));
    await expect(generateText({ model, prompt: 'x', maxRetries: 0 })).rejects.toThrow(/slow down/);
    await expect(generateText({ model, prompt: 'x', maxRetries: 0 })).rejects.toThrow(/no scripted reply/);
  });
});
