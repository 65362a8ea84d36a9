-- What drizzle cannot declare: the function that hands out stream offsets (see streamState in
-- table.ts), and the counter's one row. The next migration makes it the offset column's default.
CREATE FUNCTION next_stream_offset() RETURNS bigint LANGUAGE sql VOLATILE
SET search_path FROM CURRENT
AS $$ UPDATE stream_state SET last_offset = last_offset + 1 WHERE id = 1 RETURNING last_offset $$;
--> statement-breakpoint
INSERT INTO stream_state (id, last_offset) VALUES (1, 0);
