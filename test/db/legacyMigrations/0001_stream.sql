-- The live stream's position counter: one row, bumped inside the inserting transaction.
-- Its row lock serialises writers until they commit, so offsets become visible in
-- commit order: a reader that sees offset N also sees every stored offset below N,
-- which is what lets a client resume with `since` without skipping anything.
CREATE TABLE stream_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  last_offset bigint NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION next_stream_offset() RETURNS bigint LANGUAGE sql VOLATILE
SET search_path FROM CURRENT
AS $$ UPDATE stream_state SET last_offset = last_offset + 1 WHERE id = 1 RETURNING last_offset $$;
--> statement-breakpoint
ALTER TABLE intelligence_items ADD COLUMN stream_offset bigint;
--> statement-breakpoint
-- Items stored before the stream existed get offsets in the order they were created.
UPDATE intelligence_items AS i SET stream_offset = o.n
FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM intelligence_items) AS o
WHERE i.id = o.id;
--> statement-breakpoint
INSERT INTO stream_state (id, last_offset) SELECT 1, coalesce(max(stream_offset), 0) FROM intelligence_items;
--> statement-breakpoint
ALTER TABLE intelligence_items ALTER COLUMN stream_offset SET DEFAULT next_stream_offset(), ALTER COLUMN stream_offset SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX intelligence_stream_offset_idx ON intelligence_items (stream_offset);
--> statement-breakpoint
-- Agents a signed-in user follows on the stream; restored on every `init`.
CREATE TABLE followed_agents (
  user_id text NOT NULL,
  agent_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, agent_id)
);
--> statement-breakpoint
CREATE INDEX followed_agents_agent_idx ON followed_agents (agent_id);
