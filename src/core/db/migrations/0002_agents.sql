-- Near-duplicate stories: one item per story, with every source that reported it.
ALTER TABLE intelligence_items ADD COLUMN simhash text;
--> statement-breakpoint
-- The four 16-bit bands of the SimHash, tagged with their position (band << 16 | value): two
-- fingerprints within 3 bits share at least one band, so `&&` on this column finds every candidate.
ALTER TABLE intelligence_items ADD COLUMN simhash_bands integer[];
--> statement-breakpoint
ALTER TABLE intelligence_items ADD COLUMN source_count integer NOT NULL DEFAULT 1;
--> statement-breakpoint
-- The sources merged into this item after the first, each with the external id it came under.
ALTER TABLE intelligence_items ADD COLUMN sources jsonb NOT NULL DEFAULT '[]';
--> statement-breakpoint
CREATE INDEX intelligence_simhash_bands_idx ON intelligence_items USING gin (simhash_bands);
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
