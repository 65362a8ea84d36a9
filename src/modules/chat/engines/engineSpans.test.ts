import { context, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-node';
import { jsonSchema } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startFakeOpenAiServer,
  textReply,
  toolCallsReply,
  type FakeOpenAiServer,
} from '../../../../test/fakes/openaiServer.ts';
import { inSpan } from '../../../telemetry/spans.ts';
import { createTokenRegistry } from '../../tokens/tokenRegistry.ts';
import type { ChatTool, ChatToolRunner } from '../chatTools.ts';
import { envelope } from '../resultEnvelope.ts';
import { createToolCallLog } from '../toolCallLog.ts';
import { createChatEngine } from './chatEngine.ts';

const exporter = new InMemorySpanExporter();
const spreadResult = { symbol: 'BTC/USDT', venues: [] };

const spreadTool: ChatTool = {
  name: 'arbitrage__spread',
  tool: 'arbitrage.spread',
  description: 'spread',
  inputSchema: jsonSchema({ type: 'object' }),
};

/** Its run opens a span, as the registry's execute does. */
const runSpread: ChatToolRunner = () =>
  inSpan('execute_tool arbitrage.spread', {}, async () =>
    envelope('arbitrage__spread', { ok: true, result: spreadResult }, 16_384),
  );

const ask = (engine: ReturnType<typeof createChatEngine>, message: string, stream = false) =>
  engine.run({
    system: '',
    history: [],
    message,
    tools: [spreadTool],
    runTool: runSpread,
    log: createToolCallLog(),
    maxSteps: 5,
    signal: new AbortController().signal,
    onEvent: stream ? () => {} : undefined,
  });

/** The message's span and what hangs under it, by name. */
function tree(spans: ReadableSpan[]) {
  const agent = spans.filter((s) => s.name.startsWith('invoke_agent'));
  expect(agent).toHaveLength(1);
  const children = spans
    .filter((s) => s.parentSpanContext?.spanId === agent[0]!.spanContext().spanId)
    .map((s) => s.name);
  return { agent: agent[0]!, children: children.sort() };
}

describe('chat spans', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
    fake = await startFakeOpenAiServer();
  });
  afterAll(async () => {
    trace.disable();
    context.disable();
    await fake.close();
  });
  beforeEach(() => exporter.reset());

  it('the local planner: one message span over its two steps and the tool call', async () => {
    const engine = createChatEngine({ LLM_PROVIDER: 'local', CHAT_TIMEOUT_MS: 10_000 }, createTokenRegistry());
    await ask(engine, 'what is the spread for BTC/USDT?');
    const { agent, children } = tree(exporter.getFinishedSpans());
    expect(children).toEqual(['chat local-planner', 'chat local-planner', 'execute_tool arbitrage.spread']);
    expect(agent.attributes).toMatchObject({
      'gen_ai.provider.name': 'alphanest',
      'gen_ai.usage.input_tokens': expect.any(Number),
    });
  });

  it.each([false, true])(
    'a language model (streamed: %s): a span per model call, the tool call beside them',
    async (stream) => {
      const engine = createChatEngine(
        {
          LLM_PROVIDER: 'openai',
          OPENAI_BASE_URL: fake.baseUrl,
          OPENAI_API_KEY: 'test',
          LLM_MODEL: 'gpt-test',
          CHAT_TIMEOUT_MS: 10_000,
        },
        createTokenRegistry(),
      );
      fake.enqueue(
        toolCallsReply({ name: 'arbitrage__spread', arguments: '{"symbol":"BTC/USDT"}' }),
        textReply('BTC is tight.'),
      );
      await ask(engine, 'spread for BTC/USDT?', stream);
      const { agent, children } = tree(exporter.getFinishedSpans());
      expect(children).toEqual(['chat gpt-test', 'chat gpt-test', 'execute_tool arbitrage.spread']);
      expect(agent.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-test' });
    },
  );
});
