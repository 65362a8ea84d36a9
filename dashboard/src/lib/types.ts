/** An intelligence item as the REST API and the stream send it (the server's itemSchema). */
export interface Item {
  id: string;
  type: string;
  title: string;
  content: string;
  summary: string | null;
  analysis: string | null;
  sentiment: { label: string; score: number };
  value: { score: number; high_value: boolean; reasons: string[] };
  event: { type: string } | null;
  tokens: { symbol: string; name: string | null; chain: string | null; address: string | null }[];
  source: { kind: string; name: string; url: string | null; author: string | null };
  agent_id: string;
  agents: string[];
  published_at: string;
  created_at: string;
  offset: number;
  source_count: number;
  sources: { kind: string; name: string; url: string | null; author: string | null; published_at: string }[];
}

export interface FeedPage {
  items: Item[];
  has_more: boolean;
  next_cursor: string | null;
}

/** GET /api/v1/intelligence/token/info, the market.token_info tool's answer. */
export interface TokenInfo {
  symbol: string;
  name: string;
  chain: string;
  address: string | null;
  price_usd: number | null;
  change_24h_pct: number | null;
  market_cap_usd: number | null;
  volume_24h_usd: number | null;
  holders: number | null;
  as_of: string;
  source: string;
}

export interface Agent {
  id: string;
  name: string;
  description: string;
  sources: string[];
  followers: number;
}
