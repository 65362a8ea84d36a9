import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/gateway.ts';
import { startChatGateway, type ChatGateway } from './support.ts';

const DAY_MS = 86_400_000;

/** The local planner over HTTP: follow-ups read the stored conversation, and questions without a slot get defaults. */
describe('chat follow-ups and defaults over HTTP', () => {
  let chat: ChatGateway;
  beforeAll(async () => {
    chat = await startChatGateway({ env: { CHAT_RATE_PER_MINUTE: '1000' } });
    const token = await chat.token('admin-1', 'admin');
    const admin = async (path: string, json: unknown) => {
      const { status, body } = await http(`${chat.url}/api/v1/clans${path}`, { method: 'POST', token, json });
      expect([path, status]).toEqual([path, 201]);
      return body;
    };
    const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString();
    await admin('/seasons', { id: 'spring', name: 'Spring', starts_at: day(-10), ends_at: day(20) });
    await admin('', { slug: 'iron-hands', name: 'Iron Hands', members: [{ handle: 'ada', role: 'leader' }] });
    await admin('', { slug: 'moon-cartel', name: 'Moon Cartel', members: [{ handle: 'cy', role: 'leader' }] });
    await admin('/wars', { clan_a: 'iron-hands', clan_b: 'moon-cartel', starts_at: day(-1), ends_at: day(3) });
    await admin('/iron-hands/events', { event_id: 'ev-1', points: 120, member: 'ada', occurred_at: day(-0.5) });
    await admin('/moon-cartel/events', { event_id: 'ev-2', points: 90, member: 'cy', occurred_at: day(-0.5) });
    for (const [title, event, label, score, hoursAgo] of [
      ['Exploit drains $12M from a Solana lending pool', 'hack', 'bearish', 85, 2],
      ['Solana validators ship a faster client', 'partnership', 'bullish', 60, 5],
      ['Solana DEX volume climbs 14% on the week', 'other', 'bullish', 40, 30],
    ] as const) {
      const posted = await http(`${chat.url}/api/v1/intelligence/`, {
        method: 'POST',
        token,
        json: {
          type: 'news',
          title,
          content: `${title}.`,
          summary: `${title}.`,
          analysis: `${title}.`,
          sentiment: { label, score: label === 'bullish' ? 0.6 : -0.7 },
          value: { score },
          event: { type: event },
          tokens: [{ symbol: 'SOL' }],
          source: { name: 'The Block', url: `https://www.theblock.co/post/${score}` },
          published_at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
        },
      });
      expect(posted.status).toBe(201);
    }
  });
  afterAll(() => chat?.close());

  it('asks the last question again about a new token: "and for SOL?"', async () => {
    const first = await chat.send('ann', { message: 'price of ETH?' });
    expect(first.body.tool_calls).toMatchObject([{ name: 'market__token_info', arguments: { symbol: 'ETH' } }]);
    const next = await chat.send('ann', { message: 'and for SOL?', conversation_id: first.body.conversation_id });
    expect(next.status).toBe(200);
    const [call] = next.body.tool_calls;
    expect(call).toMatchObject({ name: 'market__token_info', arguments: { symbol: 'SOL' }, is_error: false });
    // The answer cites the figures the tool returned.
    expect(next.body.reply).toContain(`SOL (${call.result.name}) is $`);
    expect(next.body.reply).toContain(call.result.as_of);
  });

  it('keeps the rest of the question in a follow-up: the minimum profit carries over to the new market', async () => {
    const first = await chat.send('bob', { message: 'arbitrage for BTC/USDT above 0.5%' });
    const next = await chat.send('bob', { message: 'and ETH?', conversation_id: first.body.conversation_id });
    expect(next.body.tool_calls).toMatchObject([
      { name: 'arbitrage_lookup', arguments: { symbol: 'ETH/USDT', min_profit_pct: 0.5 } },
    ]);
    expect(next.body.reply).toMatch(/ETH\/USDT above 0\.50 %/);
  });

  it('answers for the running war without asking which clan', async () => {
    const { body } = await chat.send('cat', { message: 'Who is leading the current clan war?' });
    expect(body.tool_calls).toMatchObject([{ name: 'clan__war_status', arguments: {}, is_error: false }]);
    expect(body.reply).toBe(
      `The active war (${body.tool_calls[0].result.war.starts_at.slice(0, 10)} to ${body.tool_calls[0].result.war.ends_at.slice(0, 10)}): Iron Hands 120 – 90 Moon Cartel, Iron Hands leads by 30.`,
    );
  });

  it('scans every market when no market is named', async () => {
    const { body } = await chat.send('dee', { message: 'any arbitrage opportunities right now?' });
    expect(body.tool_calls).toMatchObject([{ name: 'arbitrage__scan', arguments: { min_profit_pct: 0, limit: 5 } }]);
    expect(body.reply).toMatch(/across \d+ markets/);
  });

  it('reports hacks over the window asked for, citing each item', async () => {
    const { body } = await chat.send('fay', { message: 'any rug pulls or hacks in the last 24 hours?' });
    expect(body.tool_calls).toMatchObject([
      {
        name: 'intelligence__search',
        arguments: { event: ['hack'], exclude_agents: ['onchain-watch'], limit: 10 },
        is_error: false,
      },
      { name: 'intelligence__briefing', arguments: { window: '24h' }, is_error: false },
    ]);
    expect(body.reply).toMatch(
      /^1 security report since .*:\n- Exploit drains \$12M from a Solana lending pool \(SOL; bearish, value 85/,
    );
  });

  it('pages a listing on with "more" from the cursor its stored answer closed with, until all are shown', async () => {
    const first = await chat.send('hal', { message: 'top 2 news on SOL' });
    expect(first.body.tool_calls).toMatchObject([
      { name: 'intelligence__search', arguments: { tokens: ['SOL'], limit: 2 }, is_error: false },
    ]);
    const cursor = first.body.tool_calls[0].result.next_cursor;
    expect(first.body.reply).toMatch(/^The latest 2 items about SOL:\n- Exploit drains/);
    expect(first.body.reply).toContain(`More match: say "more" for the next page (cursor \`${cursor}\`).`);
    const conversation_id = first.body.conversation_id;
    const next = await chat.send('hal', { message: 'more', conversation_id });
    expect(next.body.tool_calls).toMatchObject([
      { name: 'intelligence__search', arguments: { tokens: ['SOL'], limit: 2, cursor }, is_error: false },
    ]);
    expect(next.body.reply).toMatch(/^The next item about SOL:\n- Solana DEX volume climbs/);
    const last = await chat.send('hal', { message: 'more', conversation_id });
    expect(last.body).toMatchObject({ tool_calls: [], reply: expect.stringMatching(/^That was all/) });
  });

  it('counts a token’s sentiment over the window, and follows up on another token', async () => {
    const first = await chat.send('gus', { message: 'how is the sentiment on SOL this week?' });
    expect(first.body.tool_calls).toMatchObject([
      { name: 'intelligence__briefing', arguments: { window: '7d', tokens: ['SOL'] } },
    ]);
    expect(first.body.reply).toMatch(
      /^Sentiment on SOL from .*, over 3 items: 2 bullish, 1 bearish, 0 neutral \(leaning bullish\)\./,
    );
    const next = await chat.send('gus', { message: 'and ETH?', conversation_id: first.body.conversation_id });
    expect(next.body.tool_calls).toMatchObject([
      { name: 'intelligence__briefing', arguments: { window: '7d', tokens: ['ETH'] } },
    ]);
    expect(next.body.reply).toMatch(/^No items about ETH from/);
  });

  it('answers "should I buy" with the news and the price, never a recommendation', async () => {
    const { body } = await chat.send('hal', { message: 'Should I buy SOL now?' });
    expect(body.tool_calls.map((call: { name: string }) => call.name)).toEqual([
      'intelligence__briefing',
      'market__token_info',
    ]);
    const lines = body.reply.split('\n');
    expect(lines[0]).toBe("I can't tell you whether to trade it, but here is what AlphaNest shows:");
    expect(lines[1]).toContain(`SOL (Solana) is $`);
    expect(lines[2]).toMatch(/^Sentiment on SOL .* over 3 items/);
    expect(lines.at(-1)).toBe('This is the platform’s data, not a recommendation: not financial advice.');
  });

  it('answers a miss with one line of what it can do', async () => {
    const { body } = await chat.send('eve', { message: 'tell me a joke' });
    expect(body.tool_calls).toEqual([]);
    expect(body.reply.split('\n')).toHaveLength(1);
  });
});
