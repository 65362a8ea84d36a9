import type { z } from 'zod';

/** An AI agent that publishes intelligence; traders follow agents on the live stream. */
export interface CatalogueAgent {
  id: string;
  name: string;
  description: string;
  /** Where the agent reads from, in words a trader recognises. */
  sources: string[];
}

/**
 * The on-chain agent: it files every token its checks put at danger, so a briefing reports its items
 * as alerts apart from the news (see briefing.ts).
 */
export const ONCHAIN_WATCH_AGENT_ID = 'onchain-watch';

/**
 * The agents this platform knows. Items name their agent in `agent_id`;
 * anything posted without one belongs to the generic `ingest` agent.
 */
export const agentCatalogue: CatalogueAgent[] = [
  {
    id: 'listing-hunter',
    name: 'Listing Hunter',
    description: 'Watches exchange announcement pages for new listings, delistings and margin changes.',
    sources: ['Binance announcements', 'OKX announcements', 'Coinbase status'],
  },
  {
    id: 'news-sentiment-radar',
    name: 'News Sentiment Radar',
    description: 'Reads crypto and financial news, scores sentiment and flags market-moving events.',
    sources: ['CoinDesk', 'The Block', 'Cointelegraph', 'Decrypt'],
  },
  {
    id: 'security-watch',
    name: 'Security Watch',
    description: 'Tracks exploits, rug pulls and phishing campaigns reported by on-chain security firms.',
    sources: ['PeckShield', 'Scam Sniffer', 'CertiK alerts'],
  },
  {
    id: 'token-mentions',
    name: 'Token Mentions',
    description: 'Follows influential accounts on X for whale moves, partnerships and airdrops by token.',
    sources: ['X (Twitter)'],
  },
  {
    id: 'arbitrage-scanner',
    name: 'Arbitrage Scanner',
    description: 'Compares prices across exchanges and reports spreads worth trading after fees.',
    sources: ['Centralised exchange order books', 'DEX pools'],
  },
  {
    id: ONCHAIN_WATCH_AGENT_ID,
    name: 'On-chain Watch',
    description:
      'Checks every token whose DEX pool is created on the followed chains and reports the scams: tokens that cannot be sold, confiscatory taxes, owner privileges.',
    sources: ['EVM chains (JSON-RPC)', 'DEX pool creations'],
  },
  {
    id: 'ingest',
    name: 'Ingest',
    description: 'Items posted to the ingest API without naming an agent.',
    sources: ['POST /api/v1/intelligence/'],
  },
];

const ids = new Set(agentCatalogue.map((agent) => agent.id));

export const isCatalogueAgent = (id: string): boolean => ids.has(id);

/**
 * Refuses an agent list naming an agent outside the catalogue, naming it. For exclusions: a misspelt
 * exclusion would otherwise exclude nothing and let through the very agent it meant.
 */
export function refuseUnknownAgents(agents: readonly string[], ctx: z.RefinementCtx): void {
  const unknown = agents.find((agent) => !isCatalogueAgent(agent));
  if (unknown !== undefined)
    ctx.addIssue({ code: 'custom', message: `"${unknown}" is not an agent (GET /api/v1/agents lists them)` });
}
