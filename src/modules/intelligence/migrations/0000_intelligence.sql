CREATE TABLE "intelligence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"external_id" text,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"summary" text,
	"analysis" text,
	"sentiment_label" text DEFAULT 'neutral' NOT NULL,
	"sentiment_score" real DEFAULT 0 NOT NULL,
	"value_score" smallint DEFAULT 0 NOT NULL,
	"high_value" boolean DEFAULT false NOT NULL,
	"value_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tokens" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"token_keys" text[] DEFAULT '{}' NOT NULL,
	"event_type" text,
	"source_kind" text NOT NULL,
	"source_name" text NOT NULL,
	"source_url" text,
	"source_author" text,
	"agent_id" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')) STORED,
	"stream_offset" bigint NOT NULL,
	"simhash" text,
	"source_count" integer DEFAULT 1 NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "intelligence_items_dedupe_key_key" UNIQUE("dedupe_key"),
	CONSTRAINT "intelligence_items_type_check" CHECK (type IN ('twitter', 'news', 'exchange', 'onchain')),
	CONSTRAINT "intelligence_items_sentiment_label_check" CHECK (sentiment_label IN ('bullish', 'bearish', 'neutral')),
	CONSTRAINT "intelligence_items_value_score_check" CHECK (value_score BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "stream_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"last_offset" bigint NOT NULL,
	CONSTRAINT "stream_state_id_check" CHECK (id = 1)
);
--> statement-breakpoint
CREATE INDEX "intelligence_feed_idx" ON "intelligence_items" USING btree ("published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "intelligence_type_feed_idx" ON "intelligence_items" USING btree ("type","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "intelligence_agent_feed_idx" ON "intelligence_items" USING btree ("agent_id","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "intelligence_high_value_feed_idx" ON "intelligence_items" USING btree ("published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE high_value;--> statement-breakpoint
CREATE INDEX "intelligence_token_keys_idx" ON "intelligence_items" USING gin ("token_keys");--> statement-breakpoint
CREATE INDEX "intelligence_search_idx" ON "intelligence_items" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "intelligence_stream_offset_idx" ON "intelligence_items" USING btree ("stream_offset");