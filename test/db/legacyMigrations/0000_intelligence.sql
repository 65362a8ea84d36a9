-- Intelligence items: what agents store and traders read.
CREATE TABLE intelligence_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Idempotency: "ext:<agent>:<external_id>" when the client names the item, else "hash:<sha256 of content>".
  dedupe_key text NOT NULL UNIQUE,
  external_id text,
  type text NOT NULL CHECK (type IN ('twitter', 'news', 'exchange', 'onchain')),
  title text NOT NULL,
  content text NOT NULL DEFAULT '',
  summary text,
  analysis text,
  sentiment_label text NOT NULL DEFAULT 'neutral' CHECK (sentiment_label IN ('bullish', 'bearish', 'neutral')),
  sentiment_score real NOT NULL DEFAULT 0,
  value_score smallint NOT NULL DEFAULT 0 CHECK (value_score BETWEEN 0 AND 100),
  high_value boolean NOT NULL DEFAULT false,
  value_reasons jsonb NOT NULL DEFAULT '[]',
  tokens jsonb NOT NULL DEFAULT '[]',
  -- Upper-case symbols and lower-case addresses of the mentioned tokens, for the `token` filter.
  token_keys text[] NOT NULL DEFAULT '{}',
  event_type text,
  source_kind text NOT NULL,
  source_name text NOT NULL,
  source_url text,
  source_author text,
  agent_id text NOT NULL,
  published_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')
  ) STORED
);
--> statement-breakpoint
CREATE INDEX intelligence_feed_idx ON intelligence_items (published_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX intelligence_type_feed_idx ON intelligence_items (type, published_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX intelligence_agent_feed_idx ON intelligence_items (agent_id, published_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX intelligence_high_value_feed_idx ON intelligence_items (published_at DESC, id DESC) WHERE high_value;
--> statement-breakpoint
CREATE INDEX intelligence_token_keys_idx ON intelligence_items USING gin (token_keys);
--> statement-breakpoint
CREATE INDEX intelligence_search_idx ON intelligence_items USING gin (search);
