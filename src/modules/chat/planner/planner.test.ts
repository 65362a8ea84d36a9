import { describe, expect, it } from 'vitest';
import { createTokenLookup } from '../../analysis/tokenLookup.ts';
import { createTokenRegistry } from '../../tokens/tokenRegistry.ts';
import { DATA_NOTE } from '../resultEnvelope.ts';
import { createLocalPlanner } from './localPlanner.ts';

const planner = createLocalPlanner(createTokenLookup(createTokenRegistry()));

const TOOLS = [
  'arbitrage.find_opportunities',
  'arbitrage.triangular',
  'arbitrage.spread',
  'clan.score_lookup',
  'clan.leaderboard',
  'clan.war_status',
  'clan.member_stats',
  'osint.discover_coins',
  'osint.token_mentions',
  'shop.generate_theme',
  'onboarding.help',
  'onboarding.checklist',
];
const ALL = new Set(TOOLS);

type Call = [tool: string, args: Record<string, unknown>];

/** Plain-English requests and the exact calls they must become, arguments in each tool's own schema. */
// biome-ignore format: one case per line: request, then the calls it must become
const PHRASINGS: Array<[string, ...Call[]]> = [
  ['find me arbitrage for BTC/USDT above 0.5%', ['arbitrage.find_opportunities', { symbol: 'BTC/USDT', min_profit_pct: 0.5, limit: 5 }]],
  ['any arbitrage opportunities on ETH/USDT over 1 percent?', ['arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 1, limit: 5 }]],
  ['arb ETH with size 2', ['arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0, size: 2, limit: 5 }]],
  ['where can I buy DOGE cheaper and sell it higher?', ['arbitrage.find_opportunities', { symbol: 'DOGE/USDT', min_profit_pct: 0, limit: 5 }]],
  ['show the top 3 arbitrage opportunities for SOL', ['arbitrage.find_opportunities', { symbol: 'SOL/USDT', min_profit_pct: 0, limit: 3 }]],
  ['is there an arb on XRP/USDT right now', ['arbitrage.find_opportunities', { symbol: 'XRP/USDT', min_profit_pct: 0, limit: 5 }]],
  ['price 2 ETH across venues', ['arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0, size: 2, limit: 5 }]],
  ['arbitrage for bitcoin above 0.25 pct', ['arbitrage.find_opportunities', { symbol: 'BTC/USDT', min_profit_pct: 0.25, limit: 5 }]],
  ['any arb for LINK?', ['arbitrage.find_opportunities', { symbol: 'LINK/USDT', min_profit_pct: 0, limit: 5 }]],
  ['cross-exchange arbitrage on ADA with amount 500', ['arbitrage.find_opportunities', { symbol: 'ADA/USDT', min_profit_pct: 0, size: 500, limit: 5 }]],
  ['triangular arbitrage on binance starting from USDT', ['arbitrage.triangular', { exchange: 'binance', start_asset: 'USDT', limit: 5 }]],
  ['find triangle cycles on kraken from BTC with 0.5 BTC', ['arbitrage.triangular', { exchange: 'kraken', start_asset: 'BTC', amount: 0.5, limit: 5 }]],
  ['best 3 triangular loops on okx', ['arbitrage.triangular', { exchange: 'okx', limit: 3 }]],
  ['any three-leg arbitrage on coinbase in ETH?', ['arbitrage.triangular', { exchange: 'coinbase', start_asset: 'ETH', limit: 5 }]],
  ['spread for BTC/USDT', ['arbitrage.spread', { symbol: 'BTC/USDT' }]],
  ["what's the eth spread?", ['arbitrage.spread', { symbol: 'ETH/USDT' }]],
  ['best bid and ask for SOL', ['arbitrage.spread', { symbol: 'SOL/USDT' }]],
  ['show me the order book top for XRP/USDT', ['arbitrage.spread', { symbol: 'XRP/USDT' }]],
  ['bid/ask on every venue for dogecoin', ['arbitrage.spread', { symbol: 'DOGE/USDT' }]],
  ['what is the spread on ETH-BTC', ['arbitrage.spread', { symbol: 'ETH/BTC' }]],
  ['How is Moon Cartel doing?', ['clan.score_lookup', { clan: 'Moon Cartel' }]],
  ['how is the clan moon-cartel doing this season', ['clan.score_lookup', { clan: 'moon-cartel' }]],
  ["what's the score of clan whale pod?", ['clan.score_lookup', { clan: 'whale pod' }]],
  ["What's Gas Goblins' score?", ['clan.score_lookup', { clan: 'Gas Goblins' }]],
  ['Show Degen Alliance standing in season 1', ['clan.score_lookup', { clan: 'Degen Alliance', season: 'season-1' }]],
  ["points for 'Satoshi Guard'", ['clan.score_lookup', { clan: 'Satoshi Guard' }]],
  ['show me the leaderboard', ['clan.leaderboard', { limit: 10 }]],
  ['top 5 clans', ['clan.leaderboard', { limit: 5 }]],
  ['which clan is winning this season?', ['clan.leaderboard', { limit: 10 }]],
  ['clan rankings for season 2', ['clan.leaderboard', { season: 'season-2', limit: 10 }]],
  ['Is Diamond Hands winning its war?', ['clan.war_status', { clan: 'Diamond Hands' }]],
  ['war status for satoshi-guard', ['clan.war_status', { clan: 'satoshi-guard' }]],
  ['Whale Pod vs Satoshi Guard', ['clan.war_status', { clan: 'Whale Pod' }]],
  ['how is the war 0b9f3c52-8a43-4d7e-9c1e-2f6a7d8e9b10 going', ['clan.war_status', { war_id: '0b9f3c52-8a43-4d7e-9c1e-2f6a7d8e9b10' }]],
  ['stats for @vega_dmnd', ['clan.member_stats', { member: 'vega_dmnd' }]],
  ['how many points does orca_moon have', ['clan.member_stats', { member: 'orca_moon' }]],
  ['member stats for lumen_sats in season 1', ['clan.member_stats', { member: 'lumen_sats', season: 'season-1' }]],
  ['what coins are trending in the last 24h?', ['osint.discover_coins', { window: '24h', limit: 10 }]],
  ['any new tokens this week?', ['osint.discover_coins', { window: '7d', limit: 10 }]],
  ['discover new coins with at least 5 mentions over 6 hours', ['osint.discover_coins', { window: '6h', min_mentions: 5, limit: 10 }]],
  ["what's hot", ['osint.discover_coins', { window: '24h', limit: 10 }]],
  ['top 5 rising memecoins today', ['osint.discover_coins', { window: '24h', limit: 5 }]],
  ['show fresh gems from the last 3 days', ['osint.discover_coins', { window: '3d', limit: 10 }]],
  ['mentions of PEPE this week', ['osint.token_mentions', { token: 'PEPE', window: '7d' }]],
  ['what are people saying about solana', ['osint.token_mentions', { token: 'SOL', window: '24h' }]],
  ['how much buzz is there around $WIF in the last 30 minutes', ['osint.token_mentions', { token: 'WIF', window: '30m' }]],
  ['how many times was PEPE mentioned yesterday', ['osint.token_mentions', { token: 'PEPE', window: '2d' }]],
  ['sentiment for dogecoin over the past week', ['osint.token_mentions', { token: 'DOGE', window: '7d' }]],
  ['mentions of 0x6982508145454ce325ddbe47a25d4ec3d2311933', ['osint.token_mentions', { token: '0x6982508145454ce325ddbe47a25d4ec3d2311933', window: '24h' }]],
  ['mentions of JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN this week', ['osint.token_mentions', { token: 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN', window: '7d' }]],
  ['generate a shop theme for my organic coffee roastery, warm and calm, brand colour #6f4e37', ['shop.generate_theme', { description: 'organic coffee roastery, warm and calm', brand_color: '#6f4e37' }]],
  ['make me a dark palette for a night club in navy', ['shop.generate_theme', { description: 'night club, dark', brand_color: '#000080' }]],
  ['design a storefront look for crypto hardware wallets with #1a73e8', ['shop.generate_theme', { description: 'crypto hardware wallets', brand_color: '#1a73e8' }]],
  ['I need a theme for a kids toy store', ['shop.generate_theme', { description: 'kids toy store' }]],
  ['a minimalist luxury jewellery store theme, gold', ['shop.generate_theme', { description: 'minimalist luxury jewellery', brand_color: '#ffd700' }]],
  ['shop colours for a surf shop using teal', ['shop.generate_theme', { description: 'surf shop', brand_color: '#008080' }]],
  ['create a colour scheme for a vintage bookshop with #abc', ['shop.generate_theme', { description: 'vintage bookshop', brand_color: '#aabbcc' }]],
  ['how do I connect Redis?', ['onboarding.help', { question: 'how do I connect Redis?', limit: 2 }]],
  ['how can I create a JWT token for a user?', ['onboarding.help', { question: 'how can I create a JWT token for a user?', limit: 2 }]],
  ['where do I configure the database URL', ['onboarding.help', { question: 'where do I configure the database URL', limit: 2 }]],
  ['which environment variables does the gateway read?', ['onboarding.help', { question: 'which environment variables does the gateway read?', limit: 2 }]],
  ['how should we deploy AlphaNest with docker', ['onboarding.help', { question: 'how should we deploy AlphaNest with docker', limit: 2 }]],
  ["what's left to set up?", ['onboarding.checklist', {}]],
  ['show my checklist', ['onboarding.checklist', {}]],
  ['am I ready for production?', ['onboarding.checklist', {}]],
  ['what are my next steps', ['onboarding.checklist', {}]],
  ['spread for BTC/USDT and the clan leaderboard', ['arbitrage.spread', { symbol: 'BTC/USDT' }], ['clan.leaderboard', { limit: 10 }]],
  ['mentions of PEPE and a shop theme for a frog merch store', ['osint.token_mentions', { token: 'PEPE', window: '24h' }], ['shop.generate_theme', { description: 'frog merch store' }]],
];

describe('the local planner', () => {
  it.each(PHRASINGS)('%s', (phrase, ...calls) => {
    expect(planner.plan(phrase, ALL)).toEqual({ kind: 'call', calls: calls.map(([tool, args]) => ({ tool, args })) });
  });

  it('is exercised on every tool', () => {
    expect(new Set(PHRASINGS.flatMap(([, ...calls]) => calls.map(([tool]) => tool)))).toEqual(ALL);
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
  });

  it.each([
    'tell me a joke',
    "what's the weather in Paris?",
    'buy me a pizza',
    'write me a poem about the sea',
    'asdf qwerty',
  ])('says it does not understand "%s" and lists what it can do', (phrase) => {
    const plan = planner.plan(phrase, ALL);
    expect(plan).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^Sorry, I didn't understand that request\.\n\nI can:\n/),
    });
    expect(plan.kind === 'reply' && plan.text.split('\n- ')).toHaveLength(TOOLS.length + 1);
  });

  it.each([
    'is this token a scam?',
    'is 0x6982508145454ce325ddbe47a25d4ec3d2311933 a honeypot?',
    'give me a dossier on this wallet',
  ])('says plainly it cannot do "%s" yet', (phrase) => {
    expect(planner.plan(phrase, ALL)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^I can't check whether a token or wallet is a scam yet\./),
    });
  });

  it.each([
    ['find arbitrage', /Which market/],
    ['how is my clan doing?', /Which clan/],
    ['triangular arbitrage please', /On which exchange/],
    ['member stats please', /Which member/],
    ['how often is it mentioned', /Which token/],
  ])('asks for what "%s" leaves out', (phrase, question) => {
    expect(planner.plan(phrase, ALL)).toMatchObject({ kind: 'reply', text: expect.stringMatching(question) });
  });

  it('offers only the tools a message may use', () => {
    const plan = planner.plan('spread for BTC/USDT', new Set(['arbitrage.find_opportunities']));
    expect(plan).toMatchObject({
      kind: 'reply',
      text: expect.stringContaining("that tool isn't enabled for this message"),
    });
    expect(plan.kind === 'reply' && plan.text).not.toContain('triangular');
  });

  it('answers from the tool results, saying so when a tool failed or its result was cut', () => {
    const leaderboard = {
      season: { id: 'season-1', name: 'Season 1', starts_at: '', ends_at: '' },
      entries: [{ rank: 1, clan: { name: 'Moon Cartel' }, score: 420 }],
    };
    const answer = planner.answer('leaderboard and spread', [
      {
        tool: 'clan.leaderboard',
        args: {},
        output: { tool: 'clan__leaderboard', tool_result: leaderboard, note: DATA_NOTE },
      },
      {
        tool: 'arbitrage.spread',
        args: { symbol: 'FOO/USDT' },
        output: {
          tool: 'arbitrage__spread',
          tool_error: { code: 'not_found', message: 'symbol: no venue lists FOO/USDT' },
        },
      },
      {
        tool: 'osint.discover_coins',
        args: {},
        output: { tool: 'osint_coin_discovery', truncated: true, partial_json: '{"tool_re' },
      },
    ]);
    expect(answer).toBe(
      'Season 1 leaderboard:\n- #1 Moon Cartel: 420 points\n\n' +
        'arbitrage.spread could not answer: symbol: no venue lists FOO/USDT\n\n' +
        'osint.discover_coins returned more than I can summarise here; the full result is in the tool call.',
    );
  });
});
