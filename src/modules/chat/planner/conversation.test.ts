import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../../tokens/tokenRegistry.ts';
import { DATA_NOTE } from '../resultEnvelope.ts';
import { createLocalPlanner, PLANNER_TOOLS } from './localPlanner.ts';
import type { Plan, PlannedCall, Planner, Turn } from './types.ts';

/**
 * Answers across a conversation, as a trader asks: the reply to a question the chat asked, paging a
 * listing on, and details the tools do not serve said plainly. Each turn keeps the answer written,
 * as the engine passes it on.
 */
const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY_AGO = '2026-03-09T12:00:00.000Z';
const planner = createLocalPlanner(createTokenRegistry(), () => NOW);
const ONCHAIN = ['onchain-watch'];

/** A conversation: each message planned after the ones before, its calls answered with `results[i]` (none given: not answered). */
function conversation(on: Planner = planner) {
  const turns: Turn[] = [];
  return {
    say(message: string, ...results: unknown[]): { plan: Plan; text: string } {
      const plan = on.plan(message, PLANNER_TOOLS, turns);
      const text =
        plan.kind === 'reply'
          ? plan.text
          : results.length === 0
            ? ''
            : plan.answer(
                plan.calls.map((call: PlannedCall, i) => ({
                  tool: call.tool,
                  args: call.args,
                  output: { tool: call.tool, tool_result: results[i], note: DATA_NOTE },
                })),
              );
      turns.push({ message, calls: plan.kind === 'call' ? plan.calls : [], reply: text });
      return { plan, text };
    },
  };
}

const callsOf = (plan: Plan) => (plan.kind === 'call' ? plan.calls : plan.text);

const item = (n: number) => ({
  title: `Bridge ${n} drained`,
  sentiment: { label: 'bearish', score: -0.6 },
  value: { score: 80, high_value: true },
  event: { type: 'hack' },
  tokens: [],
  published_at: '2026-03-10T08:30:00.000Z',
  source_count: 1,
});
const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => item(from + i));

const briefing = (window: string, count: number, token = 'PEPE') => ({
  from: window === '24h' ? DAY_AGO : '2026-03-03T12:00:00.000Z',
  to: '2026-03-10T12:00:00.000Z',
  previous_from: '2026-03-01T12:00:00.000Z',
  tokens: [token],
  items: count,
  sentiment: { bullish: count, bearish: 0, neutral: 0 },
  events: [],
  movers: [],
});

describe('a reply to the question the chat asked', () => {
  it.each([
    [
      'is 0x1b5B644f08325244081cb5B224164F110B10eA3C a scam?',
      'on local',
      {
        tool: 'naughty_coin.check_token',
        args: { chain: 'local', address: '0x1b5B644f08325244081cb5B224164F110B10eA3C' },
      },
    ],
    [
      'is 0x1b5B644f08325244081cb5B224164F110B10eA3C a scammer?',
      'base',
      { tool: 'wallet.scam_dossier', args: { chain: 'base', address: '0x1b5B644f08325244081cb5B224164F110B10eA3C' } },
    ],
    ['scan the new pools for scams', 'bsc please', { tool: 'naughty_coin.scan_new', args: { chain: 'bsc' } }],
    ['how is my clan doing?', 'Moon Cartel', { tool: 'clan.score_lookup', args: { clan: 'Moon Cartel' } }],
    ["what's the score of my clan?", 'moon cartel', { tool: 'clan.score_lookup', args: { clan: 'moon cartel' } }],
    ['price?', 'pepe', { tool: 'market.token_info', args: { symbol: 'PEPE' } }],
  ])('%s → %s', (question, slot, call) => {
    const chat = conversation();
    expect(chat.say(question).plan.kind).toBe('reply');
    expect(callsOf(chat.say(slot).plan)).toEqual([call].flat());
  });

  it.each(['lol', 'nvm', 'what?', 'ok'])('is not a name when the reply gives none: "Which clan?" → %s', (reply) => {
    const chat = conversation();
    chat.say('how is my clan doing?');
    expect(chat.say(reply).plan.kind).toBe('reply');
  });

  it('is not taken for the slot when no question is pending', () => {
    const chat = conversation();
    chat.say('price of ETH?', { symbol: 'ETH' });
    expect(chat.say('on local').plan.kind).toBe('reply');
  });
});

describe('a listing longer than its page', () => {
  it('says there are more than it shows, and "more" pages on from the cursor until all are shown', () => {
    const chat = conversation();
    // The briefing that counts them not offered, or failed: the page's size is all that is known.
    const first = chat.say('any hacks or rug pulls in the last 24 hours?', { items: items(1, 10), next_cursor: 'c1' });
    expect(first.text).toMatch(
      /^More than 10 security reports since 2026-03-09 12:00 UTC; the latest 10:\n- Bridge 1 drained/,
    );
    expect(first.text.split('\n').at(-1)).toBe('More match: say "more" for the next page (cursor `c1`).');

    // The next page pages the search on, and counts nothing again.
    const next = chat.say('show me more', { items: items(11, 3), next_cursor: null });
    expect(callsOf(next.plan)).toEqual([
      {
        tool: 'intelligence.search',
        args: { event: ['hack'], since: DAY_AGO, exclude_agents: ONCHAIN, limit: 10, cursor: 'c1' },
      },
    ]);
    expect(next.text).toMatch(/^The next 3 security reports since 2026-03-09 12:00 UTC:\n- Bridge 11 drained/);
    expect(next.text).not.toMatch(/More match/);

    expect(chat.say('more').text).toBe('That was all: the answer above lists every item that matched.');
  });

  it("leads with the market's hacks, counted by the window's briefing, and says how many scam tokens it left out", () => {
    const chat = conversation();
    const counts = {
      ...briefing('24h', 14),
      tokens: null,
      events: [{ event: 'hack', count: 14, sentiment: { bullish: 0, bearish: 14, neutral: 0 }, top_items: [] }],
      onchain_alerts: { count: 16, top_items: [] },
    };
    const { plan, text } = chat.say(
      'any hacks in the last 24 hours?',
      { items: items(1, 10), next_cursor: 'c1' },
      counts,
    );
    expect(callsOf(plan)).toEqual([
      { tool: 'intelligence.search', args: { event: ['hack'], since: DAY_AGO, exclude_agents: ONCHAIN, limit: 10 } },
      { tool: 'intelligence.briefing', args: { window: '24h' } },
    ]);
    expect(text).toMatch(/^14 security reports since 2026-03-09 12:00 UTC; the latest 10:\n- Bridge 1 drained/);
    expect(text.split('\n').at(-1)).toBe(
      'The on-chain watcher also flagged 16 scam tokens in the same window, left out above (ask for "on-chain scam alerts" to list them).',
    );
    // None of the market's: the scam tokens are still said.
    expect(chat.say('any exploits today?', { items: [], next_cursor: null }, counts).text).toBe(
      'No hacks, exploits or rug pulls reported since 2026-03-09 12:00 UTC.\n' +
        'The on-chain watcher also flagged 16 scam tokens in the same window, left out above (ask for "on-chain scam alerts" to list them).',
    );
  });

  it('counts a listing that fits its page as it is', () => {
    const chat = conversation();
    expect(chat.say('any exploits this week?', { items: items(1, 2), next_cursor: null }).text).toMatch(
      /^2 security reports since 2026-03-03 12:00 UTC:\n/,
    );
  });

  it('pages news on the same way, each "next" from the cursor the answer before gave', () => {
    const chat = conversation();
    chat.say('latest news on SOL', { items: items(1, 5), next_cursor: 'n1' });
    const second = chat.say('next', { items: items(6, 5), next_cursor: 'n2' });
    expect(second.text).toMatch(/^The next 5 items about SOL:\n/);
    expect(callsOf(chat.say('more', { items: items(11, 1), next_cursor: null }).plan)).toEqual([
      { tool: 'intelligence.search', args: { tokens: ['SOL'], exclude_agents: ONCHAIN, limit: 5, cursor: 'n2' } },
    ]);
  });

  it('makes the request again when the answer before is not known', () => {
    const search = { tool: 'intelligence.search', args: { tokens: ['AAVE'], exclude_agents: ONCHAIN, limit: 5 } };
    expect(callsOf(planner.plan('more', PLANNER_TOOLS, [{ message: 'news on aave', calls: [search] }]))).toEqual([
      search,
    ]);
  });
});

describe('news', () => {
  it.each([
    ['any crypto news today?', { since: DAY_AGO, exclude_agents: ONCHAIN, limit: 5 }],
    // On-chain finds asked for, by type or by what they are: the on-chain agents' alerts too.
    ['onchain alerts about ETH', { tokens: ['ETH'], types: ['onchain'], limit: 5 }],
    ['any news about scam tokens on local today?', { since: DAY_AGO, limit: 5 }],
    ['latest news from the security-watch agent', { agents: ['security-watch'], limit: 5 }],
  ])('%s', (question, args) => {
    expect(callsOf(planner.plan(question, PLANNER_TOOLS))).toEqual([{ tool: 'intelligence.search', args }]);
  });
});

describe('a follow-up naming a window of its own', () => {
  it('drops the end of the days asked before', () => {
    const chat = conversation();
    expect(callsOf(chat.say('any news yesterday?', { items: [], next_cursor: null }).plan)).toEqual([
      {
        tool: 'intelligence.search',
        args: { since: '2026-03-09', until: '2026-03-09', exclude_agents: ONCHAIN, limit: 5 },
      },
    ]);
    expect(callsOf(chat.say('and today?', { items: [], next_cursor: null }).plan)).toEqual([
      { tool: 'intelligence.search', args: { since: DAY_AGO, exclude_agents: ONCHAIN, limit: 5 } },
    ]);
    chat.say('any news yesterday?', { items: [], next_cursor: null });
    expect(callsOf(chat.say('and in the last hour?').plan)).toEqual([
      { tool: 'intelligence.search', args: { since: '2026-03-10T11:00:00.000Z', exclude_agents: ONCHAIN, limit: 5 } },
    ]);
    // Words naming no window keep the days.
    chat.say('any news yesterday?', { items: [], next_cursor: null });
    expect(callsOf(chat.say('and for ETH?').plan)).toEqual([
      {
        tool: 'intelligence.search',
        args: { tokens: ['ETH'], since: '2026-03-09', until: '2026-03-09', exclude_agents: ONCHAIN, limit: 5 },
      },
    ]);
  });
});

describe('news from an outlet', () => {
  const article = (title: string, name: string) => ({
    ...item(0),
    title,
    source: { kind: 'news', name, url: null, author: null },
  });

  it('keeps to the outlet in a follow-up, and pages on from where the page looked through ends', () => {
    const chat = conversation();
    const first = chat.say('latest news from coindesk', {
      items: [article('Stablecoin bill advances', 'Cointelegraph'), article('ETF flows turn positive', 'CoinDesk')],
      next_cursor: 'c1',
    });
    expect(first.text).toBe(
      "The feed cannot filter by outlet, so these are CoinDesk's among the latest 2 news items:\n" +
        '- ETF flows turn positive (bearish, value 80, 2026-03-10 08:30 UTC)\n' +
        'More match: say "more" for the next page (cursor `c1`).',
    );
    const more = chat.say('more', { items: [article('Miners sell', 'Decrypt')], next_cursor: null });
    expect(callsOf(more.plan)).toEqual([
      { tool: 'intelligence.search', args: { types: ['news'], limit: 100, cursor: 'c1' } },
    ]);
    expect(more.text).toBe(
      'None of the last news item is from CoinDesk (the feed cannot filter by outlet, so I looked through those).',
    );
    expect(callsOf(chat.say('and for ETH?').plan)).toEqual([
      { tool: 'intelligence.search', args: { tokens: ['ETH'], types: ['news'], limit: 100 } },
    ]);
  });

  it("counts the outlet's items beyond those shown, and lists them all when asked for that many", () => {
    const chat = conversation();
    const page = {
      items: Array.from({ length: 7 }, (_, i) => article(`Story ${i + 1}`, 'CoinDesk')),
      next_cursor: 'c1',
    };
    const first = chat.say('latest news from coindesk', page).text.split('\n');
    expect(first[0]).toBe(
      "The feed cannot filter by outlet, so these are 5 of CoinDesk's 7 among the latest 7 news items:",
    );
    // "more" lists the other 2 first: the next page's line waits for the answer that lists them.
    expect(first.slice(6)).toEqual(['Say "more" for the other 2, or "and show 7 items" to list all 7.']);
    const all = chat.say('and show 7 items', page);
    expect(callsOf(all.plan)).toEqual([{ tool: 'intelligence.search', args: { types: ['news'], limit: 100 } }]);
    expect(all.text.split('\n')[0]).toBe(
      "The feed cannot filter by outlet, so these are CoinDesk's among the latest 7 news items:",
    );
    expect(all.text).toMatch(/- Story 7 .*\nMore match/);
    // The remaining page of the feed is said to be that.
    expect(chat.say('more', { ...page, next_cursor: null }).text.split('\n')[0]).toBe(
      "The feed cannot filter by outlet, so these are 5 of CoinDesk's 7 among the remaining 7 news items:",
    );
  });
});

describe('hacks from an outlet', () => {
  const article = (title: string, name: string) => ({
    ...item(0),
    title,
    source: { kind: 'news', name, url: null, author: null },
  });

  it('lists the outlet\'s among the week\'s latest hacks, and keeps to it on "more"', () => {
    const chat = conversation();
    const asked = chat.say('any hacks from rekt?', {
      items: [article('Bridge drained', 'Rekt News'), article('Exchange hacked', 'CoinDesk')],
      next_cursor: 'c1',
    });
    const week = '2026-03-03T12:00:00.000Z';
    expect(callsOf(asked.plan)).toEqual([
      { tool: 'intelligence.search', args: { event: ['hack'], since: week, types: ['news'], limit: 100 } },
    ]);
    expect(asked.text).toBe(
      `The feed cannot filter by outlet, so these are Rekt News's among the latest 2 hack news items since 2026-03-03 12:00 UTC:\n` +
        '- Bridge drained (bearish, value 80, 2026-03-10 08:30 UTC)\n' +
        'More match: say "more" for the next page (cursor `c1`).',
    );
    expect(callsOf(chat.say('more').plan)).toEqual([
      {
        tool: 'intelligence.search',
        args: { event: ['hack'], since: week, types: ['news'], limit: 100, cursor: 'c1' },
      },
    ]);
  });
});

describe("more of an outlet's items than a page shows", () => {
  const article = (title: string, name: string) => ({
    ...item(0),
    title,
    source: { kind: 'news', name, url: null, author: null },
  });
  const stories = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => article(`${prefix} ${i + 1}`, 'CoinDesk'));
  const others = (count: number) => Array.from({ length: count }, (_, i) => article(`Other ${i + 1}`, 'Decrypt'));
  const titles = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2, line.indexOf(' (')));

  it('"more" lists the rest of the page before the next one, and the same on a page reached with "more"', () => {
    const chat = conversation();
    const first = { items: [...stories('A', 8), ...others(12)], next_cursor: 'c1' };
    const second = { items: [...stories('B', 7), ...others(3)], next_cursor: 'c2' };
    const opened = chat.say('latest news from coindesk', first).text;
    expect(opened.split('\n').slice(6)).toEqual(['Say "more" for the other 3, or "and show 8 items" to list all 8.']);
    const rest = chat.say('more', first);
    expect(callsOf(rest.plan)).toEqual([{ tool: 'intelligence.search', args: { types: ['news'], limit: 100 } }]);
    expect(rest.text.split('\n')[0]).toBe(
      "The feed cannot filter by outlet, so these are 6–8 of CoinDesk's 8 among the latest 20 news items:",
    );
    expect(titles(rest.text)).toEqual(['A 6', 'A 7', 'A 8']);
    expect(rest.text.split('\n').at(-1)).toBe('More match: say "more" for the next page (cursor `c1`).');
    const next = chat.say('more', second);
    expect(callsOf(next.plan)).toEqual([
      { tool: 'intelligence.search', args: { types: ['news'], limit: 100, cursor: 'c1' } },
    ]);
    expect(titles(next.text)).toEqual(['B 1', 'B 2', 'B 3', 'B 4', 'B 5']);
    expect(next.text.split('\n').at(-1)).toBe('Say "more" for the other 2.');
    const last = chat.say('more', second);
    expect(callsOf(last.plan)).toEqual([
      { tool: 'intelligence.search', args: { types: ['news'], limit: 100, cursor: 'c1' } },
    ]);
    expect(last.text.split('\n')[0]).toBe(
      "The feed cannot filter by outlet, so these are 6–7 of CoinDesk's 7 among the next 10 news items:",
    );
    expect(last.text.split('\n').at(-1)).toBe('More match: say "more" for the next page (cursor `c2`).');
  });

  it('keeps to the outlet when a count is asked after "more", though the call is the one made before', () => {
    const chat = conversation();
    const first = { items: [...stories('A', 8), ...others(12)], next_cursor: 'c1' };
    chat.say('latest news from coindesk', first);
    chat.say('more', first);
    const all = chat.say('and show 8 items', first);
    expect(callsOf(all.plan)).toEqual([{ tool: 'intelligence.search', args: { types: ['news'], limit: 100 } }]);
    expect(titles(all.text)).toHaveLength(8);
    const seven = chat.say('and show 7 items', first);
    expect(seven.text.split('\n').at(-1)).toBe('Say "more" for the last one, or "and show 8 items" to list all 8.');
    expect(chat.say('more', first).text.split('\n')[0]).toBe(
      "The feed cannot filter by outlet, so these are #8 of CoinDesk's 8 among the latest 20 news items:",
    );
    expect(callsOf(chat.say('more').plan)).toEqual([
      { tool: 'intelligence.search', args: { types: ['news'], limit: 100, cursor: 'c1' } },
    ]);
  });

  it('says "That was all" only once the outlet\'s items of the last page are all listed', () => {
    const chat = conversation();
    const only = { items: [...stories('A', 12), ...others(1)], next_cursor: null };
    chat.say('latest news from coindesk', only);
    const second = chat.say('more', only);
    expect(titles(second.text)).toEqual(['A 6', 'A 7', 'A 8', 'A 9', 'A 10']);
    expect(second.text.split('\n').at(-1)).toBe('Say "more" for the other 2.');
    expect(titles(chat.say('more', only).text)).toEqual(['A 11', 'A 12']);
    expect(chat.say('more').text).toBe('That was all: the answer above lists every item that matched.');
  });
});

describe('sentiment without a window', () => {
  it('reads the last 24 h, and the last 7 days when the day holds nothing, saying so', () => {
    const plan = planner.plan('is PEPE bullish or bearish right now?', PLANNER_TOOLS);
    expect(callsOf(plan)).toEqual([
      { tool: 'intelligence.briefing', args: { window: '24h', tokens: ['PEPE'] } },
      { tool: 'intelligence.briefing', args: { window: '7d', tokens: ['PEPE'] } },
    ]);
    const chat = conversation();
    expect(chat.say('is PEPE bullish or bearish right now?', briefing('24h', 0), briefing('7d', 3)).text).toBe(
      'No items about PEPE from 2026-03-09 12:00 UTC to 2026-03-10 12:00 UTC, so I looked at the last 7 days. ' +
        'Sentiment on PEPE from 2026-03-03 12:00 UTC to 2026-03-10 12:00 UTC, over 3 items: 3 bullish, 0 bearish, 0 neutral (leaning bullish).',
    );
    expect(chat.say('is PEPE bullish or bearish right now?', briefing('24h', 2), briefing('7d', 3)).text).toMatch(
      /^Sentiment on PEPE from 2026-03-09 12:00 UTC/,
    );
  });

  it('compares coins each with its own briefings, a line each, and reads a group of coins together', () => {
    expect(callsOf(planner.plan('ARB vs OP sentiment', PLANNER_TOOLS))).toEqual([
      { tool: 'intelligence.briefing', args: { window: '24h', tokens: ['ARB'] } },
      { tool: 'intelligence.briefing', args: { window: '7d', tokens: ['ARB'] } },
      { tool: 'intelligence.briefing', args: { window: '24h', tokens: ['OP'] } },
      { tool: 'intelligence.briefing', args: { window: '7d', tokens: ['OP'] } },
    ]);
    const results = [
      briefing('24h', 2, 'ARB'),
      briefing('7d', 5, 'ARB'),
      briefing('24h', 0, 'OP'),
      briefing('7d', 1, 'OP'),
    ];
    expect(conversation().say('ARB vs OP sentiment', ...results).text).toBe(
      'Sentiment on ARB from 2026-03-09 12:00 UTC to 2026-03-10 12:00 UTC, over 2 items: 2 bullish, 0 bearish, 0 neutral (leaning bullish).\n' +
        'No items about OP from 2026-03-09 12:00 UTC to 2026-03-10 12:00 UTC, so I looked at the last 7 days. ' +
        'Sentiment on OP from 2026-03-03 12:00 UTC to 2026-03-10 12:00 UTC, over 1 item: 1 bullish, 0 bearish, 0 neutral (leaning bullish).',
    );
    expect(callsOf(planner.plan('sentiment on sol vs eth this week', PLANNER_TOOLS))).toEqual([
      { tool: 'intelligence.briefing', args: { window: '7d', tokens: ['SOL'] } },
      { tool: 'intelligence.briefing', args: { window: '7d', tokens: ['ETH'] } },
    ]);
    // Named as a group, not compared: one briefing.
    expect(callsOf(planner.plan('sentiment on sol and eth this week', PLANNER_TOOLS))).toEqual([
      { tool: 'intelligence.briefing', args: { window: '7d', tokens: ['SOL', 'ETH'] } },
    ]);
  });

  it('keeps to a window the words name', () => {
    expect(callsOf(planner.plan('is PEPE bullish this week?', PLANNER_TOOLS))).toEqual([
      { tool: 'intelligence.briefing', args: { window: '7d', tokens: ['PEPE'] } },
    ]);
  });
});

describe('details the tools do not serve', () => {
  it('says prices are in US dollars when another currency is asked', () => {
    const info = {
      symbol: 'BTC',
      name: 'Bitcoin',
      price_usd: 90_000,
      change_24h_pct: 1.5,
      market_cap_usd: null,
      volume_24h_usd: null,
      as_of: '2026-03-10T11:59:00.000Z',
      source: 'coingecko',
    };
    expect(conversation().say('btc price in EUR?', info).text).toBe(
      'Prices here are in US dollars; no tool converts them to EUR.\n' +
        'BTC (Bitcoin) is $90,000, +1.50 % in 24 h (coingecko, as of 2026-03-10T11:59:00.000Z).',
    );
    expect(conversation().say('btc price?', info).text).toMatch(/^BTC \(Bitcoin\) is \$90,000/);
    const chat = conversation();
    chat.say('btc price?', info);
    expect(chat.say('and in euros?', info).text).toMatch(
      /^Prices here are in US dollars; no tool converts them to euros\.\nBTC/,
    );
  });

  it('says a ticker is not in the token registry rather than asking which token', () => {
    for (const question of ['price of NMBX?', 'nmbx price', 'how much is $nmbx'])
      expect(planner.plan(question, PLANNER_TOOLS)).toEqual({
        kind: 'reply',
        text:
          'NMBX is not in the token registry, so I have no price for it. ' +
          'Its mentions may still be counted: osint.token_mentions ("how many mentions did NMBX get today?").',
      });
    expect(planner.plan('price?', PLANNER_TOOLS)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^Which token\?/),
    });
  });

  it("gives the 24 h change of a question over a week, saying no tool reports the week's", () => {
    const info = {
      symbol: 'BTC',
      name: 'Bitcoin',
      price_usd: 90_000,
      change_24h_pct: -1.5,
      market_cap_usd: null,
      volume_24h_usd: null,
      as_of: '2026-03-10T11:59:00.000Z',
      source: 'coingecko',
    };
    for (const question of [
      'how much did bitcoin drop this week?',
      'btc % change over 7d',
      'how did ETH perform in the last hour?',
      'how did btc do this week',
    ])
      expect(conversation().say(question, info).text).toMatch(
        /^The market data gives the 24 h change only; no tool here reports a (7d|1h) change\.\n\w+ \(\w+\) is \$90,000, −1\.50 % in 24 h/,
      );
    // A day, or no window, is what the data has: no line.
    for (const question of ['how much did bitcoin drop today?', 'btc 24h change', 'bitcoin price this week'])
      expect(conversation().say(question, info).text).toMatch(/^BTC \(Bitcoin\) is \$90,000/);
  });
});

describe('a follow-up pointing back at the coins before', () => {
  const coin = (symbol: string, change: number) => ({
    symbol,
    name: symbol,
    price_usd: 100,
    change_24h_pct: change,
    market_cap_usd: null,
    volume_24h_usd: null,
    as_of: '2026-03-10T11:59:00.000Z',
    source: 'coingecko',
    query: symbol,
  });
  const prices = { prices: [coin('BTC', 1.2), coin('ETH', -4.5), coin('SOL', 2.8)], not_found: [] };

  it('compares those coins, naming which moved most and least with their figures', () => {
    const chat = conversation();
    chat.say('compare BTC, ETH and SOL prices', prices);
    const { plan, text } = chat.say('which of those moved most in 24h?', prices);
    expect(callsOf(plan)).toEqual([{ tool: 'market.prices', args: { symbols: ['BTC', 'ETH', 'SOL'] } }]);
    expect(text).toMatch(/\nMoved most in 24 h: ETH \(−4\.50 %\); least: BTC \(\+1\.20 %\)\.$/);
  });

  it('sets two coins against each other over a week with their 24 h figures, saying no tool reports the week', () => {
    const { plan, text } = conversation().say('eth vs sol this week', {
      prices: [coin('ETH', -4.5), coin('SOL', 2.8)],
      not_found: [],
    });
    expect(callsOf(plan)).toEqual([{ tool: 'market.prices', args: { symbols: ['ETH', 'SOL'] } }]);
    expect(text).toMatch(/^The market data gives the 24 h change only; no tool here reports a 7d change\.\nPrices/);
    expect(text).toMatch(/\nMoved most in 24 h: ETH \(−4\.50 %\)\.$/);
  });

  it('asks whatever the new words ask of them', () => {
    const chat = conversation();
    chat.say('compare BTC, ETH and SOL prices', prices);
    expect(callsOf(chat.say('latest news on those', { items: [], next_cursor: null }).plan)).toEqual([
      {
        tool: 'intelligence.search',
        args: { tokens: ['BTC', 'ETH', 'SOL'], exclude_agents: ONCHAIN, limit: 5 },
      },
    ]);
  });

  it('reads "it" as the last coin named, past turns that named none', () => {
    const chat = conversation();
    chat.say('latest news on SOL', { items: [], next_cursor: null });
    chat.say('thanks');
    expect(callsOf(chat.say('price of it?').plan)).toEqual([{ tool: 'market.token_info', args: { symbol: 'SOL' } }]);
    chat.say('whats its price?');
    expect(callsOf(chat.say('news on it').plan)).toEqual([
      { tool: 'intelligence.search', args: { tokens: ['SOL'], exclude_agents: ONCHAIN, limit: 5 } },
    ]);
  });

  it('stops at a question about no coin, as the conversation turned to it', () => {
    const chat = conversation();
    chat.say('price of SOL');
    chat.say("what's the market doing?");
    expect(callsOf(chat.say('now any news?').plan)).toEqual([
      { tool: 'intelligence.search', args: { exclude_agents: ONCHAIN, limit: 5 } },
    ]);
  });
});

describe('what to set up next', () => {
  it('is the setup checklist, not a trade question', () => {
    for (const question of ['what should I set up next?', 'what do we configure next', 'next thing to set up?'])
      expect(callsOf(planner.plan(question, PLANNER_TOOLS))).toEqual([{ tool: 'onboarding.checklist', args: {} }]);
  });
});

describe('an address mistyped after one asked about', () => {
  const TOKEN = '0x1b5B644f08325244081cb5B224164F110B10eA3C';
  const WALLET = '0x8795CAEC61f393ccC760eBB021422072fFdF1eff';

  it.each([
    // A digit missing: 39 hex digits.
    [`is ${TOKEN} a scam on local?`, 'is 0x5FC8d32690cc91D4c39d9d3abcBD16989F87570 a scam on local?', /39 hex digits/],
    // A letter that is no hex digit, in a wallet's question.
    [`is ${WALLET} a scammer on local?`, `is ${WALLET.slice(0, -1)}g a scammer on local?`, /"g" is no hex digit/],
    [`is ${WALLET} a scammer on local?`, `is ${WALLET.slice(0, -1)} a scammer on local?`, /39 hex digits/],
    [`who is behind ${WALLET} on local?`, `who is behind ${WALLET}0 on local?`, /41 hex digits/],
  ])('is said to be no address, not taken for the last one: %s → %s', (first, second, why) => {
    const chat = conversation();
    expect(chat.say(first).plan.kind).toBe('call');
    const { plan, text } = chat.say(second);
    expect(plan.kind).toBe('reply');
    const typed = /0x[0-9A-Za-z]+/.exec(second)![0];
    expect(text).toMatch(new RegExp(`^${typed} is not a valid address: `));
    expect(text).toMatch(why);
    expect(text).toContain('0x followed by 40 hex digits');
  });

  it('names a Solana key as one, which the EVM checks cannot read', () => {
    const chat = conversation();
    chat.say(`is ${TOKEN} a scam on local?`);
    expect(chat.say('is 4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T a scam?').text).toMatch(
      /^4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T is a Solana address; .*0x followed by 40 hex digits/,
    );
  });

  it('leaves a follow-up that types no address on the last one', () => {
    const chat = conversation();
    chat.say(`is ${TOKEN} a scam on local?`);
    expect(callsOf(chat.say('and on base?').plan)).toEqual([
      { tool: 'naughty_coin.check_token', args: { chain: 'base', address: TOKEN } },
    ]);
  });
});

describe('a token check after a wallet dossier', () => {
  const TOKEN = '0x1b5B644f08325244081cb5B224164F110B10eA3C';
  const WALLET = '0x8795CAEC61f393ccC760eBB021422072fFdF1eff';
  /** The quick start's planner: only the embedded chain is configured. */
  const local = createLocalPlanner(
    createTokenRegistry(),
    () => NOW,
    () => ['local'],
  );

  it.each([
    [`is ${TOKEN} a honeypot on base?`, 'base is not configured'],
    [`is ${TOKEN} a scam on chain 99999?`, '99999 is not configured'],
  ])('is a token check on its own words, where none can be made: %s', (question, why) => {
    const chat = conversation(local);
    expect(callsOf(chat.say(`is ${WALLET} a scammer?`).plan)).toEqual([
      { tool: 'wallet.scam_dossier', args: { chain: 'local', address: WALLET } },
    ]);
    // As in a conversation of its own, not the dossier asked again of the new address.
    const alone = local.plan(question, PLANNER_TOOLS);
    expect(chat.say(question).plan).toEqual(alone);
    expect(alone).toEqual({
      kind: 'reply',
      text: expect.stringContaining(`No on-chain check of ${TOKEN} here: ${why}`),
    });
  });

  it('still lets a follow-up naming only the chain ask the dossier again', () => {
    const chat = conversation(local);
    chat.say(`is ${WALLET} a scammer?`);
    expect(callsOf(chat.say('and on base?').plan)).toEqual([
      { tool: 'wallet.scam_dossier', args: { chain: 'base', address: WALLET } },
    ]);
  });
});

describe('who deployed the token just checked', () => {
  const TOKEN = '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9';
  const CREATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const local = createLocalPlanner(
    createTokenRegistry(),
    () => NOW,
    () => ['local'],
  );
  const check = (top: Array<{ address: string; share_pct: number; label: string | null }>) => ({
    chain: 'local',
    address: TOKEN,
    token: { name: 'Honey', symbol: 'HNY', decimals: 18, total_supply: '1000000' },
    level: 'danger',
    score: 90,
    findings: [],
    simulation: { can_buy: true, can_sell: false, buy_tax_pct: 0, sell_tax_pct: null },
    holders: { source: 'transfer_logs', holder_count: 3, top, owner_share_pct: null, creator_share_pct: 40 },
    liquidity: null,
  });

  it.each(['who deployed it?', 'who created it?', 'who made this token?', 'who is the deployer?'])(
    'names the creator the check found, and "%s" analyses that wallet, not the token',
    (question) => {
      const chat = conversation(local);
      const checked = chat.say(`is ${TOKEN} a scam?`, check([{ address: CREATOR, share_pct: 40, label: 'creator' }]));
      expect(checked.text).toContain(`Created by ${CREATOR}, which holds 40.00 % of the supply.`);
      expect(callsOf(chat.say(question).plan)).toEqual([
        { tool: 'wallet.analyze', args: { chain: 'local', address: CREATOR } },
      ]);
    },
  );

  it('gives the dossier asked "on the deployer" of the creator too', () => {
    const chat = conversation(local);
    chat.say(`is ${TOKEN} a scam?`, check([{ address: CREATOR, share_pct: 40, label: 'creator' }]));
    expect(callsOf(chat.say('dossier on the deployer').plan)).toEqual([
      { tool: 'wallet.scam_dossier', args: { chain: 'local', address: CREATOR } },
    ]);
  });

  it('says the check did not name its creator rather than analysing the token as a wallet', () => {
    const chat = conversation(local);
    chat.say(`is ${TOKEN} a scam?`, check([]));
    expect(chat.say('who deployed it?').plan).toEqual({
      kind: 'reply',
      text: expect.stringContaining(`The check of ${TOKEN} did not name its creator`),
    });
  });
});

describe('an entry of a listing picked by its place', () => {
  const board = {
    season: { id: 'spring', name: 'Spring' },
    entries: ['Iron Hands', 'Moon Cartel', 'Gas Goblins'].map((name, i) => ({
      rank: i + 1,
      clan: { slug: name.toLowerCase().replace(' ', '-'), name },
      score: 300 - i * 50,
    })),
  };

  it.each([
    ['how is the first one doing?', 'Iron Hands'],
    ['what about the second?', 'Moon Cartel'],
    ['and #3?', 'Gas Goblins'],
    ['how is the 2nd clan doing?', 'Moon Cartel'],
    ['how is the last one doing?', 'Gas Goblins'],
  ])('"top 5 clans" then "%s" looks up %s', (question, clan) => {
    const chat = conversation();
    chat.say('top 5 clans', board);
    expect(callsOf(chat.say(question).plan)).toEqual([{ tool: 'clan.score_lookup', args: { clan } }]);
  });
});

describe('"why?" after an arbitrage search that found nothing', () => {
  const empty = {
    as_of: '2026-03-10T12:00:00.000Z',
    source: 'simulated',
    markets: 42,
    opportunities: [],
    explanation: {
      message:
        'No trade in any of 42 markets nets 0.5 % or more after taker fees. Best: buy BTC on okx at 100 USDT, sell on kraken at 100.2 USDT, -0.05 % after fees on 1 BTC (cost 100 USDT).',
    },
  };
  const reason = `${empty.explanation.message} Ask again for a fresh scan, or with a lower floor ("any arbitrage above 0.1%?").`;

  it('gives the tool’s reason from that answer: the best candidate and what it falls short by', () => {
    const chat = conversation();
    chat.say('any arbitrage above 0.5%?', empty);
    expect(chat.say('why?').text).toBe(reason);
  });

  it('reads it from the answer alone when the turn was stored without its calls', () => {
    const reply = `No arbitrage across 42 markets above 0.50 % right now (as of ${empty.as_of}). ${empty.explanation.message}`;
    const turns: Turn[] = [{ message: 'any arbitrage above 0.5%?', calls: [], reply }];
    expect(planner.plan('why?', PLANNER_TOOLS, turns)).toEqual({ kind: 'reply', text: reason });
  });

  it('still points back at an answer whose intent gives no reason', () => {
    const chat = conversation();
    chat.say('price of BTC', { quotes: [] });
    expect(chat.say('why?').text).toMatch(/^The answer above gives the reason its tool returned/);
  });
});
