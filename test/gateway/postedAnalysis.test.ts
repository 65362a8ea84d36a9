import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createTestContext } from '../support/context.ts';
import { http, type RunningGateway, startGateway } from '../support/gateway.ts';

describe('POST /api/v1/intelligence/ analyses what the client leaves out', () => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let token: string;
  let n = 0;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
    gateway = await startGateway(ctx);
    token = await ctx.auth.sign({ sub: 'ops', role: 'admin' }, '1h');
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
  });

  async function post(fields: Record<string, unknown>) {
    n++;
    const response = await http(`${gateway.url}/api/v1/intelligence/`, {
      method: 'POST',
      token,
      json: { type: 'news', source: { name: 'CoinDesk', url: `https://www.coindesk.com/posted-${n}` }, ...fields },
    });
    expect(response.status).toBe(201);
    return response.body.item;
  }

  const hack = {
    title: 'Attackers drain $48 million from a Solana lending protocol',
    content:
      'An exploit drained $48 million from a lending protocol on Solana on Tuesday. SOL fell 6% after the attack as ' +
      'the team paused deposits and asked the attacker to return the funds.',
  };

  it('fills tokens, sentiment, value, event, summary and analysis, citing the market at ingest', async () => {
    const item = await post(hack);
    expect(item.tokens.map((t: { symbol: string }) => t.symbol)).toContain('SOL');
    expect(item.event).toEqual({ type: 'hack' });
    expect(item.sentiment.label).toBe('bearish');
    expect(item.value.score).toBeGreaterThan(0);
    expect(item.summary).toBeTruthy();
    expect(item.summary).not.toBe(hack.title);
    expect(item.analysis).toMatch(/SOL/);
    // The price the market module quotes for SOL at this minute.
    expect(item.analysis).toMatch(/SOL trades at \$[\d,.]+/);
    const quote = await http(`${gateway.url}/api/v1/intelligence/token/info?symbol=SOL`);
    expect(quote.status).toBe(200);
  });

  it('keeps every field the client gives, and analyses nothing when it gives them all', async () => {
    const given = {
      summary: 'A lending protocol lost $48M.',
      analysis: 'Our own desk note.',
      sentiment: { label: 'neutral', score: 0 },
      value: { score: 12, reasons: ['desk'] },
      event: { type: 'other' },
      tokens: [{ symbol: 'ABC' }],
    };
    const item = await post({ ...hack, title: `${hack.title} (desk copy)`, ...given });
    expect(item).toMatchObject({
      summary: given.summary,
      analysis: given.analysis,
      sentiment: given.sentiment,
      value: { score: 12, high_value: false, reasons: ['desk'] },
      event: given.event,
      tokens: [{ symbol: 'ABC', name: null, chain: null, address: null }],
    });
  });

  it('refuses a source URL a reader could not safely follow, naming the field', async () => {
    const response = await http(`${gateway.url}/api/v1/intelligence/`, {
      method: 'POST',
      token,
      json: { type: 'news', title: 'A link', source: { name: 'Mallory', url: 'javascript:alert(1)' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_parameter', field: 'source.url' });
    expect(response.body.error.message).toMatch(/http\(s\) URL/);
  });

  it.each([
    [{ title: 'Rally', sentiment: { label: 'bullish', score: -0.9 } }, 'sentiment.score', /contradicts the label/],
    [{ title: 'Rout', sentiment: { label: 'bearish', score: 0.2 } }, 'sentiment.score', /contradicts the label/],
    [{ title: '\u202e\u200b' }, 'title', /not only invisible characters/],
  ])('refuses %j, naming the field', async (fields, field, message) => {
    const response = await http(`${gateway.url}/api/v1/intelligence/`, {
      method: 'POST',
      token,
      json: { type: 'news', source: { name: 'CoinDesk' }, ...fields },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_parameter', field });
    expect(response.body.error.message).toMatch(message);
  });

  it('fills only the fields left out', async () => {
    const item = await post({ ...hack, title: `${hack.title} (partial)`, sentiment: { label: 'bullish', score: 0.4 } });
    expect(item.sentiment).toEqual({ label: 'bullish', score: 0.4 });
    expect(item.event).toEqual({ type: 'hack' });
    expect(item.tokens.map((t: { symbol: string }) => t.symbol)).toContain('SOL');
  });
});
