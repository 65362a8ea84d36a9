-- Near-duplicate stories: one item per story, with every source that reported it.
-- SimHash of title and text (16 hex digits): reloads the in-memory near-duplicate index after a restart.
ALTER TABLE intelligence_items ADD COLUMN simhash text;
--> statement-breakpoint
ALTER TABLE intelligence_items ADD COLUMN source_count integer NOT NULL DEFAULT 1;
--> statement-breakpoint
-- The sources merged into this item after the first, each with the dedupe key it arrived under.
ALTER TABLE intelligence_items ADD COLUMN sources jsonb NOT NULL DEFAULT '[]';
--> statement-breakpoint
-- Where each connector stopped; written only after the batch it covers is stored.
CREATE TABLE connector_cursors (
  connector_id text PRIMARY KEY,
  cursor jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
-- Operator overrides of config/agents.json, merged over the file's pipeline by agent id.
CREATE TABLE agent_overrides (
  agent_id text PRIMARY KEY,
  config jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
