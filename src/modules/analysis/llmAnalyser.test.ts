import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  errorReply,
  jsonReply,
  startFakeOpenAiServer,
  textReply,
  type FakeOpenAiServer,
} from '../../../test/fakes/openaiServer.ts';
import { USER_AGENT } from '../../core/outbound/userAgent.ts';
import { createLlmAnalyser } from './llmAnalyser.ts';
import type { Analyser, Analysis } from './types.ts';

const fallbackAnalysis: Analysis = {
  tokens: [],
  mentions: [],
  sentiment: { label: 'neutral', score: 0 },
  event: { type: 'other' },
  value: { score: 10, high_value: false, reasons: ['fallback'] },
  summary: 'From the fallback.',
  analysis: 'Market news. Neutral: the text gives no clear direction.',
};
const fallback: Analyser = { kind: 'embedded', analyse: async () => fallbackAnalysis };

const modelOutput = {
  tokens: [{ symbol: 'ONE', name: 'Harmony', chain: 'harmony', address: null, confidence: 0.9 }],
  mentions: [{ symbol: 'USDT', name: 'Tether', chain: 'ethereum', address: null, confidence: 0.4 }],
  sentiment: { label: 'bullish', score: 0.6 },
  event: { type: 'listing' },
  value: { score: 81.4, reasons: ['official exchange announcement', 'listing'] },
  summary: 'ONE/USDT spot trading opens on Binance at 10:00 UTC.',
  analysis:
    'Binance lists Harmony (ONE). Bullish for ONE: a new venue adds liquidity; ONE trades at $0.021, up 3% in 24 h.',
};
const input = {
  title: 'Binance Will List Harmony (ONE)',
  text: 'Trading opens at 10:00 UTC.',
  source: { kind: 'exchange' as const, name: 'Binance' },
};

describe('LLM analyser', () => {
  let server: FakeOpenAiServer;
  let analyser: Analyser;

  beforeAll(async () => {
    server = await startFakeOpenAiServer();
    analyser = createLlmAnalyser(
      { OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key', LLM_MODEL: 'gpt-test', LLM_MAX_RETRIES: 0 },
      fallback,
    );
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('returns the structured output of the model, with high_value derived from the score', async () => {
    server.enqueue(jsonReply(modelOutput));
    const analysis = await analyser.analyse(input, {
      novelty: 1,
      market: { ONE: { price_usd: 0.021, change_24h_pct: 3 } },
    });

    expect(analyser.kind).toBe('llm');
    expect(analysis).toEqual({
      ...modelOutput,
      value: { score: 81, high_value: true, reasons: modelOutput.value.reasons },
    });
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer test-key');
    // Through our fetch: our User-Agent first, the SDK's after it.
    expect(request?.headers['user-agent']?.slice(0, USER_AGENT.length + 1)).toBe(`${USER_AGENT} `);
    expect(request?.body.model).toBe('gpt-test');
    expect(request?.body.response_format.type).toBe('json_schema');
    expect(JSON.stringify(request?.body.messages)).toContain('Binance Will List Harmony (ONE)');
    expect(JSON.stringify(request?.body.messages)).toContain('Novelty: 1.00');
    expect(JSON.stringify(request?.body.messages)).toContain('Market: ONE $0.021 (3% in 24 h)');
    // The schema asks for subjects apart from passing mentions, and for the analysis and summary prose.
    const schema = JSON.stringify(request?.body.response_format);
    for (const field of ['mentions', 'analysis', 'summary']) expect(schema).toContain(`"${field}"`);
  });

  it('falls back when the output lacks the analysis', async () => {
    const { analysis: _analysis, ...withoutAnalysis } = modelOutput;
    server.enqueue(jsonReply(withoutAnalysis));
    expect(await analyser.analyse(input)).toBe(fallbackAnalysis);
  });

  it('falls back when the output is not JSON', async () => {
    server.enqueue(textReply('Sure! Here is my analysis: bullish.'));
    expect(await analyser.analyse(input)).toBe(fallbackAnalysis);
  });

  it('falls back when the output does not fit the schema', async () => {
    server.enqueue(jsonReply({ ...modelOutput, event: { type: 'moon' } }));
    expect(await analyser.analyse(input)).toBe(fallbackAnalysis);
  });

  it('falls back on HTTP 500', async () => {
    server.enqueue(errorReply(500, 'upstream exploded'));
    expect(await analyser.analyse(input)).toBe(fallbackAnalysis);
    expect(server.requests).toHaveLength(1);
  });

  it('falls back when the server is gone', async () => {
    const gone = await startFakeOpenAiServer();
    await gone.close();
    const orphan = createLlmAnalyser(
      { OPENAI_BASE_URL: gone.baseUrl, LLM_MODEL: 'gpt-test', LLM_MAX_RETRIES: 0 },
      fallback,
    );
    expect(await orphan.analyse(input)).toBe(fallbackAnalysis);
  });

  it('falls back on timeout', async () => {
    server.enqueue({ ...jsonReply(modelOutput), delayMs: 500 });
    const impatient = createLlmAnalyser(
      { OPENAI_BASE_URL: server.baseUrl, LLM_MODEL: 'gpt-test', LLM_MAX_RETRIES: 0, LLM_TIMEOUT_MS: 50 },
      fallback,
    );
    expect(await impatient.analyse(input)).toBe(fallbackAnalysis);
  });
});
