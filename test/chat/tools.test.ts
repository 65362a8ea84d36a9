import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/gateway.ts';
import { startChatGateway, type ChatGateway } from './support.ts';
import { testDomain } from './testDomain.ts';

describe('POST /api/chat/tools', () => {
  let chat: ChatGateway;
  beforeAll(async () => {
    chat = await startChatGateway({ domains: [testDomain().domain] });
  });
  afterAll(() => chat?.close());

  const run = async (json: unknown, sub = 'ann', role: 'user' | 'admin' = 'user') =>
    http(`${chat.url}/api/chat/tools`, { method: 'POST', token: await chat.token(sub, role), json });

  it.each(['arbitrage__spread', 'arbitrage.spread'])('runs %s directly for the user', async (name) => {
    const { status, body } = await run({ tool_name: name, parameters: { symbol: 'ETH' } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ tool_name: name, result: { symbol: 'ETH/USDT' }, duration_ms: expect.any(Number) });
  });

  it('runs a chat alias', async () => {
    const { status, body } = await run({
      tool_name: 'arbitrage_lookup',
      parameters: { symbol: 'BTC/USDT', min_profit_pct: 0 },
    });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ source: 'simulated', opportunities: expect.any(Array) });
  });

  it('validates parameters as MCP does, naming the field', async () => {
    const { status, body } = await run({ tool_name: 'arbitrage__spread', parameters: { symbol: 42 } });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_parameters', field: 'symbol' });
  });

  it('enforces the tool’s role as MCP does', async () => {
    expect(await run({ tool_name: 'testkit__admin_report' })).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    });
    expect(await run({ tool_name: 'testkit__admin_report' }, 'root', 'admin')).toMatchObject({
      status: 200,
      body: { result: { secret: 'admins only' } },
    });
  });

  it('answers 404 for a tool that does not exist, and 400 for a body without a name', async () => {
    expect(await run({ tool_name: 'no_such_tool', parameters: {} })).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_tool' } },
    });
    expect(await run({ parameters: {} })).toMatchObject({ status: 400, body: { error: { field: 'tool_name' } } });
  });

  it('refuses a body field it does not know, naming it, rather than ignoring it', async () => {
    expect(await run({ tool_name: 'arbitrage__spread', params: { symbol: 'ETH' } })).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'invalid_parameter',
          field: 'params',
          message: 'params: unknown field; accepted: tool_name, parameters',
        },
      },
    });
  });
});
