-- What drizzle cannot declare: a new item's agents joined at its first stream offset, which only the
-- database knows when the row is written. The trigger fills agent_offsets on every insert path (ingest,
-- seeding, tests) the way the column default fills stream_offset.
CREATE FUNCTION intelligence_items_agent_offsets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.agent_offsets IS NULL OR cardinality(NEW.agent_offsets) = 0 THEN
    NEW.agent_offsets := array_fill(NEW.stream_offset, ARRAY[cardinality(NEW.agents)]);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER intelligence_items_agent_offsets BEFORE INSERT ON intelligence_items
FOR EACH ROW EXECUTE FUNCTION intelligence_items_agent_offsets();
--> statement-breakpoint
-- Items stored so far were each delivered by one agent.
UPDATE intelligence_items SET agents = ARRAY[agent_id], agent_offsets = ARRAY[stream_offset];
--> statement-breakpoint
-- The story keys they hold beside their own dedupe key, as storyKeys.ts derives them: the source URL
-- (not a bare site) and the source's external id; and, for the sources merged into them, their dedupe
-- keys and URLs. A key several items share (the same post stored once per agent before) names the
-- first stored.
INSERT INTO intelligence_story_keys (key, item_id)
SELECT k.key, i.id
FROM intelligence_items AS i
CROSS JOIN LATERAL unnest(
  ARRAY[
    CASE WHEN i.source_url !~ '^[^:]+://[^/?#]*/?$' THEN 'url:' || i.source_url END,
    'src:' || i.source_name || ':' || i.external_id
  ]
  || ARRAY(SELECT s ->> 'key' FROM jsonb_array_elements(i.sources) AS s)
  || ARRAY(
    SELECT 'url:' || (s ->> 'url') FROM jsonb_array_elements(i.sources) AS s
    WHERE s ->> 'url' !~ '^[^:]+://[^/?#]*/?$'
  )
) AS k(key)
WHERE k.key IS NOT NULL
ORDER BY i.created_at, i.id
ON CONFLICT (key) DO NOTHING;
