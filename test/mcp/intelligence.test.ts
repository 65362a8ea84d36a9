import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ingestSchema } from '../../src/modules/intelligence/index.ts';
import { http } from '../support/gateway.ts';
import { mcpClient, startToolServer, type ToolServer } from './toolServer.ts';

const MINUTE = 60_000;
/** More than the high-value resource's 20: before they had their own resource, they filled it. */
const ALERTS = 25;

/** Times derived from the moment of the call differ between two calls; everything else must not. */
const withoutClockTimes = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, v) => (['from', 'to', 'previous_from'].includes(key) ? undefined : v));

describe('intelligence tools, resources and prompts over MCP and REST', () => {
  let server: ToolServer;
  let client: Client;
  let token: string;
  let hackId: string;

  const rest = (tool_name: string, parameters: Record<string, unknown>) =>
    http(`${server.url}/execute`, { method: 'POST', json: { tool_name, parameters }, token });

  beforeAll(async () => {
    server = await startToolServer({ backend: 'postgres', env: { TOOL_RATE_LIMIT_PER_MINUTE: '10000' } });
    const now = Date.now();
    const stored = await Promise.all(
      [
        ['Exploit drains a Solana lending pool', 'hack', 'SOL', 92, 'bearish'],
        ['Binance will list Jupiter (JUP)', 'listing', 'JUP', 80, 'bullish'],
        ['Bitcoin miners sell less', 'other', 'BTC', 30, 'neutral'],
        ['Bitcoin ETF inflows hit a record', 'macro', 'BTC', 65, 'bullish'],
      ].map(([title, event, symbol, score, label], n) =>
        server.platform.intelligence.service.ingest(
          ingestSchema.parse({
            external_id: `mcp-${n}`,
            type: 'news',
            title,
            content: `${title}: the story.`,
            summary: `${title}, in short.`,
            sentiment: { label, score: 0 },
            value: { score },
            event: { type: event },
            tokens: [{ symbol }],
            source: { name: 'Test Wire' },
            agent_id: 'news-sentiment-radar',
            published_at: new Date(now - (n + 1) * 10 * MINUTE).toISOString(),
          }),
        ),
      ),
    );
    hackId = stored[0]!.item.id;
    // A busy chain: the on-chain agent's scam-token alerts, high value and newer than every story.
    for (let n = 0; n < ALERTS; n++) {
      const address = `0x${String(n + 1).padStart(40, '0')}`;
      await server.platform.intelligence.service.ingest(
        ingestSchema.parse({
          external_id: `31337:${address}`,
          type: 'onchain',
          title: `Scam token on local: SCAM${n} at ${address}`,
          sentiment: { label: 'bearish', score: -0.9 },
          value: { score: 90 },
          event: { type: 'hack' },
          tokens: [{ symbol: `SCAM${n}`, chain: 'local', address }],
          source: { kind: 'onchain', name: 'AlphaNest on-chain agent' },
          agent_id: 'onchain-watch',
          published_at: new Date(now - (n + 1) * 1000).toISOString(),
        }),
      );
    }
    token = await server.token('ada');
    client = await mcpClient(server, token);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it.each([
    ['intelligence.search', { tokens: ['bitcoin'] }],
    ['intelligence.search', { event: ['hack', 'listing'], min_value: 70, limit: 1 }],
    ['intelligence.briefing', { window: '1h' }],
    ['intelligence.briefing', { tokens: ['solana'] }],
  ])('%s %j gives the same result over REST and MCP', async (name, parameters) => {
    const viaRest = await rest(name, parameters);
    expect(viaRest.status).toBe(200);
    const viaMcp = await client.callTool({ name, arguments: parameters });
    expect(viaMcp.isError).toBeFalsy();
    expect(withoutClockTimes(viaMcp.structuredContent)).toEqual(withoutClockTimes(viaRest.body.result));
  });

  it('finds, reads and briefs on the stored items', async () => {
    const found = (await client.callTool({ name: 'intelligence.search', arguments: { tokens: ['bitcoin'] } }))
      .structuredContent as any;
    expect(found.items.map((i: any) => i.title)).toEqual([
      'Bitcoin miners sell less',
      'Bitcoin ETF inflows hit a record',
    ]);
    const item = await client.callTool({ name: 'intelligence.get', arguments: { id: hackId } });
    expect(item.structuredContent).toMatchObject({
      id: hackId,
      content: 'Exploit drains a Solana lending pool: the story.',
    });
    expect((await rest('intelligence.get', { id: hackId })).body.result).toEqual(item.structuredContent);
    const brief = (await client.callTool({ name: 'intelligence.briefing', arguments: { window: '1h' } }))
      .structuredContent as any;
    expect(brief.events.map((e: any) => e.event)).toEqual(['hack', 'listing', 'macro', 'other']);
  });

  it.each([
    ['intelligence.get', { id: randomUUID() }, 404, 'id'],
    ['intelligence.get', { id: 'nope' }, 400, 'id'],
    ['intelligence.search', { sentiment: ['angry'] }, 400, 'sentiment.0'],
    ['intelligence.search', { cursor: 'nope' }, 400, 'cursor'],
    ['intelligence.briefing', { window: '90d' }, 400, 'window'],
  ] as const)(
    '%s %j fails the same way on both surfaces, naming the field',
    async (name, parameters, status, field) => {
      const viaRest = await rest(name, parameters);
      expect(viaRest.status).toBe(status);
      expect(viaRest.body.error.field).toBe(field);
      const viaMcp = await client.callTool({ name, arguments: parameters });
      expect(viaMcp.isError).toBe(true);
      expect(JSON.parse((viaMcp.content as Array<{ text: string }>)[0]!.text).error).toEqual(viaRest.body.error);
    },
  );

  it('serves the latest high-value items, the scam-token alerts apart, and the agents as resources', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(
      expect.arrayContaining([
        'alphanest://intelligence/high-value',
        'alphanest://intelligence/onchain-alerts',
        'alphanest://reference/agents',
      ]),
    );
    const read = async (uri: string) =>
      JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text);
    // The market's stories, however many alerts are newer.
    const highValue = await read('alphanest://intelligence/high-value');
    expect(highValue.items.map((i: any) => i.title)).toEqual([
      'Exploit drains a Solana lending pool',
      'Binance will list Jupiter (JUP)',
    ]);
    expect(highValue).toEqual(
      (await rest('intelligence.search', { high_value: true, exclude_agents: ['onchain-watch'], limit: 20 })).body
        .result,
    );
    const alerts = await read('alphanest://intelligence/onchain-alerts');
    expect(alerts.items.map((i: any) => i.title.split(' at ')[0])).toEqual(
      Array.from({ length: 20 }, (_, n) => `Scam token on local: SCAM${n}`),
    );
    expect(alerts.next_cursor).not.toBeNull();
    expect((await read('alphanest://reference/agents')).agents.map((a: { id: string }) => a.id)).toContain(
      'security-watch',
    );
  });

  it('offers prompts that brief on the last hour and on a token, and market_briefing with the news', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(
      expect.arrayContaining(['what_moved', 'token_briefing', 'market_briefing']),
    );
    expect(prompts.find((p) => p.name === 'token_briefing')!.arguments).toEqual([
      expect.objectContaining({ name: 'token', required: true }),
    ]);
    const render = async (name: string, args: Record<string, string>) => {
      const { messages } = await client.getPrompt({ name, arguments: args });
      return (messages[0]!.content as { text: string }).text;
    };
    const moved = await render('what_moved', {});
    expect(moved).toContain('intelligence.briefing with window "1h"');
    expect(moved).toContain('market.prices');
    const sol = await render('token_briefing', { token: 'SOL' });
    expect(sol).toContain('market.token_info with symbol "SOL"');
    expect(sol).toContain('intelligence.briefing with tokens ["SOL"]');
    expect(sol).toContain('intelligence.search with tokens ["SOL"]');
    const market = await render('market_briefing', { symbol: 'ETH/USDT' });
    expect(market).toContain('intelligence.briefing with tokens ["ETH"]');
    expect(market).toContain('market.token_info with symbol "ETH"');
    expect(market).toContain('arbitrage.spread');
    expect(market).toContain('arbitrage.find_opportunities');
    await expect(client.getPrompt({ name: 'token_briefing', arguments: {} })).rejects.toThrow(/token: required/);
    // Quoted into the prompt's text: a token is a name, not a page of text.
    await expect(client.getPrompt({ name: 'token_briefing', arguments: { token: 'x'.repeat(3000) } })).rejects.toThrow(
      /token: must be at most 200 characters/,
    );
  });
});
