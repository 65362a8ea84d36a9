import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../../tokens/tokenRegistry.ts';
import { DATA_NOTE } from '../resultEnvelope.ts';
import { createLocalPlanner } from './localPlanner.ts';
import type { Plan, PlannedCall, Turn } from './types.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY_AGO = '2026-03-09T12:00:00.000Z';
const WEEK_AGO = '2026-03-03T12:00:00.000Z';
/** What a news question leaves out unless it names item types or an agent or asks about scam tokens: the on-chain agent's alerts. */
const ONCHAIN = ['onchain-watch'];
const planner = createLocalPlanner(createTokenRegistry(), () => NOW);

const TOOLS = [
  'naughty_coin.check_token',
  'naughty_coin.scan_new',
  'wallet.scam_dossier',
  'wallet.analyze',
  'intelligence.get',
  'intelligence.search',
  'intelligence.briefing',
  'market.token_info',
  'market.prices',
  'market.movers',
  'arbitrage.find_opportunities',
  'arbitrage.scan',
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

/** A plan's answer, its calls returning `results` in order. */
const answer = (plan: Plan, ...results: unknown[]) => {
  if (plan.kind !== 'call') throw new Error(`expected calls, got: ${plan.text}`);
  return plan.answer(
    plan.calls.map((call: PlannedCall, i) => ({
      tool: call.tool,
      args: call.args,
      output: { tool: call.tool, tool_result: results[i], note: DATA_NOTE },
    })),
  );
};

/** What a plan calls, or its reply. */
const outcome = (plan: Plan) => (plan.kind === 'call' ? { calls: plan.calls } : { reply: plan.text });
const calls = (...list: Call[]) => ({ calls: list.map(([tool, args]) => ({ tool, args })) });

/** Plain-English requests and the exact calls they must become, arguments in each tool's own schema. */
// biome-ignore format: one case per line: request, then the calls it must become
const PHRASINGS: Array<[string, ...Call[]]> = [
  // The market's hacks, without the on-chain agent's scam-token alerts, counted with them by the window's briefing.
  ['any rug pulls or hacks in the last 24 hours?', ['intelligence.search', { event: ['hack'], since: DAY_AGO, exclude_agents: ONCHAIN, limit: 10 }], ['intelligence.briefing', { window: '24h' }]],
  ['were there any exploits this week?', ['intelligence.search', { event: ['hack'], since: WEEK_AGO, exclude_agents: ONCHAIN, limit: 10 }], ['intelligence.briefing', { window: '7d' }]],
  // A security question keeps every item type ("high-value" is no item type), and a protocol named is its keyword.
  ['Show me high-value security alerts from today', ['intelligence.search', { high_value: true, since: DAY_AGO, exclude_agents: ONCHAIN, event: ['hack'], limit: 5 }]],
  ['What happened with the Lumora hack?', ['intelligence.search', { event: ['hack'], keyword: 'Lumora', since: WEEK_AGO, exclude_agents: ONCHAIN, limit: 10 }], ['intelligence.briefing', { window: '7d' }]],
  ['What happened with Lumora?', ['intelligence.search', { keyword: 'Lumora', exclude_agents: ONCHAIN, limit: 5 }]],
  // Hacks of a token named, or scam tokens asked about: the on-chain agent's alerts are the answer.
  ['any scam tokens or hacks today?', ['intelligence.search', { event: ['hack'], since: DAY_AGO, limit: 10 }]],
  ['latest news on SOL', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['SOL'], limit: 5 }]],
  ['open item 0b9f3c52-8a43-4d7e-9c1e-2f6a7d8e9b10', ['intelligence.get', { id: '0b9f3c52-8a43-4d7e-9c1e-2f6a7d8e9b10' }]],
  ['tweets from the security-watch agent about ETH between 2026-03-01 and 2026-03-05 with value above 60', ['intelligence.search', { tokens: ['ETH'], types: ['twitter'], agents: ['security-watch'], min_value: 60, since: '2026-03-01', until: '2026-03-05', limit: 5 }]],
  ['what should I buy?', ['intelligence.briefing', { window: '24h' }]],
  ["what's happening with ETH?", ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['ETH'], limit: 5 }]],
  ['any new listings on binance today?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'binance', event: ['listing'], since: DAY_AGO, limit: 5 }]],
  ['bearish news about ETH this week', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['ETH'], sentiment: ['bearish'], since: WEEK_AGO, limit: 5 }]],
  ['top 3 important headlines', ['intelligence.search', { exclude_agents: ONCHAIN, high_value: true, limit: 3 }]],
  ["Summarize today's most important crypto news", ['intelligence.briefing', { window: '24h' }]],
  ['brief me on ETH for the last week', ['intelligence.briefing', { window: '7d', tokens: ['ETH'] }]],
  ['what moved in the last hour?', ['intelligence.briefing', { window: '1h' }]],
  ['how is the sentiment on SOL?', ['intelligence.briefing', { window: '24h', tokens: ['SOL'] }], ['intelligence.briefing', { window: '7d', tokens: ['SOL'] }]],
  // A week's sentiment of a coin: its mentions' average (the classifier, as blind writers label "sentiment score avax past 3 days"), then the briefing's count.
  ['sentiment for dogecoin over the past week', ['osint.token_mentions', { token: 'DOGE', window: '7d' }], ['intelligence.briefing', { window: '7d', tokens: ['DOGE'] }]],
  ['are traders bullish on BTC?', ['intelligence.briefing', { window: '24h', tokens: ['BTC'] }], ['intelligence.briefing', { window: '7d', tokens: ['BTC'] }]],
  ['Should I buy SOL now?', ['intelligence.briefing', { window: '7d', tokens: ['SOL'] }], ['market.token_info', { symbol: 'SOL' }]],
  ['is PEPE a good investment?', ['intelligence.briefing', { window: '7d', tokens: ['PEPE'] }], ['market.token_info', { symbol: 'PEPE' }]],
  // A trade decision put as the choice itself is the same question.
  ['time to take profits on LINK?', ['intelligence.briefing', { window: '7d', tokens: ['LINK'] }], ['market.token_info', { symbol: 'LINK' }]],
  ['sell my doge or keep holding', ['intelligence.briefing', { window: '7d', tokens: ['DOGE'] }], ['market.token_info', { symbol: 'DOGE' }]],
  ['is 0x6982508145454ce325ddbe47a25d4ec3d2311933 a honeypot?', ['naughty_coin.check_token', { chain: 'ethereum', address: '0x6982508145454ce325ddbe47a25d4ec3d2311933' }]],
  ['Is PEPE a rug pull?', ['naughty_coin.check_token', { chain: 'ethereum', address: '0x6982508145454Ce325dDbE47a25d4ec3d2311933' }]],
  ['check this contract on base: 0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', ['naughty_coin.check_token', { chain: 'base', address: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913' }]],
  ['is 0x6982508145454ce325ddbe47a25d4ec3d2311933 a scammer?', ['wallet.scam_dossier', { chain: 'ethereum', address: '0x6982508145454ce325ddbe47a25d4ec3d2311933' }]],
  ['check wallet 0x833589fcd6edb6e08f4c7c32d4f71b54bda02913 on the local chain', ['wallet.scam_dossier', { chain: 'local', address: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913' }]],
  ['is 0x833589fcd6edb6e08f4c7c32d4f71b54bda02913 a scam wallet on base?', ['wallet.scam_dossier', { chain: 'base', address: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913' }]],
  ['who is behind 0x6982508145454ce325ddbe47a25d4ec3d2311933?', ['wallet.analyze', { chain: 'ethereum', address: '0x6982508145454ce325ddbe47a25d4ec3d2311933' }]],
  ['analyse wallet 0x833589fcd6edb6e08f4c7c32d4f71b54bda02913 on base', ['wallet.analyze', { chain: 'base', address: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913' }]],
  // No chain named: the chain the token registry lists the address on (USDC's contract on Base).
  ['who is behind 0x833589fcd6edb6e08f4c7c32d4f71b54bda02913, are they a scammer?', ['wallet.scam_dossier', { chain: 'base', address: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913' }]],
  ['any rug pulls on solana this week?', ['intelligence.search', { event: ['hack'], tokens: ['SOL'], since: WEEK_AGO, limit: 10 }]],
  ['price of ETH?', ['market.token_info', { symbol: 'ETH' }]],
  ["what's bitcoin trading at", ['market.token_info', { symbol: 'BTC' }]],
  ['how much is SOL right now', ['market.token_info', { symbol: 'SOL' }]],
  ['market cap of PEPE', ['market.token_info', { symbol: 'PEPE' }]],
  ['$DOGE', ['market.token_info', { symbol: 'DOGE' }]],
  ['BTC, ETH and SOL prices', ['market.prices', { symbols: ['BTC', 'ETH', 'SOL'] }]],
  ['top gainers today?', ['market.movers', { direction: 'gainers' }]],
  ['biggest losers in the last 24h?', ['market.movers', { direction: 'losers' }]],
  ["what's pumping", ['market.movers', { direction: 'gainers' }]],
  ['best performing coins', ['market.movers', { direction: 'gainers' }]],
  ['worst 10 performers today', ['market.movers', { direction: 'losers', limit: 10 }]],
  ['top 0 gainers', ['market.movers', { direction: 'gainers' }]],
  ['top 10 movers', ['market.movers', { direction: 'both', limit: 10 }]],
  // Which coins moved, or what moved them: the briefing the labelled phrasings give "what moved", and the movers.
  ['what moved the most today?', ['intelligence.briefing', { window: '24h' }], ['market.movers', { direction: 'both' }]],
  ["what's moving the most right now", ['market.movers', { direction: 'both' }]],
  ["what's pumping in mentions", ['osint.discover_coins', { window: '24h', limit: 10 }]],
  ['is eth pumping rn', ['market.token_info', { symbol: 'ETH' }]],
  ['compare LINK and AVAX', ['market.prices', { symbols: ['LINK', 'AVAX'] }]],
  ['price of 0x6982508145454ce325ddbe47a25d4ec3d2311933', ['market.token_info', { address: '0x6982508145454ce325ddbe47a25d4ec3d2311933', chain: 'ethereum' }]],
  ['any arbitrage right now?', ['arbitrage.scan', { min_profit_pct: 0, limit: 5 }]],
  ['top 10 arbitrage opportunities across all markets above 0.3%', ['arbitrage.scan', { min_profit_pct: 0.3, limit: 10 }]],
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
  ['Who is leading the current clan war?', ['clan.war_status', {}]],
  ["who's winning the war right now", ['clan.war_status', {}]],
  ['war status for satoshi-guard', ['clan.war_status', { clan: 'satoshi-guard' }]],
  ['Whale Pod vs Satoshi Guard', ['clan.war_status', { clan: 'Whale Pod' }]],
  ['how is the war 0b9f3c52-8a43-4d7e-9c1e-2f6a7d8e9b10 going', ['clan.war_status', { war_id: '0b9f3c52-8a43-4d7e-9c1e-2f6a7d8e9b10' }]],
  ['stats for @vega_dmnd', ['clan.member_stats', { member: 'vega_dmnd' }]],
  ['how many points does orca_moon have', ['clan.member_stats', { member: 'orca_moon' }]],
  ['member stats for lumen_sats in season 1', ['clan.member_stats', { member: 'lumen_sats', season: 'season-1' }]],
  ['what coins are trending in the last 24h?', ['osint.discover_coins', { window: '24h', limit: 10 }]],
  ['any new tokens this week?', ['osint.discover_coins', { window: '7d', limit: 10 }]],
  ['discover new coins with at least 5 mentions over 6 hours', ['osint.discover_coins', { window: '6h', min_mentions: 5, limit: 10 }]],
  // Labelled both ways by blind writers ("what's hot rn" a briefing, "what's hot right now" coins); with the fifth and sixth training sets the classifier reads a briefing.
  ["what's hot", ['intelligence.briefing', { window: '24h' }]],
  ['top 5 rising memecoins today', ['osint.discover_coins', { window: '24h', limit: 5 }]],
  ['show fresh gems from the last 3 days', ['osint.discover_coins', { window: '3d', limit: 10 }]],
  ['mentions of PEPE this week', ['osint.token_mentions', { token: 'PEPE', window: '7d' }]],
  // What people say is the news about it first, as the labelled phrasings read it (routing-training.jsonl, the holdouts).
  ['what are people saying about solana', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['SOL'], limit: 5 }]],
  // The one subject word no other filter reads is the keyword; a coin of two words is that coin, not the first word's.
  ['any stories about blackrock?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'blackrock', limit: 5 }]],
  // A word after the coin narrows the coin's news to it; a word asking about the coin itself does not.
  ["what's the latest news on bitcoin ETFs", ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['BTC'], keyword: 'ETFs', limit: 5 }]],
  ['any news on solana price?', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['SOL'], limit: 5 }]],
  // "from" opens when it asks about, no topic; a topic of a few words is the keyword without its article, a coin's name the coin.
  ['show me bearish news about solana from last week', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['SOL'], sentiment: ['bearish'], since: WEEK_AGO, limit: 5 }]],
  ['anything about tornado cash?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'tornado cash', limit: 5 }]],
  ['is there anything about an ETF approval?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'ETF approval', limit: 5 }]],
  ['any updates on mt gox repayments', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'mt gox repayments', limit: 5 }]],
  ['anything about bitcoin cash?', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['BCH'], limit: 5 }]],
  // Days named are whole UTC days (NOW is a Tuesday): yesterday that day, the weekend Saturday and Sunday, for the briefing too.
  ['ETH news yesterday', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['ETH'], since: '2026-03-09', until: '2026-03-09', limit: 5 }]],
  ['news about ETH from yesterday', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['ETH'], since: '2026-03-09', until: '2026-03-09', limit: 5 }]],
  ['anything since yesterday?', ['intelligence.search', { exclude_agents: ONCHAIN, since: '2026-03-09', limit: 5 }]],
  ['any hacks over the weekend?', ['intelligence.search', { event: ['hack'], exclude_agents: ONCHAIN, since: '2026-03-07', until: '2026-03-08', limit: 10 }]],
  ['what happened to bitcoin over the weekend', ['intelligence.briefing', { window: '2d', until: '2026-03-08', tokens: ['BTC'] }]],
  // A name in capitals saying something is that project's news, though a setting shares a word with it (VAULT_ADDR).
  ['what did Halcyon Vaults say?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'Halcyon Vaults', limit: 5 }]],
  ['Did Halcyon Vaults say anything?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'Halcyon Vaults', limit: 5 }]],
  // One word is a name too ("Coinbase", "Vitalik"), unless it is this platform or one of its parts.
  ['what did Coinbase say?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'coinbase', limit: 5 }]],
  ['what did Vitalik say?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'Vitalik', limit: 5 }]],
  ['Has Lumora Labs announced anything?', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'Lumora Labs', limit: 5 }]],
  ['anything about bitcoin going up?', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['BTC'], limit: 5 }]],
  ['litecoin and bitcoin cash prices', ['market.prices', { symbols: ['LTC', 'BCH'] }]],
  ['quote hedera, stellar and algorand', ['market.prices', { symbols: ['HBAR', 'XLM', 'ALGO'] }]],
  ['items with a value score of 90 or more', ['intelligence.search', { min_value: 90, limit: 5 }]],
  // An outlet named is its news, not the classifier's "new coins".
  ['news from coindesk', ['intelligence.search', { types: ['news'], limit: 100 }]],
  ['recap of the past fortnight', ['intelligence.briefing', { window: '14d' }]],
  // Two asks: the first one's tool first.
  [
    "what's sol at and any news behind it",
    ['market.token_info', { symbol: 'SOL' }],
    ['intelligence.search', { tokens: ['SOL'], exclude_agents: ONCHAIN, limit: 5 }],
  ],
  // "any", "some" ask for news; they name no topic of it.
  ['price of SOL and any news?', ['market.token_info', { symbol: 'SOL' }], ['intelligence.search', { tokens: ['SOL'], exclude_agents: ONCHAIN, limit: 5 }]],
  ['whats eth at, plus some news?', ['market.token_info', { symbol: 'ETH' }], ['intelligence.search', { tokens: ['ETH'], exclude_agents: ONCHAIN, limit: 5 }]],
  ['price of ETH and some news', ['market.token_info', { symbol: 'ETH' }], ['intelligence.search', { tokens: ['ETH'], exclude_agents: ONCHAIN, limit: 5 }]],
  ['any news?', ['intelligence.search', { exclude_agents: ONCHAIN, limit: 5 }]],
  ['arb over half a percent on any market', ['arbitrage.scan', { min_profit_pct: 0.5, limit: 5 }]],
  // A setting or part named without a verb is a setup question.
  ['docker compose?', ['onboarding.help', { question: 'docker compose?', limit: 2 }]],
  ['how many points does gas goblins have', ['clan.score_lookup', { clan: 'gas goblins' }]],
  // A strong cue for one intent ("vibes" for a mood) does not outvote the classifier's reading of the whole request.
  ['make me a theme for my surf shop, chill vibes', ['shop.generate_theme', { description: 'surf shop, chill vibes' }]],
  ['how much buzz is there around $WIF in the last 30 minutes', ['osint.token_mentions', { token: 'WIF', window: '30m' }]],
  ['how many times was PEPE mentioned yesterday', ['osint.token_mentions', { token: 'PEPE', window: '2d' }]],
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
  // A user new to the platform gets their own first steps; running it from the repository is the docs'.
  ["I'm new here, how do I get started?", ['onboarding.checklist', {}]],
  ['where do I start?', ['onboarding.checklist', {}]],
  ['how do I start the platform', ['onboarding.help', { question: 'how do I start the platform', limit: 2 }]],
  ["i'm a total beginner, i cloned the repo, now what?", ['onboarding.help', { question: "i'm a total beginner, i cloned the repo, now what?", limit: 2 }]],
  ['spread for BTC/USDT and the clan leaderboard', ['arbitrage.spread', { symbol: 'BTC/USDT' }], ['clan.leaderboard', { limit: 10 }]],
  ['mentions of PEPE and a shop theme for a frog merch store', ['osint.token_mentions', { token: 'PEPE', window: '24h' }], ['shop.generate_theme', { description: 'frog merch store' }]],
  // Coins by CoinGecko id, misspelt, or as a word-like ticker in a list (the token registry's `resolve` and `closest`).
  ['market cap of fetch-ai', ['market.token_info', { symbol: 'FET' }]],
  ['price of etherium', ['market.token_info', { symbol: 'ETH' }]],
  ['prices for eth, link and uni', ['market.prices', { symbols: ['ETH', 'LINK', 'UNI'] }]],
  ['arb PEPE with size 2m', ['arbitrage.find_opportunities', { symbol: 'PEPE/USDT', min_profit_pct: 0, size: 2_000_000, limit: 5 }]],
  ['r ppl fudding LINK?', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['LINK'], sentiment: ['bearish'], limit: 5 }]],
  // New pools, chains by name or id, and an address whose case is no valid checksum, passed on as typed: the tool refuses it.
  ['scan the new pools on base for scams', ['naughty_coin.scan_new', { chain: 'base' }]],
  ['any risky new tokens on the local chain since block 120?', ['naughty_coin.scan_new', { chain: 'local', from_block: 120 }]],
  ['wallet 0x41ad7c4ca2c968e0088bef298c0c12bb1c9af129 on chain 8453, is it a scammer?', ['wallet.scam_dossier', { chain: 'base', address: '0x41ad7c4ca2c968e0088bef298c0c12bb1c9af129' }]],
  ['can the owner of 0xE3d1F828ED768F180c7b371ED3D3Ee6a8eA7F677 on polygon mint more tokens', ['naughty_coin.check_token', { chain: 'polygon', address: '0xE3d1F828ED768F180c7b371ED3D3Ee6a8eA7F677' }]],
  // Clan names in lower case, where a clan sentence puts a name.
  ['moon cartel score?', ['clan.score_lookup', { clan: 'moon cartel' }]],
  ["who's winning the diamond hands war", ['clan.war_status', { clan: 'diamond hands' }]],
  // A tool asked for by its name.
  ['run discover_coins over 12h', ['osint.discover_coins', { window: '12h', limit: 10 }]],
  ['market.token_info for avax', ['market.token_info', { symbol: 'AVAX' }]],
  // Coins that read as words, where a sentence puts a coin; market figures asked without "price".
  ['is near trading above ten bucks', ['market.token_info', { symbol: 'NEAR' }]],
  ['near 7d % change', ['market.token_info', { symbol: 'NEAR' }]],
  ['headlines about link', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['LINK'], limit: 5 }]],
  // Sentiment as a figure is the mentions tool's average; one side of a trade is the spread.
  ['mean sentiment score of bonk over 3 days', ['osint.token_mentions', { token: 'BONK', window: '3d' }]],
  ['best exchange to offload 3 sol', ['arbitrage.spread', { symbol: 'SOL/USDT' }]],
  // How the platform itself works is a question for its docs.
  ['how is the risk score worked out', ['onboarding.help', { question: 'how is the risk score worked out', limit: 2 }]],
  ['redis config', ['onboarding.help', { question: 'redis config', limit: 2 }]],
  // What the platform does by default, and which agent does what, are questions for its docs.
  ["what's the default chat timeout", ['onboarding.help', { question: "what's the default chat timeout", limit: 2 }]],
  ['which agents read reddit', ['onboarding.help', { question: 'which agents read reddit', limit: 2 }]],
  // Slots: windows written out, mood words, a clan opening or closing its request, a list of word-like tickers.
  ['catch me up on the past two weeks', ['intelligence.briefing', { window: '14d' }]],
  ['any gloomy news about ada', ['intelligence.search', { exclude_agents: ONCHAIN, tokens: ['ADA'], sentiment: ['bearish'], limit: 5 }]],
  ['diamond hands at war right now?', ['clan.war_status', { clan: 'diamond hands' }]],
  ['points and events for moon cartel', ['clan.score_lookup', { clan: 'moon cartel' }]],
  ['brief me on my bag: uni, aave, near', ['intelligence.briefing', { window: '24h', tokens: ['AAVE', 'UNI', 'NEAR'] }]],
  // A valuation is a trade decision: the same data as "should I buy", and the same line.
  ['is SOL overvalued here', ['intelligence.briefing', { window: '7d', tokens: ['SOL'] }], ['market.token_info', { symbol: 'SOL' }]],
  // Kinds holdout 7 showed: a range of days, a contract asked about as a buy, the ends of a list, a coin as
  // a verb's subject, two exchanges set against each other, triangular slang, a clan's position, live or demo data.
  ['rug pulls between the 1st and the 5th', ['intelligence.search', { event: ['hack'], since: '2026-03-01', until: '2026-03-05', exclude_agents: ONCHAIN, limit: 10 }]],
  ['my friend say buy 0x646f1c80804ffc294b97d4d0136d4cd2c4c194b1 on bsc, good investment?', ['naughty_coin.check_token', { chain: 'bsc', address: '0x646f1c80804ffc294b97d4d0136d4cd2c4c194b1' }]],
  ['quote me link, uni and aave', ['market.prices', { symbols: ['LINK', 'UNI', 'AAVE'] }]],
  ['did stellar pump today?', ['market.token_info', { symbol: 'XLM' }]],
  ['is the bybit/coinbase gap on link worth it after fees?', ['arbitrage.find_opportunities', { symbol: 'LINK/USDT', min_profit_pct: 0, limit: 5 }]],
  ['tri arb okx w/ 500 usdt', ['arbitrage.triangular', { exchange: 'okx', start_asset: 'USDT', amount: 500, limit: 5 }]],
  ['what position is diamond hands in', ['clan.score_lookup', { clan: 'diamond hands' }]],
  ['am i on live coingecko prices or the simulated ones?', ['onboarding.checklist', {}]],
  // Kinds the third training set showed: events, value floors, types ruled out and keywords in other words;
  // new pools without "scan"; what a contract can do, or a mixer, with an address; amounts before tickers;
  // clans placed or at war; which way talk moves; both sides of the mood; slang for a briefing.
  ['vc deals announced lately?', ['intelligence.search', { exclude_agents: ONCHAIN, event: ['funding'], limit: 5 }]],
  ['newsfeed items scored 90+', ['intelligence.search', { min_value: 90, limit: 5 }]],
  ['catch me up on xrp news only, no tweets', ['intelligence.search', { tokens: ['XRP'], types: ['news'], limit: 5 }]],
  ["headlines w/ 'staking' in them", ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'staking', limit: 5 }]],
  ['find me anything that mentions grayscale', ['intelligence.search', { exclude_agents: ONCHAIN, keyword: 'grayscale', limit: 5 }]],
  ["honeypot sweep across today's new ethereum pairs", ['naughty_coin.scan_new', { chain: 'ethereum' }]],
  ['pausable contract? 0xbb53c05a2a4802ba4aa515abafe07716ea0e39bd arbitrum', ['naughty_coin.check_token', { chain: 'arbitrum', address: '0xbb53c05a2a4802ba4aa515abafe07716ea0e39bd' }]],
  ['mixer exposure for 0x9c9f0c0132042a83c07f7e0acab799d0058e1a31, eth mainnet?', ['wallet.scam_dossier', { chain: 'ethereum', address: '0x9c9f0c0132042a83c07f7e0acab799d0058e1a31' }]],
  ['i hold 3 avax, 40 link and 1200 algo, whats the usd value of each', ['market.prices', { symbols: ['AVAX', 'LINK', 'ALGO'] }]],
  ['is satoshi guard in a war', ['clan.war_status', { clan: 'satoshi guard' }]],
  ["where's degen alliance placed", ['clan.score_lookup', { clan: 'degen alliance' }]],
  ['kaspa buzz rising or fading?', ['osint.token_mentions', { token: 'KAS', window: '24h' }]],
  ['is the news flow on dogecoin positive or negative lately', ['intelligence.briefing', { window: '24h', tokens: ['DOGE'] }], ['intelligence.briefing', { window: '7d', tokens: ['DOGE'] }]],
  ['sitrep', ['intelligence.briefing', { window: '24h' }]],
  ["what's stellar going for", ['market.token_info', { symbol: 'XLM' }]],
  ['binance loop check, 500 usdt notional', ['arbitrage.triangular', { exchange: 'binance', start_asset: 'USDT', amount: 500, limit: 5 }]],
  ['where does the arb engine get its order books from', ['onboarding.help', { question: 'where does the arb engine get its order books from', limit: 2 }]],
  ['is this node actually talking to redis or just caching in memory', ['onboarding.checklist', {}]],
  ['scan arb min_profit=0.2', ['arbitrage.scan', { min_profit_pct: 0.2, limit: 5 }]],
  ['okx triangle from usdt, 500', ['arbitrage.triangular', { exchange: 'okx', start_asset: 'USDT', amount: 500, limit: 5 }]],
  ['scan the base chain starting at block 900', ['naughty_coin.scan_new', { chain: 'base', from_block: 900 }]],
  ['mvp of whale pod?', ['clan.score_lookup', { clan: 'whale pod' }]],
  ['how high is gas goblins ranked', ['clan.score_lookup', { clan: 'gas goblins' }]],
  ['which of the big coins got hammered the hardest this week', ['market.movers', { direction: 'losers' }]],
  ['bakery webshop, warm and rustic, #c84', ['shop.generate_theme', { description: 'bakery webshop, warm and rustic', brand_color: '#cc8844' }]],
  ['sol + jup, three-week overview', ['intelligence.briefing', { window: '21d', tokens: ['SOL', 'JUP'] }]],
  ['sui or apt for a long-term hold?', ['intelligence.briefing', { window: '7d', tokens: ['SUI', 'APT'] }], ['market.prices', { symbols: ['SUI', 'APT'] }]],
  ['thinking about moving my idle USDT into solana, is it smart to buy now?', ['intelligence.briefing', { window: '7d', tokens: ['SOL'] }], ['market.token_info', { symbol: 'SOL' }]],
  ['rune (ex-thorchain) price', ['market.token_info', { symbol: 'RUNE' }]],
  ['quotes for link and near', ['market.prices', { symbols: ['LINK', 'NEAR'] }]],
  ['headlines with the word stablecoin in them', ['intelligence.search', { keyword: 'stablecoin', exclude_agents: ONCHAIN, limit: 5 }]],
  ['where did 0x1111111111111111111111111111111111111111 get its funds from? base', ['wallet.analyze', { chain: 'base', address: '0x1111111111111111111111111111111111111111' }]],
  ["where's the link chatter coming from?", ['osint.token_mentions', { token: 'LINK', window: '24h' }]],
  ['prices of sol and arb?', ['market.prices', { symbols: ['SOL', 'ARB'] }]],
  // "arb" and another coin with "vs" ending the sentence is the Arbitrum ticker, not arbitrage slang.
  ['sentiment on arb vs op', ['intelligence.briefing', { window: '24h', tokens: ['ARB'] }], ['intelligence.briefing', { window: '7d', tokens: ['ARB'] }], ['intelligence.briefing', { window: '24h', tokens: ['OP'] }], ['intelligence.briefing', { window: '7d', tokens: ['OP'] }]],
  ['who bled the most among the majors today', ['market.movers', { direction: 'losers' }]],
  ['ada bag: sell now or hold?', ['intelligence.briefing', { window: '7d', tokens: ['ADA'] }], ['market.token_info', { symbol: 'ADA' }]],
  ['run the scanner on hardhat from genesis', ['naughty_coin.scan_new', { chain: 'local', from_block: 0 }]],
  ['does 0x2222222222222222222222222222222222222222 have links to known scammers? base', ['wallet.scam_dossier', { chain: 'base', address: '0x2222222222222222222222222222222222222222' }]],
  ['what contracts has 0x2222222222222222222222222222222222222222 deployed on base', ['wallet.analyze', { chain: 'base', address: '0x2222222222222222222222222222222222222222' }]],
  ['lp --min 0.3 --symbol ETH/USDT arb', ['arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0.3, limit: 5 }]],
  ['discover_coins window=6h min_mentions=3', ['osint.discover_coins', { window: '6h', min_mentions: 3, limit: 10 }]],
  ['brief me on near, last 12h', ['intelligence.briefing', { window: '12h', tokens: ['NEAR'] }]],
  ['what place is moon cartel in', ['clan.score_lookup', { clan: 'moon cartel' }]],
  ['full ranking of every clan', ['clan.leaderboard', { limit: 10 }]],
  // In a comparison, "and" between two coins lists them for one request, not two ("compare ARB" and "OP sentiment").
  ['compare ARB and OP sentiment', ['intelligence.briefing', { window: '24h', tokens: ['ARB'] }], ['intelligence.briefing', { window: '7d', tokens: ['ARB'] }], ['intelligence.briefing', { window: '24h', tokens: ['OP'] }], ['intelligence.briefing', { window: '7d', tokens: ['OP'] }]],
  ['compare ETH + SOL sentiment', ['intelligence.briefing', { window: '24h', tokens: ['ETH'] }], ['intelligence.briefing', { window: '7d', tokens: ['ETH'] }], ['intelligence.briefing', { window: '24h', tokens: ['SOL'] }], ['intelligence.briefing', { window: '7d', tokens: ['SOL'] }]],
  ['compare eth and sol sentiment', ['intelligence.briefing', { window: '24h', tokens: ['ETH'] }], ['intelligence.briefing', { window: '7d', tokens: ['ETH'] }], ['intelligence.briefing', { window: '24h', tokens: ['SOL'] }], ['intelligence.briefing', { window: '7d', tokens: ['SOL'] }]],
  // Coins set against each other over a time are their prices, not a clan war; "arb" there is the ticker.
  ['eth vs sol this week', ['market.prices', { symbols: ['ETH', 'SOL'] }]],
  ['arb vs op this week', ['market.prices', { symbols: ['ARB', 'OP'] }]],
  ['arb vs op This Week', ['market.prices', { symbols: ['ARB', 'OP'] }]],
  ['sol vs eth performance this week', ['market.prices', { symbols: ['SOL', 'ETH'] }]],
  ['any arb this week', ['arbitrage.scan', { min_profit_pct: 0, limit: 5 }]],
  // How a coin did is its market data; how a clan did, its standing.
  ['how did eth do this week', ['market.token_info', { symbol: 'ETH' }]],
  ['how did moon cartel do this week', ['clan.score_lookup', { clan: 'moon cartel' }]],
];

describe('the local planner', () => {
  it.each(PHRASINGS)('%s', (phrase, ...expected) => {
    expect(outcome(planner.plan(phrase, ALL))).toEqual(calls(...expected));
  });

  it('is exercised on every tool', () => {
    expect(new Set(PHRASINGS.flatMap(([, ...expected]) => expected.map(([tool]) => tool)))).toEqual(ALL);
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
  });

  it.each([
    'tell me a joke',
    "what's the weather in Paris?",
    'buy me a pizza',
    'write me a poem about the sea',
    'asdf qwerty',
  ])('answers "%s" it does not understand with one line of what it can do', (phrase) => {
    const plan = planner.plan(phrase, ALL);
    expect(plan).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(
        /^Sorry, I didn't understand that\. I can help with token prices, market news and sentiment, scam checks, wallet dossiers, arbitrage, Clan Warz, trending coins, shop themes and setting up AlphaNest; say "help" for examples\.$/,
      ),
    });
  });

  it('answers what two things are without a tool: tools named by what they do, else one line', () => {
    expect(planner.plan('what is the difference between scan_new and check_token?', ALL)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^`naughty_coin\.check_token`: .*\n`naughty_coin\.scan_new`: /),
    });
    expect(planner.plan('wash trading vs spoofing, what is the difference', ALL)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(
        /^That asks what words mean, which the platform's data does not answer\. I can help with/,
      ),
    });
  });

  it("says which market figures no tool reports instead of answering with today's price", () => {
    for (const phrase of [
      'historical btc prices?',
      'what are gas fees on ethereum',
      'btc dominance today',
      'plot bitcoin over the last 90 days',
    ])
      expect(planner.plan(phrase, ALL)).toMatchObject({
        kind: 'reply',
        text: expect.stringMatching(/^I have current prices only/),
      });
  });

  it('says in one line that there are no price alerts, and what comes nearest, however it is asked', () => {
    for (const phrase of [
      'How do I set up a price alert as a new user?',
      'can I get notified when BTC hits 100k?',
      'alert me when eth drops below 3000',
    ])
      expect(planner.plan(phrase, ALL)).toMatchObject({
        kind: 'reply',
        text: expect.stringMatching(
          /^AlphaNest has no price alerts\. The nearest it does: the live stream .* following an agent/,
        ),
      });
    // Alerts the platform does push are set up from the docs.
    expect(planner.plan('how do i set up telegram alerts', ALL)).toMatchObject({ kind: 'call' });
  });

  it('says it cannot act, explain concepts or guess an exchange, rather than answering with a nearby tool', () => {
    for (const phrase of [
      'kick pike_moon from moon cartel',
      'buy 1 btc for me',
      'do the first one for me',
      'declare war on whale pod',
      'restart my server',
      'can you just execute the best arb',
      'market order 100 sol pls',
    ])
      expect(planner.plan(phrase, ALL)).toMatchObject({
        kind: 'reply',
        text: expect.stringMatching(/^I can look things up, but I cannot act/),
      });
    expect(converse('eth arb opps', 'cool, place both legs for me with 1 eth').at(-1)).toMatchObject({
      reply: expect.stringMatching(/^I can look things up, but I cannot act/),
    });
    // The same verbs as nouns, or with nothing they act on, ask a question.
    for (const question of ['bridge hack news?', 'stake rewards on eth?', 'kick off of fed meeting news'])
      expect(planner.plan(question, ALL).kind, question).toBe('call');
    for (const question of [
      'transfer fees on ethereum today',
      'withdraw delays at binance?',
      'place where whales buy?',
    ])
      expect(planner.plan(question, ALL), question).not.toMatchObject({
        text: expect.stringMatching(/^I can look things up, but I cannot act/),
      });
    expect(planner.plan('explain what triangular arbitrage is in simple words', ALL)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^That asks what words mean/),
    });
    // Cycles run on one exchange: the user names it.
    expect(planner.plan('triangular arbitrage please', ALL)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^On which exchange\?/),
    });
    expect(planner.plan('what was the sol price on 1 march 2025', ALL)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^I have current prices only/),
    });
  });

  it('answers what a rug pull or a honeypot is with a definition and the question that looks it up', () => {
    for (const question of ["what's a rug pull?", 'what does rug pull mean?', 'whats a rugpull', 'define rug pull']) {
      expect(planner.plan(question, ALL)).toEqual({
        kind: 'reply',
        text: expect.stringMatching(
          /^A rug pull is .*\. To see it in the data, ask "any rug pulls this week\?" to see recent ones\.$/,
        ),
      });
    }
    expect(planner.plan('what is a honeypot?', ALL)).toMatchObject({ kind: 'reply', text: /^A honeypot is a token / });
    // Without the feed's search offered, the definition alone.
    expect(planner.plan("what's a rug pull?", new Set(['onboarding.help']))).toEqual({
      kind: 'reply',
      text: expect.stringMatching(/^A rug pull is [^"]*\.$/),
    });
    // Asking for the events, or a check of a token, is no definition question.
    expect(planner.plan('any rug pulls this week?', ALL)).toMatchObject({
      kind: 'call',
      calls: [{ tool: 'intelligence.search', args: { event: ['hack'] } }, { tool: 'intelligence.briefing' }],
    });
    expect(planner.plan('is PEPE a rug pull?', ALL)).toMatchObject({
      kind: 'call',
      calls: [{ tool: 'naughty_coin.check_token' }],
    });
  });

  it('points back at the answer when asked why it came out so', () => {
    const turns: Turn[] = [];
    const first = planner.plan('arbitrage for BTC above 0.5%', ALL);
    turns.push({ message: 'arbitrage for BTC above 0.5%', calls: first.kind === 'call' ? first.calls : [] });
    expect(planner.plan('why not?', ALL, turns)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^The answer above gives the reason its tool returned/),
    });
  });

  it('lists every capability when asked for help', () => {
    for (const phrase of ['help', 'what can you do?', 'what can u do']) {
      const plan = planner.plan(phrase, ALL);
      expect(plan.kind === 'reply' && plan.text.split('\n- ').length).toBeGreaterThan(8);
    }
  });

  it('asks which wallet when a dossier is asked without an address', () => {
    expect(planner.plan('give me a dossier on this wallet', ALL)).toMatchObject({
      kind: 'reply',
      text: expect.stringMatching(/^Which wallet\? Give its address/),
    });
  });

  it.each([
    ['how is my clan doing?', /Which clan/],
    ['how are we doing in the war?', /Which clan/],
    ['member stats please', /Which member/],
    ['how often is it mentioned', /Which token/],
    ['what is the price?', /Which token/],
    ['is this token a scam?', /Give its contract address/],
    ['is BTC a honeypot?', /BTC is not a token contract I can check/],
    ['scan new pools for scams', /On which chain/],
    [
      'rug check 0x7c9ef6d60fea74f0c886622f0e8dee892a966043',
      /On which chain is 0x7c9ef6d60fea74f0c886622f0e8dee892a966043\?/,
    ],
    ['price of the token at 0x7b573c52a4b5a313b83e7303b0df54cb96c86a6c', /On which chain/],
    ['shop theme pls', /What does the shop sell/],
  ])('asks for what "%s" leaves out', (phrase, question) => {
    expect(planner.plan(phrase, ALL)).toMatchObject({ kind: 'reply', text: expect.stringMatching(question) });
  });

  describe('an address written without its chain', () => {
    const ADDRESS = '0x9599a1b2c3d4e5f60718293a4b5c6d7e8f9007b1';
    const on = (...chains: string[]) =>
      createLocalPlanner(
        createTokenRegistry(),
        () => NOW,
        () => chains,
      );

    it.each([
      [`Is ${ADDRESS} a scam token?`, 'naughty_coin.check_token'],
      [`is ${ADDRESS} a scammer wallet?`, 'wallet.scam_dossier'],
      [`who is behind ${ADDRESS}`, 'wallet.analyze'],
    ])('is looked at on the only chain configured, which the answer names: %s', (question, tool) => {
      const plan = on('local').plan(question, ALL);
      expect(outcome(plan)).toEqual(calls([tool, { chain: 'local', address: ADDRESS }]));
      expect(plan.kind === 'call' && plan.answer([]).split('\n')[0]).toBe('On local, the only chain configured here:');
    });

    it('is asked about offering only the chains configured', () => {
      expect(on('ethereum', 'base').plan(`Is ${ADDRESS} a scam token?`, ALL)).toEqual({
        kind: 'reply',
        text: `On which chain is ${ADDRESS}? For example "${ADDRESS} on ethereum" (ethereum or base).`,
      });
      expect(on('ethereum', 'base').plan('scan the new pools for scams', ALL)).toEqual({
        kind: 'reply',
        text: 'On which chain? For example "scan the new pools on ethereum" (ethereum or base).',
      });
    });

    it('scans the new pools of the only chain configured', () => {
      expect(outcome(on('local').plan('scan the new pools for scams', ALL))).toEqual(
        calls(['naughty_coin.scan_new', { chain: 'local' }]),
      );
    });

    it("answers a token on a chain not configured with the feed's security items and how to enable the check", () => {
      const search = ['intelligence.search', { event: ['hack'], tokens: ['PEPE'], limit: 5 }] as Call;
      for (const question of ['is PEPE a rug pull?', 'is PEPE a scam?'])
        expect(outcome(on('local').plan(question, ALL))).toEqual(calls(search));
      const plan = on('local').plan('is PEPE a rug pull?', ALL);
      const rugged = {
        title: 'PEPE clone rug pulls 2M',
        tokens: [{ symbol: 'PEPE' }],
        sentiment: { label: 'bearish' },
        value: { score: 82 },
        source_count: 2,
        published_at: '2026-03-09T08:30:00.000Z',
      };
      const cannot =
        'No on-chain check of PEPE here: ethereum is not configured (chains here: local); to check it, set `CHAIN_RPC_URLS=1=https://…` (or list it in `CHAINS_FILE`). What the feed has on PEPE:';
      expect(answer(plan, { items: [rugged], next_cursor: null })).toBe(
        `${cannot}\n- PEPE clone rug pulls 2M (PEPE; bearish, value 82, 2 sources, 2026-03-09 08:30 UTC)`,
      );
      expect(answer(plan, { items: [], next_cursor: null })).toBe(
        `${cannot}\nNo hacks, exploits, rug pulls or scam alerts about PEPE in the feed.`,
      );
      // An address no token of the registry has: the line alone, never the tool's error.
      expect(on('local').plan(`is ${ADDRESS} a honeypot on base?`, ALL)).toEqual({
        kind: 'reply',
        text: `No on-chain check of ${ADDRESS} here: base is not configured (chains here: local); to check it, set \`CHAIN_RPC_URLS=8453=https://…\` (or list it in \`CHAINS_FILE\`).`,
      });
      // Configured, the contract is checked.
      expect(outcome(on('ethereum', 'base').plan('is PEPE a rug pull?', ALL))).toEqual(
        calls([
          'naughty_coin.check_token',
          { chain: 'ethereum', address: '0x6982508145454Ce325dDbE47a25d4ec3d2311933' },
        ]),
      );
    });
  });

  it('offers only the tools a message may use', () => {
    const plan = planner.plan('spread for BTC/USDT', new Set(['arbitrage.find_opportunities']));
    expect(plan).toMatchObject({
      kind: 'reply',
      text: expect.stringContaining("that tool isn't enabled for this message"),
    });
    expect(plan.kind === 'reply' && plan.text).not.toContain('Clan');
  });
});

/** A conversation: each message planned with the turns before it, as the chat stores them. */
function converse(...messages: string[]): Array<ReturnType<typeof outcome>> {
  const turns: Turn[] = [];
  return messages.map((message) => {
    const plan = planner.plan(message, ALL, turns);
    turns.push({ message, calls: plan.kind === 'call' ? plan.calls : [] });
    return outcome(plan);
  });
}

describe('follow-ups', () => {
  it.each([
    [
      ['price of avax', 'and dot?'],
      ['market.token_info', { symbol: 'DOT' }],
    ],
    [
      ['Moon Cartel score?', 'and satoshi guard?'],
      ['clan.score_lookup', { clan: 'satoshi guard' }],
    ],
    [
      ['top gainers today?', 'now the other side'],
      ['market.movers', { direction: 'losers' }],
    ],
    [
      ['news on aave', 'more'],
      ['intelligence.search', { tokens: ['AAVE'], exclude_agents: ONCHAIN, limit: 5 }],
    ],
    [
      ['price of ETH?', 'and for SOL?'],
      ['market.token_info', { symbol: 'SOL' }],
    ],
    [
      ['price of ETH?', 'what about SOL'],
      ['market.token_info', { symbol: 'SOL' }],
    ],
    [
      ['price of ETH?', 'and SOL and AVAX?'],
      ['market.prices', { symbols: ['SOL', 'AVAX'] }],
    ],
    [
      ['spread for BTC/USDT', 'and ETH?'],
      ['arbitrage.spread', { symbol: 'ETH/USDT' }],
    ],
    [
      ['arbitrage for BTC above 0.5%', 'and ETH?'],
      ['arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0.5, limit: 5 }],
    ],
    [
      ['arbitrage for BTC above 0.5%', 'what about 1%?'],
      ['arbitrage.find_opportunities', { symbol: 'BTC/USDT', min_profit_pct: 1, limit: 5 }],
    ],
    [
      ['mentions of PEPE this week', 'and WIF?'],
      ['osint.token_mentions', { token: 'WIF', window: '7d' }],
    ],
    [
      ['mentions of PEPE this week', 'and over the last 3 days?'],
      ['osint.token_mentions', { token: 'PEPE', window: '3d' }],
    ],
    [
      ['Is Diamond Hands winning its war?', 'and Moon Cartel?'],
      ['clan.war_status', { clan: 'Moon Cartel' }],
    ],
    [
      ['triangular arbitrage on binance', 'how about kraken'],
      ['arbitrage.triangular', { exchange: 'kraken', limit: 5 }],
    ],
    [
      ['what coins are trending today?', 'and this week?'],
      ['osint.discover_coins', { window: '7d', limit: 10 }],
    ],
    [
      ['how is my clan doing?', 'Moon Cartel'],
      ['clan.score_lookup', { clan: 'Moon Cartel' }],
    ],
    [
      ['latest news on SOL', 'and ETH?'],
      ['intelligence.search', { tokens: ['ETH'], exclude_agents: ONCHAIN, limit: 5 }],
    ],
    [
      ['how is the sentiment on SOL this week?', 'what about ETH'],
      ['intelligence.briefing', { window: '7d', tokens: ['ETH'] }],
    ],
    // Growing a price table, and a bare-ticker price followed up (its own intent, not "should I buy").
    [
      ['BTC, ETH prices', 'add doge to the list'],
      ['market.prices', { symbols: ['BTC', 'ETH', 'DOGE'] }],
    ],
    [
      ['BTC, ETH prices', 'now do doge'],
      ['market.token_info', { symbol: 'DOGE' }],
    ],
    [
      ['ada usd', 'and xrp?'],
      ['market.token_info', { symbol: 'XRP' }],
    ],
    // A chain named is where to check the same contract; "same for" a coin; a filter the last request takes.
    [
      ['check 0x88197f93999f3cc53a5063357291b1c535523a35 on base', 'and on ethereum?'],
      ['naughty_coin.check_token', { chain: 'ethereum', address: '0x88197f93999f3cc53a5063357291b1c535523a35' }],
    ],
    [
      ['brief me on ETH for the last 24h', 'same for link'],
      ['intelligence.briefing', { window: '24h', tokens: ['LINK'] }],
    ],
    [
      ['what new tokens popped up today', 'only ones with 10+ mentions'],
      ['osint.discover_coins', { window: '24h', min_mentions: 10, limit: 10 }],
    ],
    [
      ['new tokens in the last 24h', 'raise the bar to 20 mentions'],
      ['osint.discover_coins', { window: '24h', min_mentions: 20, limit: 10 }],
    ],
    [
      ['fil price?', 'now swap that for jupiter'],
      ['market.token_info', { symbol: 'JUP' }],
    ],
  ] as Array<[string[], Call]>)('%j', (messages, expected) => {
    expect(converse(...messages).at(-1)).toEqual(calls(expected));
  });

  it('asks for the hacks of another window, counted by its own briefing', () => {
    expect(converse('any hacks in the last 24 hours?', 'and this week?').at(-1)).toEqual(
      calls(
        ['intelligence.search', { event: ['hack'], since: WEEK_AGO, exclude_agents: ONCHAIN, limit: 10 }],
        ['intelligence.briefing', { window: '7d' }],
      ),
    );
  });

  it('follows a chain of follow-ups back to the question that started it', () => {
    expect(converse('spread for BTC/USDT', 'and ETH?', 'and SOL?', 'and DOGE?').at(-1)).toEqual(
      calls(['arbitrage.spread', { symbol: 'DOGE/USDT' }]),
    );
  });

  it('takes a message with a request of its own as a new question', () => {
    expect(converse('price of ETH?', 'and the spread for BTC/USDT?').at(-1)).toEqual(
      calls(['arbitrage.spread', { symbol: 'BTC/USDT' }]),
    );
  });

  it('fills what a new question leaves out from the one before', () => {
    expect(converse('price of ETH?', 'and how often is it mentioned?').at(-1)).toEqual(
      calls(['osint.token_mentions', { token: 'ETH', window: '24h' }]),
    );
  });

  it('does not take words that change nothing as a follow-up', () => {
    expect(converse('Is Diamond Hands winning its war?', 'lol').at(-1)).toMatchObject({
      reply: expect.stringMatching(/^Sorry/),
    });
    expect(converse('price of ETH?', 'thanks!').at(-1)).toEqual({ reply: 'Glad to help.' });
  });

  it('does not follow up across a miss', () => {
    expect(converse('spread for BTC/USDT', 'tell me a joke', 'and ETH?').at(-1)).toEqual(
      calls(['market.token_info', { symbol: 'ETH' }]),
    );
  });
});

describe('answers', () => {
  const item = (title: string, value: number, tokens: string[]) => ({
    id: '00000000-0000-4000-8000-000000000001',
    title,
    summary: null,
    value,
    sentiment: 'bearish',
    tokens,
    published_at: '2026-03-10T09:00:00.000Z',
    source_count: 1,
  });

  const window = {
    from: '2026-03-09T12:00:00.000Z',
    to: '2026-03-10T12:00:00.000Z',
    previous_from: '2026-03-08T12:00:00.000Z',
    tokens: null,
  };

  /** A market briefing gives the on-chain agent's scam-token alerts apart from its events: the answer must not drop them. */
  describe('the briefing answer and the on-chain alerts', () => {
    const alerts = {
      count: 13,
      top_items: [item('Scam token on local: RUGR at 0xabc: cannot be sold', 100, ['RUGR'])],
    };

    it('gives them a line after the events', () => {
      const briefing = {
        ...window,
        items: 2,
        sentiment: { bullish: 0, bearish: 2, neutral: 0 },
        events: [
          {
            event: 'hack',
            count: 2,
            sentiment: { bullish: 0, bearish: 2, neutral: 0 },
            top_items: [item('Bridge drained', 70, ['ETH'])],
          },
        ],
        onchain_alerts: alerts,
        movers: [],
      };
      expect(answer(planner.plan('give me a quick market briefing', ALL), briefing)).toBe(
        '2 items from 2026-03-09 12:00 UTC to 2026-03-10 12:00 UTC: 0 bullish, 2 bearish, 0 neutral (leaning bearish).\n' +
          '- hack: 2; top: Bridge drained (ETH; value 70)\n' +
          'On-chain alerts: 13 scam tokens flagged; most dangerous: Scam token on local: RUGR at 0xabc: cannot be sold (danger 100).',
      );
    });

    it('says there was no news, not nothing, when the window held alerts only', () => {
      const briefing = {
        ...window,
        items: 0,
        sentiment: { bullish: 0, bearish: 0, neutral: 0 },
        events: [],
        onchain_alerts: alerts,
        movers: [],
      };
      expect(answer(planner.plan('what happened today?', ALL), briefing)).toBe(
        'No news from 2026-03-09 12:00 UTC to 2026-03-10 12:00 UTC.\n' +
          'On-chain alerts: 13 scam tokens flagged; most dangerous: Scam token on local: RUGR at 0xabc: cannot be sold (danger 100).',
      );
    });
  });

  it('lists the riskiest new tokens of a scan with their levels and scores, and says when there were none', () => {
    const scan = {
      chain: 'base',
      from_block: 100,
      to_block: 160,
      index_behind_blocks: 0,
      next_from_block: 161,
      tokens: [
        { address: '0x00000000000000000000000000000000000000aa', symbol: 'RUG', level: 'danger', score: 92 },
        { address: '0x00000000000000000000000000000000000000bb', symbol: null, level: 'safe', score: 4 },
      ],
    };
    const plan = planner.plan('scan the new pools on base for scams', ALL);
    expect(answer(plan, scan)).toBe(
      '2 new tokens on base from block 100 to block 160, riskiest first:\n' +
        '- RUG at 0x00000000000000000000000000000000000000aa: danger, risk score 92/100\n' +
        '- unnamed at 0x00000000000000000000000000000000000000bb: safe, risk score 4/100',
    );
    expect(answer(plan, { ...scan, tokens: [] })).toBe('No new pools on base from block 100 to block 160.');
  });

  it("greets a new user with their own first steps, leaving the node's to its operator", () => {
    const step = (id: string, title: string, done: boolean, detail: string, how?: string) => ({
      id,
      title,
      done,
      required_for_production: false,
      detail,
      ...(how && { how }),
    });
    const checklist = {
      user: 'ann',
      completed: 1,
      total: 4,
      steps: [
        step('token', 'Sign in with a platform token', true, 'signed in as ann (user)'),
        step('database', 'Use PostgreSQL', false, 'database: pglite', 'set DATABASE_URL'),
        step('cache', 'Share a Redis cache', false, 'cache: memory', 'set CACHE_URL'),
        step('follow_agents', 'Follow at least one agent', false, 'following no agent yet', 'follow an agent'),
      ],
    };
    expect(answer(planner.plan("I'm new here, how do I get started?", ALL), checklist)).toBe(
      'Welcome. Your first steps:\n' +
        '- ✓ Sign in with a platform token: signed in as ann (user)\n' +
        '- ✗ Follow at least one agent: following no agent yet (to do: follow an agent)\n' +
        'Then ask me about the market: "latest news on SOL", "any hacks today?", "summarize today\'s news", "is 0x… a scam token?".\n' +
        '(2 setup steps of this node are its operator\'s: say "setup checklist" for them.)',
    );
  });

  it('says what it cannot tell of a trade in words that fit the question: no token, one or several', () => {
    const briefing = (tokens: string[] | null) => ({
      ...window,
      tokens,
      items: 2,
      sentiment: { bullish: 2, bearish: 0, neutral: 0 },
      events: [],
      movers: [],
    });
    const info = (symbol: string) => ({
      symbol,
      name: symbol,
      price_usd: 1.5,
      change_24h_pct: 2,
      market_cap_usd: null,
      volume_24h_usd: null,
      as_of: '2026-03-10T12:00:00.000Z',
      source: 'embedded-simulation',
    });
    const opening = (text: string) => text.split('\n')[0];
    // "What should I buy?" names no token: there is no "it" to trade.
    const market = answer(planner.plan('what should I buy?', ALL), briefing(null));
    expect(opening(market)).toBe("I can't tell you what to buy, but here is what the market is doing on AlphaNest:");
    expect(market.split('\n').at(-1)).toBe('This is the platform’s data, not a recommendation: not financial advice.');
    expect(opening(answer(planner.plan('should I buy SOL?', ALL), briefing(['SOL']), info('SOL')))).toBe(
      "I can't tell you whether to trade it, but here is what AlphaNest shows:",
    );
    const both = {
      prices: [
        { ...info('SOL'), query: 'SOL' },
        { ...info('ETH'), query: 'ETH' },
      ],
      not_found: [],
    };
    expect(opening(answer(planner.plan('should I buy SOL or ETH?', ALL), briefing(['SOL', 'ETH']), both))).toBe(
      "I can't tell you whether to trade them, but here is what AlphaNest shows:",
    );
  });

  it('cites the price, change, market cap and volume', () => {
    const info = {
      symbol: 'ETH',
      name: 'Ethereum',
      price_usd: 3245.126,
      change_24h_pct: -2.314,
      market_cap_usd: 390_123_000_000,
      volume_24h_usd: 12_340_000_000,
      as_of: '2026-03-10T12:00:00.000Z',
      source: 'embedded-simulation',
    };
    expect(answer(planner.plan('price of ETH?', ALL), info)).toBe(
      'ETH (Ethereum) is $3,245.13, −2.31 % in 24 h; market cap $390.12B, 24 h volume $12.34B (embedded-simulation, as of 2026-03-10T12:00:00.000Z).',
    );
    const prices = {
      prices: [
        { ...info, query: 'ETH' },
        { ...info, query: 'btc', symbol: 'BTC', name: 'Bitcoin', price_usd: 91_470.5, change_24h_pct: 1.5 },
      ],
      not_found: ['FOO'],
    };
    expect(answer(planner.plan('ETH, BTC and FOO prices', ALL), prices)).toBe(
      'Prices (embedded-simulation, as of 2026-03-10T12:00:00.000Z):\n- ETH (Ethereum) is $3,245.13, −2.31 % in 24 h\n- BTC (Bitcoin) is $91,470.5, +1.50 % in 24 h\nMoved most in 24 h: ETH (−2.31 %).\nNo price for FOO.',
    );
  });

  it("cites the day's movers: rank, symbol, price, 24 h change and the quote currency", () => {
    const coin = (rank: number, symbol: string, price_usd: number, change_24h_pct: number) => ({
      rank,
      symbol,
      name: symbol,
      chain: 'ethereum',
      address: null,
      price_usd,
      change_24h_pct,
      market_cap_usd: 1e9,
      volume_24h_usd: 1e8,
      holders: null,
      as_of: '2026-03-10T12:00:00.000Z',
      source: 'coingecko',
    });
    const movers = {
      direction: 'both',
      quote_currency: 'USD',
      ranked: 250,
      gainers: [coin(1, 'SOL', 187.456, 12.3), coin(2, 'PEPE', 0.0000123, 8)],
      losers: [],
      as_of: '2026-03-10T12:00:00.000Z',
      source: 'coingecko',
    };
    expect(answer(planner.plan('top movers', ALL), movers)).toBe(
      'Over 24 h among 250 of the largest coins, prices in USD (coingecko, as of 2026-03-10T12:00:00.000Z):\n' +
        'Top gainers:\n- #1 SOL $187.456, +12.30 %\n- #2 PEPE $0.0000123, +8.00 %\nNo coin fell.',
    );
    // The tool ranks over 24 h only: another window is said, not silently answered.
    const week = planner.plan('top gainers this week', ALL);
    expect(week).toMatchObject({ kind: 'call', calls: [{ tool: 'market.movers', args: { direction: 'gainers' } }] });
    expect(answer(week, { ...movers, gainers: [], losers: undefined })).toMatch(
      /^The movers are ranked by their 24 h change; no tool ranks them over another window\.\n/,
    );
  });

  it('briefs by event with counts, the best item of each and the mentions that moved', () => {
    const item = (title: string, value: number, tokens: string[], source_count = 1) => ({
      id: '00000000-0000-4000-8000-000000000001',
      title,
      summary: null,
      value,
      sentiment: 'bearish',
      tokens,
      published_at: '2026-03-10T09:00:00.000Z',
      source_count,
    });
    const briefing = {
      from: '2026-03-09T12:00:00.000Z',
      to: '2026-03-10T12:00:00.000Z',
      previous_from: '2026-03-08T12:00:00.000Z',
      tokens: null,
      items: 14,
      sentiment: { bullish: 5, bearish: 6, neutral: 3 },
      events: [
        {
          event: 'hack',
          count: 2,
          sentiment: { bullish: 0, bearish: 2, neutral: 0 },
          top_items: [item('Bridge drained of $40M', 92, ['ETH'], 4)],
        },
        {
          event: null,
          count: 12,
          sentiment: { bullish: 5, bearish: 4, neutral: 3 },
          top_items: [item('BTC holds $90k', 40, [])],
        },
      ],
      movers: [
        { token: 'ETH', count: 9, previous: 3, change: 6 },
        { token: 'DOGE', count: 1, previous: 5, change: -4 },
      ],
    };
    expect(answer(planner.plan("summarize today's news", ALL), briefing)).toBe(
      '14 items from 2026-03-09 12:00 UTC to 2026-03-10 12:00 UTC: 5 bullish, 6 bearish, 3 neutral (leaning bearish).\n' +
        '- hack: 2; top: Bridge drained of $40M (ETH; value 92, 4 sources)\n' +
        '- no event: 12; top: BTC holds $90k (value 40)\n' +
        'Mentions moving: ETH 9 (+6), DOGE 1 (−4).',
    );
  });

  it('lists news items with their sentiment, value, sources and time', () => {
    const listed = {
      items: [
        {
          title: 'Binance lists WIF perpetuals',
          sentiment: { label: 'bullish', score: 0.5 },
          value: { score: 71, high_value: true },
          event: { type: 'listing' },
          tokens: [{ symbol: 'WIF' }],
          published_at: '2026-03-10T08:30:00.000Z',
          source_count: 3,
        },
      ],
      next_cursor: 'abc',
    };
    expect(answer(planner.plan('any new listings today?', ALL), listed)).toBe(
      'The latest listing item since 2026-03-09 12:00 UTC:\n' +
        '- Binance lists WIF perpetuals (WIF; bullish, value 71, 3 sources, 2026-03-10 08:30 UTC)\n' +
        'More match: say "more" for the next page (cursor `abc`).',
    );
    expect(answer(planner.plan('any hacks this week?', ALL), { items: [], next_cursor: null })).toBe(
      'No hacks, exploits or rug pulls reported since 2026-03-03 12:00 UTC.',
    );
  });

  it("answers news from an outlet with the outlet's items among the latest, saying the feed cannot filter by outlet", () => {
    const article = (title: string, name: string, url: string | null) => ({
      title,
      sentiment: { label: 'neutral', score: 0 },
      value: { score: 60, high_value: false },
      event: null,
      tokens: [],
      source: { kind: 'news', name, url, author: null },
      published_at: '2026-03-10T08:30:00.000Z',
      source_count: 1,
    });
    const plan = planner.plan('latest news from coindesk', ALL);
    expect(outcome(plan)).toEqual(calls(['intelligence.search', { types: ['news'], limit: 100 }]));
    const page = {
      items: [
        article('Stablecoin bill advances', 'Cointelegraph', 'https://cointelegraph.com/news/stablecoin-bill'),
        article('ETF flows turn positive', 'CoinDesk', null),
        article('Miners sell', 'RSS', 'https://www.coindesk.com/markets/2026/03/10/miners-sell'),
      ],
      next_cursor: 'abc',
    };
    expect(answer(plan, page)).toBe(
      "The feed cannot filter by outlet, so these are CoinDesk's among the latest 3 news items:\n" +
        '- ETF flows turn positive (neutral, value 60, 2026-03-10 08:30 UTC)\n' +
        '- Miners sell (neutral, value 60, 2026-03-10 08:30 UTC)\n' +
        'More match: say "more" for the next page (cursor `abc`).',
    );
    expect(answer(planner.plan('any stablecoin news from the block?', ALL), { ...page, next_cursor: null })).toBe(
      'None of all 3 news items is from The Block (the feed cannot filter by outlet, so I looked through those).',
    );
    // Outlets the corpus publishes, by the names people give them; a name is no coin or incident of the items asked for.
    const rekt = planner.plan('latest news from rekt', ALL);
    expect(outcome(rekt)).toEqual(calls(['intelligence.search', { types: ['news'], limit: 100 }]));
    expect(answer(rekt, { items: [article('Bridge drained', 'Rekt News', null)], next_cursor: null })).toMatch(
      /^The feed cannot filter by outlet, so these are Rekt News's among/,
    );
    const magazine = planner.plan('anything from Bitcoin Magazine?', ALL);
    expect(outcome(magazine)).toEqual(calls(['intelligence.search', { types: ['news'], limit: 100 }]));
    expect(answer(magazine, page)).toMatch(/^None of the latest 3 news items is from Bitcoin Magazine/);
  });

  it('names the UTC days a search or briefing covers when the words named days', () => {
    expect(answer(planner.plan('ETH news yesterday', ALL), { items: [], next_cursor: null })).toBe(
      'No items about ETH on 2026-03-09 (UTC).',
    );
    expect(answer(planner.plan('any hacks over the weekend?', ALL), { items: [], next_cursor: null })).toBe(
      'No hacks, exploits or rug pulls reported from 2026-03-07 to 2026-03-08 (UTC, both days).',
    );
    const quiet = {
      from: '2026-03-07T00:00:00.000Z',
      to: '2026-03-09T00:00:00.000Z',
      previous_from: '2026-03-05T00:00:00.000Z',
      tokens: ['BTC'],
      items: 0,
      sentiment: { bullish: 0, bearish: 0, neutral: 0 },
      events: [],
      onchain_alerts: null,
      movers: [],
    };
    // A briefing on days that ended covers those days, and says so from the tool's own bounds.
    expect(answer(planner.plan('what happened to bitcoin over the weekend', ALL), quiet)).toBe(
      'Nothing was reported on BTC from 2026-03-07 00:00 UTC to 2026-03-09 00:00 UTC.',
    );
    // So do the sentiment and should-I-buy answers, on the same days.
    expect(outcome(planner.plan('ETH sentiment yesterday?', ALL))).toEqual(
      calls(['intelligence.briefing', { window: '24h', until: '2026-03-09', tokens: ['ETH'] }]),
    );
    expect(outcome(planner.plan('should I buy ETH after the dump yesterday?', ALL))).toEqual(
      calls(
        ['intelligence.briefing', { window: '24h', until: '2026-03-09', tokens: ['ETH'] }],
        ['market.token_info', { symbol: 'ETH' }],
      ),
    );
    // The weekend while it lasts runs to the current minute, from Saturday 00:00 UTC exactly (NOW + 4 days is a
    // Saturday noon): a window to now rounded up to the hour started on Friday (23:03 at 10:57:30 on Sunday).
    const saturday = createLocalPlanner(createTokenRegistry(), () => NOW + 4 * 86_400_000);
    expect(outcome(saturday.plan('what happened this weekend?', ALL))).toEqual(
      calls(['intelligence.briefing', { window: '12h', until: '2026-03-14T12:00:00.000Z' }]),
    );
    const sunday = Date.parse('2026-03-15T10:57:30Z');
    const weekend = createLocalPlanner(createTokenRegistry(), () => sunday).plan('what happened this weekend?', ALL);
    const window = '2097m';
    const until = '2026-03-15T10:57:00.000Z';
    expect(outcome(weekend)).toEqual(calls(['intelligence.briefing', { window, until }]));
    expect(new Date(Date.parse(until) - Number.parseInt(window, 10) * 60_000).toISOString()).toBe(
      '2026-03-14T00:00:00.000Z',
    );
    expect(answer(planner.plan('ETH sentiment today?', ALL), quiet)).toMatch(/^No items about BTC/);
  });

  it('sums up a scam check: level, score, trading, taxes, pool and findings', () => {
    const check = {
      chain: 'local',
      address: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
      token: { name: 'Honey', symbol: 'HNY', decimals: 18, total_supply: '1000000' },
      level: 'danger',
      score: 90,
      findings: [
        { id: 'cannot_sell', severity: 'critical', title: 'Cannot sell', evidence: 'the sale reverted' },
        { id: 'mintable', severity: 'high', title: 'Owner can mint', evidence: 'mint(holder, 1e30) raised the supply' },
      ],
      simulation: { can_buy: true, can_sell: false, buy_tax_pct: 0, sell_tax_pct: null },
      liquidity: { dex: 'uniswap-v2', usd: 20_000 },
    };
    expect(answer(planner.plan('is 0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9 on local a honeypot?', ALL), check)).toBe(
      'HNY (Honey) at 0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9 on local: danger, risk score 90/100. ' +
        'Can buy: yes, can sell: no; buy tax 0.00 %, sell tax unknown; pool on uniswap-v2 holding $20,000.\n' +
        '- critical: Cannot sell (the sale reverted)\n- high: Owner can mint (mint(holder, 1e30) raised the supply)',
    );
  });

  describe('a token check of an address that holds no contract', () => {
    const WALLET = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
    const failing = (message: string, field = 'address') => {
      const plan = planner.plan(`is ${WALLET.toLowerCase()} on local a scam?`, ALL);
      if (plan.kind !== 'call') throw new Error(plan.text);
      return plan.answer(
        plan.calls.map((call) => ({
          tool: call.tool,
          args: call.args,
          output: { tool: 'naughty_coin__check_token', tool_error: { code: 'invalid_parameters', message, field } },
        })),
      );
    };

    it('says it is no token, what the check reads, and the questions that look into a wallet', () => {
      expect(failing(`address: no contract at ${WALLET} on local`)).toBe(
        `${WALLET} holds no contract on local, so it is no token to check: naughty_coin.check_token checks token contracts. ` +
          `To look into it as a wallet, ask "is ${WALLET} a scammer on local?" (wallet.scam_dossier) ` +
          `or "who is behind ${WALLET} on local?" (wallet.analyze).`,
      );
    });

    it('offers questions that the wallet tools answer, for that address on that chain', () => {
      expect(outcome(planner.plan(`is ${WALLET} a scammer on local?`, ALL))).toEqual(
        calls(['wallet.scam_dossier', { chain: 'local', address: WALLET }]),
      );
      expect(outcome(planner.plan(`who is behind ${WALLET} on local?`, ALL))).toEqual(
        calls(['wallet.analyze', { chain: 'local', address: WALLET }]),
      );
    });

    it("says the tool's own message for any other failure", () => {
      const contract = `address: ${WALLET} on local is a contract but not an ERC-20 token (no decimals() or totalSupply())`;
      expect(failing(contract)).toBe(`naughty_coin.check_token could not answer: ${contract}`);
      expect(failing('chain: unknown chain "local"', 'chain')).toBe(
        'naughty_coin.check_token could not answer: chain: unknown chain "local"',
      );
    });
  });

  it.each([
    ['is 0xDc64a140Aa3E981100a9becA4E685f962f0cf6C9 on local a honeypot?', 'naughty_coin.check_token'],
    ['is 0xDc64a140Aa3E981100a9becA4E685f962f0cf6C9 a scammer on local?', 'wallet.scam_dossier'],
    ['who is behind 0xDc64a140Aa3E981100a9becA4E685f962f0cf6C9 on local?', 'wallet.analyze'],
  ])(
    'passes an address whose case is no checksum on as typed, and says why the tool refused it: %s',
    (question, tool) => {
      const miscased = '0xDc64a140Aa3E981100a9becA4E685f962f0cf6C9';
      const plan = planner.plan(question, ALL);
      expect(outcome(plan)).toEqual(calls([tool, { chain: 'local', address: miscased }]));
      if (plan.kind !== 'call') throw new Error(plan.text);
      const message = 'address: checksum mismatch (EIP-55); use the address as printed or all lowercase';
      expect(
        plan.answer([
          {
            tool,
            args: plan.calls[0]!.args,
            output: { tool, tool_error: { code: 'invalid_parameters', message, field: 'address' } },
          },
        ]),
      ).toBe(
        `${miscased} is not a valid address: its mix of upper and lower case does not match its EIP-55 checksum, ` +
          'so a character may be mistyped. Copy it again as printed, or write it all in lower case if you are sure of it.',
      );
    },
  );

  it('explains an empty arbitrage answer with the tool’s own reason', () => {
    const empty = {
      as_of: '2026-03-10T12:00:00.000Z',
      source: 'simulated',
      markets: 42,
      opportunities: [],
      explanation: {
        message: 'No trade in any of 42 markets nets 0.5 % or more after taker fees: the fees eat the gap.',
      },
    };
    expect(answer(planner.plan('any arbitrage above 0.5%?', ALL), empty)).toBe(
      'No arbitrage across 42 markets above 0.50 % right now (as of 2026-03-10T12:00:00.000Z). No trade in any of 42 markets nets 0.5 % or more after taker fees: the fees eat the gap.',
    );
  });

  it('leads a setup answer with the variable or command, then links the section', () => {
    const help = {
      question: 'how do I add my own RSS feed?',
      found: true,
      answer:
        "## AlphaNest › Agents (README.md)\n\nAgents read sources…\n…\n| `AGENTS_ENABLED` | `true` | run the agents under `npm start` |\n| `RSS_FEEDS` | each agent's list | comma-separated feed URLs for every RSS source |\n…\n\n" +
        "## Agents › Sources (docs/agents.md)\n\n| `rss` | RSS 2.0, RSS 1.0 and Atom documents from any URLs (`RSS_FEEDS` replaces every agent's list) | per feed |",
      sections: [
        { source: 'README.md', heading: 'Agents', trail: 'AlphaNest › Agents', link: 'README.md#agents', score: 5 },
        {
          source: 'docs/agents.md',
          heading: 'Sources',
          trail: 'Agents › Sources',
          link: 'docs/agents.md#sources',
          score: 3,
        },
      ],
    };
    expect(answer(planner.plan('how do I add my own RSS feed?', ALL), help)).toBe(
      "Set `RSS_FEEDS`: comma-separated feed URLs for every RSS source (default: each agent's list).\n" +
        "`rss`: RSS 2.0, RSS 1.0 and Atom documents from any URLs (`RSS_FEEDS` replaces every agent's list); per feed\n" +
        'More: [AlphaNest › Agents](README.md#agents).',
    );
  });

  it("answers a question about a setting with the tool's own lead: the variable, an example, the link", () => {
    const lead =
      'Set `CACHE_URL` (e.g. `CACHE_URL=redis://127.0.0.1:6379`): Redis master for the feed cache\n' +
      'See [AlphaNest › Configuration](README.md#configuration).';
    const help = {
      question: 'how do I set up redis',
      found: true,
      answer: `${lead}\n\n## AlphaNest › Configuration (README.md)\n\n| \`CACHE_URL\` | – | Redis master for the feed cache |`,
      sections: [
        {
          source: 'README.md',
          heading: 'Configuration',
          trail: 'AlphaNest › Configuration',
          link: 'README.md#configuration',
          score: 7,
        },
      ],
    };
    expect(answer(planner.plan('how do I set up redis', ALL), help)).toBe(lead);
  });

  it('leads with the setting itself, not a knob tuning it', () => {
    // onboarding.help orders them so (a knob after the setting it tunes); the chat keeps its order.
    const lead =
      'Set `DATABASE_URL` (e.g. `DATABASE_URL=postgresql://alphanest:secret@127.0.0.1:5432/alphanest`): PostgreSQL\n' +
      'Set `DATABASE_CONNECT_TIMEOUT_MS` (default `5000`): longest wait for a new PostgreSQL connection\n' +
      'See [AlphaNest › Configuration](README.md#configuration).';
    const help = {
      question: 'how do I connect AlphaNest to my own postgres database?',
      found: true,
      answer: `${lead}\n\n## AlphaNest › Configuration (README.md)\n\n| \`DATABASE_URL\` | — | PostgreSQL |`,
      sections: [
        {
          source: 'README.md',
          heading: 'Configuration',
          trail: 'AlphaNest › Configuration',
          link: 'README.md#configuration',
        },
      ],
    };
    expect(answer(planner.plan(help.question, ALL), help)).toBe(lead);
    // From the sections alone, the same: of two rows sharing the question's words, the one with no numeric default first.
    const rows = {
      ...help,
      answer:
        '## AlphaNest › Configuration (README.md)\n\n…\n| `DATABASE_CONNECT_TIMEOUT_MS` | `5000` | longest wait to connect to the PostgreSQL database |\n' +
        '| `DATABASE_URL` | — | the PostgreSQL database to connect to |',
    };
    expect(answer(planner.plan(help.question, ALL), rows).split('\n')[0]).toBe(
      'Set `DATABASE_URL`: the PostgreSQL database to connect to.',
    );
  });

  it('does not answer how to do something with a knob bounding it, unless a limit is asked', () => {
    const trail = 'Live intelligence stream › Configuration';
    const lead = `Set \`STREAM_MAX_AGENTS\` (default 50): agents one connection may follow\nSee [${trail}](docs/stream.md#configuration).`;
    // onboarding.help leads with the knob only when a limit is asked (its asksForAKnob); the sections still hold its row.
    const help = (question: string) => ({
      question,
      found: true,
      answer:
        `${question.includes('more than') ? `${lead}\n\n` : ''}## ${trail} (docs/stream.md)\n\n| variable | default | meaning |\n|---|---|---|\n` +
        '| `STREAM_MAX_AGENTS` | 50 | agents one connection may follow |\n\n' +
        '## Live intelligence stream › Agents (docs/stream.md)\n\n`GET /api/v1/agents` lists the agents a client can follow.',
      sections: [
        { source: 'docs/stream.md', heading: 'Configuration', trail, link: 'docs/stream.md#configuration' },
        {
          source: 'docs/stream.md',
          heading: 'Agents',
          trail: 'Live intelligence stream › Agents',
          link: 'docs/stream.md#agents',
        },
      ],
    });
    const follow = 'how do I follow an agent?';
    expect(answer(planner.plan(follow, ALL), help(follow))).toBe(
      '`GET /api/v1/agents` lists the agents a client can follow.\nMore: [Live intelligence stream › Agents](docs/stream.md#agents).',
    );
    const more = 'how do I follow more than 50 agents?';
    expect(answer(planner.plan(more, ALL), help(more))).toBe(lead);
  });

  it("adds what a setting the lead gives an example of does unset, from its row: RSS_FEEDS replaces each agent's list", () => {
    const trail = 'AlphaNest › Agents: sources → analysis → feed';
    const see = `See [${trail}](README.md#agents-sources--analysis--feed).`;
    const help = {
      question: 'how do I add my own RSS feed?',
      found: true,
      answer:
        'Set `RSS_FEEDS` (e.g. `RSS_FEEDS=https://example.com/feed.xml`): comma-separated feed URLs for every RSS source\n' +
        `${see}\n\n## ${trail} (README.md)\n\n…\n| \`RSS_FEEDS\` | each agent's list | comma-separated feed URLs for every RSS source |`,
      sections: [{ source: 'README.md', heading: 'Agents', trail, link: 'README.md#agents-sources--analysis--feed' }],
    };
    expect(answer(planner.plan(help.question, ALL), help)).toBe(
      "Set `RSS_FEEDS` (e.g. `RSS_FEEDS=https://example.com/feed.xml`): comma-separated feed URLs for every RSS source. Unset: each agent's list.\n" +
        see,
    );
  });

  it("gives a command the tool's lead names in the form its section runs it, then the step after", () => {
    const trail = 'Secrets › Service accounts';
    const help = {
      question: 'how do I create a service account for my trading bot?',
      found: true,
      answer:
        `\`alphanest service-account create\`: see [${trail}](docs/secrets.md#service-accounts).\n\n` +
        `## ${trail} (docs/secrets.md)\n\nBots and agents authenticate without a long-lived token:\n…\n` +
        'alphanest service-account create radar-bot --role agent --agents listing-hunter\n' +
        "curl -X POST localhost:8000/api/v1/auth/token -H 'content-type: application/json' \\\n" +
        '  -d \'{"account":"radar-bot","code":"123456"}\'\n…\n- The account (name, role `agent` or `service`, agents) lives in the database',
      sections: [
        { source: 'docs/secrets.md', heading: 'Service accounts', trail, link: 'docs/secrets.md#service-accounts' },
      ],
    };
    expect(answer(planner.plan(help.question, ALL), help)).toBe(
      'Run `alphanest service-account create radar-bot --role agent --agents listing-hunter`.\n' +
        'Then `curl -X POST localhost:8000/api/v1/auth/token -H \'content-type: application/json\' -d \'{"account":"radar-bot","code":"123456"}\'`.\n' +
        `More: [${trail}](docs/secrets.md#service-accounts).`,
    );
  });

  it('answers from the tool results, saying so when a tool failed or its result was cut', () => {
    const leaderboard = {
      season: { id: 'season-1', name: 'Season 1', starts_at: '', ends_at: '' },
      entries: [{ rank: 1, clan: { name: 'Moon Cartel' }, score: 420 }],
    };
    const plan = planner.plan('the spread for BTC/USDT and the clan leaderboard', ALL);
    if (plan.kind !== 'call') throw new Error(plan.text);
    expect(plan.calls.map((c) => c.tool)).toEqual(['arbitrage.spread', 'clan.leaderboard']);
    expect(
      plan.answer([
        {
          tool: 'arbitrage.spread',
          args: { symbol: 'BTC/USDT' },
          output: {
            tool: 'arbitrage__spread',
            tool_error: { code: 'unavailable', message: 'no venue returned a BTC/USDT book' },
          },
        },
        {
          tool: 'clan.leaderboard',
          args: {},
          output: { tool: 'clan__leaderboard', tool_result: leaderboard, note: DATA_NOTE },
        },
      ]),
    ).toBe(
      'arbitrage.spread could not answer: no venue returned a BTC/USDT book\n\nSeason 1 leaderboard:\n- #1 Moon Cartel: 420 points',
    );
    const cut = planner.plan('what coins are trending?', ALL);
    if (cut.kind !== 'call') throw new Error(cut.text);
    expect(
      cut.answer([{ tool: 'osint.discover_coins', args: {}, output: { truncated: true, partial_json: '{"tool_re' } }]),
    ).toBe('osint.discover_coins returned more than I can summarise here; the full result is in the tool call.');
  });
});

describe('wallet answers', () => {
  const WALLET = '0x8795CAEC61f393ccC760eBB021422072fFdF1eff';
  const FUNDER = '0x412B8aC3b1F6eC5e9Cc3E1bD2a1D3c4B5e6F7a80';
  /** wallet.analyze of the demo scammer: amounts in whole coins, as decimal text without the chain's ticker. */
  const analysis = (chain: string) => ({
    chain,
    address: WALLET,
    is_contract: false,
    block: 120,
    native_balance: '4.845990308918814521',
    token_balances: [],
    first_activity: { block: 3, time: null },
    last_activity: { block: 40, time: null },
    tx_count: 12,
    top_counterparties: [],
    funding_source: {
      from: FUNDER,
      tx_hash: `0x${'1'.repeat(64)}`,
      block: 3,
      time: '2026-03-01T00:00:00.000Z',
      value: '30',
      flag: { category: 'scam', reason: 'the demo rug', source: 'demo' },
    },
    contracts_deployed: [],
    liquidity: [],
    flagged: null,
    flagged_interactions: [],
    notes: [],
  });

  it.each([
    ['local', '4.846 ETH', '30 ETH'],
    ['bsc', '4.846 BNB', '30 BNB'],
    // A chain of a CHAINS_FILE, whose ticker the planner does not know: said as the dossier says it.
    ['mychain', '4.846 in native coin', '30 in native coin'],
  ])("gives wallet.analyze's amounts on %s in the chain's coin, to four digits", (chain, balance, funding) => {
    // The answer reads the chain from the result, whatever the words named.
    const text = answer(planner.plan(`who is behind ${WALLET} on local?`, ALL), analysis(chain));
    expect(text).toContain(`- native balance: ${balance}\n`);
    expect(text).toContain(`- funded by ${FUNDER} (${funding}, flagged scam)`);
  });

  it('counts one transaction as one, and names a contract without a symbol by its address', () => {
    const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    const text = answer(planner.plan(`who is behind ${WALLET} on local?`, ALL), {
      ...analysis('local'),
      tx_count: 1,
      contracts_deployed: [{ address: CONTRACT, symbol: '', level: null }],
    });
    expect(text).toContain('- 1 transaction since block 3\n');
    expect(text).toContain(`- contracts deployed: ${CONTRACT} (unrated)`);
  });

  it('names who deployed a contract asked about, first', () => {
    const DEPLOYER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const asked = (created_by: string | null) =>
      answer(planner.plan(`who deployed ${WALLET} on local?`, ALL), {
        ...analysis('local'),
        is_contract: true,
        created_by,
      });
    expect(asked(DEPLOYER)).toContain(`:\n- a contract, deployed by ${DEPLOYER}\n- native balance:`);
    expect(asked(null)).toContain('- a contract, deployed by an unknown address\n');
    expect(answer(planner.plan(`who is behind ${WALLET} on local?`, ALL), analysis('local'))).not.toContain(
      'deployed by',
    );
  });

  it("counts a clan's one member and one point as one", () => {
    const text = answer(planner.plan('how is Moon Cartel doing?', ALL), {
      clan: { slug: 'moon-cartel', name: 'Moon Cartel' },
      season: { id: 'spring', name: 'Spring' },
      score: 1,
      rank: 2,
      members: 1,
      war: null,
      recent_events: [],
    });
    expect(text).toBe('Moon Cartel is ranked #2 with 1 point in Spring (1 member).');
  });

  it('counts one mention as once', () => {
    const text = answer(planner.plan('mentions of PEPE this week', ALL), {
      token: 'PEPE',
      window: '7d',
      from: '2026-03-03T12:00:00.000Z',
      to: '2026-03-10T12:00:00.000Z',
      mentions: 1,
      previous_window_mentions: 2,
      average_sentiment: null,
      top_items: [],
    });
    expect(text).toBe(
      'PEPE was mentioned once between 2026-03-03T12:00:00.000Z and 2026-03-10T12:00:00.000Z (2 in the window before).',
    );
  });

  it('says an address the dossier is asked of is a contract, pointing at the token check, not "low risk"', () => {
    const TOKEN = '0x1b5B644f08325244081cb5B224164F110B10eA3C';
    const plan = planner.plan(`is ${TOKEN} a scammer on local?`, ALL);
    expect(outcome(plan)).toEqual(calls(['wallet.scam_dossier', { chain: 'local', address: TOKEN }]));
    // What wallet.scam_dossier says of the demo honeypot token, which naughty_coin rates danger 100.
    const summary = `${TOKEN} on local: a contract, not a wallet. No evidence in its transactions, but they do not show what the contract does to its holders: naughty_coin.check_token rates it.`;
    const dossier = (evidence: unknown[], fields: Record<string, unknown> = {}) => ({
      chain: 'local',
      address: TOKEN,
      is_contract: true,
      risk_level: 'unknown',
      score: 0,
      evidence,
      summary,
      notes: [],
      ...fields,
    });
    const pointer = `To check the contract itself, ask "is ${TOKEN} a scam?".`;
    expect(answer(plan, dossier([]))).toBe(`${summary}\n${pointer}`);
    const flagged = { id: 'flagged_address', severity: 'critical', description: 'Flagged as scam by demo: the rug.' };
    const rated = `${TOKEN} on local: critical risk, score 60/100.`;
    expect(answer(plan, dossier([flagged], { summary: rated }))).toBe(
      `${rated}\n- critical: Flagged as scam by demo: the rug.\n${pointer}`,
    );
    // A wallet's dossier reads as before.
    const wallet = planner.plan(`is ${WALLET} a scammer on local?`, ALL);
    const high = `${WALLET} on local: high risk, score 30/100.`;
    expect(answer(wallet, dossier([flagged], { address: WALLET, is_contract: false, summary: high }))).toBe(
      `${high}\n- critical: Flagged as scam by demo: the rug.`,
    );
  });
});

describe('the classifier behind the planner', () => {
  it('starts training when first asked, and a message awaits the run already under way', async () => {
    let reads = 0;
    const cases = () => {
      reads++;
      return [];
    };
    const built = createLocalPlanner(createTokenRegistry(), () => NOW, undefined, { cases });
    // A process that never answers a message (a CLI command, the agents worker) never trains.
    expect(reads).toBe(0);
    const started = built.ready!();
    expect(built.ready!()).toBe(started);
    await started;
    expect(outcome(built.plan('price of ETH?', ALL))).toEqual(calls(['market.token_info', { symbol: 'ETH' }]));
  });
});

describe('messages as long as the chat allows', () => {
  // Every cue runs on the whole message (up to CHAT_MAX_MESSAGE_CHARS, 4,000): one that backtracks on a long run of
  // digits, punctuation or repeated words blocks the gateway's event loop (a should-I-buy cue took 51 s on
  // "1.1.1.…"). Each of these plans in milliseconds; one that hangs fails here at the test's timeout.
  const units = ['1.', '1,', '1 ', '$1', '1k ', 'a1 ', 'aa', '. ', '0x', 'btc ', 'have 1', 'got 1 ', '10+ ', 'more '];
  it.each(['', 'putting ', 'should i buy ', 'price of '])('plans 4,000 characters after "%s"', (prefix) => {
    for (const unit of units) {
      const text = (prefix + unit.repeat(4_000 / unit.length)).slice(0, 4_000);
      expect(['call', 'reply']).toContain(planner.plan(text, ALL).kind);
    }
  });

  // A run of whitespace is one gap to the cues: several `\s*` in a row took 45 s on "top dog in moon cartel", 3,970
  // spaces and "x"; a shop's colour clause 4.6 s on 1,600 spaces. Earlier turns are read the same way.
  const gaps = [' ', '\n', '\t', ' \n'];
  it.each(['top dog in moon cartel', 'who is the best player of degen alliance', 'make it more playful'])(
    'plans "%s" followed by a gap of 4,000 characters, as a message and as the one before',
    (prefix) => {
      for (const gap of gaps) {
        const text = `${prefix}${gap.repeat((3_990 - prefix.length) / gap.length)}x`;
        expect(['call', 'reply']).toContain(planner.plan(text, ALL).kind);
        const earlier = [{ message: text, calls: [] }];
        expect(['call', 'reply']).toContain(planner.plan('and for whale pod?', ALL, earlier).kind);
      }
    },
  );
});
