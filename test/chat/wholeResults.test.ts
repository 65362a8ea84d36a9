import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/gateway.ts';
import { startChatGateway, type ChatGateway } from './support.ts';

/**
 * The local planner writes its answer from the tools' results itself and passes none of them to a model, so a
 * result over CHAT_TOOL_RESULT_MAX_BYTES (a cap on a model's context) is still read whole. The planner's own
 * tests skip the gateway's cap; this asks through it, with a page of items well over its default.
 */
describe('a tool result over the model cap, answered by the local planner', () => {
  let chat: ChatGateway;
  const OTHERS = 30;
  beforeAll(async () => {
    chat = await startChatGateway({ env: { CHAT_RATE_PER_MINUTE: '1000' } });
    const token = await chat.token('admin-1', 'admin');
    // A long body per item, as the outlets' articles have: the page of them is several times the cap.
    const body = 'Market desk notes on flows, funding and listings. '.repeat(20);
    const post = (title: string, outlet: string, url: string, hoursAgo: number) =>
      http(`${chat.url}/api/v1/intelligence/`, {
        method: 'POST',
        token,
        json: {
          type: 'news',
          title,
          content: body,
          summary: body,
          analysis: body,
          sentiment: { label: 'neutral', score: 0 },
          value: { score: 50 },
          event: { type: 'other' },
          tokens: [{ symbol: 'ETH' }],
          source: { name: outlet, url },
          published_at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
        },
      });
    for (let i = 0; i < OTHERS; i++)
      expect((await post(`Wire story ${i}`, 'The Block', `https://www.theblock.co/post/${i}`, 1 + i / 10)).status).toBe(
        201,
      );
    for (const [i, title] of ['Ether ETF flows turn positive', 'Layer-2 fees hit a low'].entries())
      expect((await post(title, 'CoinDesk', `https://www.coindesk.com/markets/${i}`, 2 + i)).status).toBe(201);
  });
  afterAll(() => chat?.close());

  it("lists an outlet's items from a page larger than the cap, and again for a follow-up", async () => {
    const first = await chat.send('ann', { message: 'latest news from coindesk' });
    expect(first.status).toBe(200);
    const [call] = first.body.tool_calls;
    expect(call).toMatchObject({ name: 'intelligence__search', is_error: false });
    // Over the default cap (16 KiB), as the outlet's page of 100 items was at about 95 KB.
    expect(JSON.stringify(call.result).length).toBeGreaterThan(16_384 * 2);
    expect(first.body.reply).not.toContain('more than I can summarise');
    expect(first.body.reply).toContain('Ether ETF flows turn positive');
    expect(first.body.reply).toContain('Layer-2 fees hit a low');

    const next = await chat.send('ann', { message: 'and for ETH?', conversation_id: first.body.conversation_id });
    expect(next.status).toBe(200);
    expect(next.body.reply).not.toContain('more than I can summarise');
    expect(next.body.reply).toContain('Ether ETF flows turn positive');
  });
});
