CREATE TABLE "intelligence_story_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL
);
--> statement-breakpoint
DROP INDEX "intelligence_agent_feed_idx";--> statement-breakpoint
ALTER TABLE "intelligence_items" ADD COLUMN "agents" text[];--> statement-breakpoint
ALTER TABLE "intelligence_items" ADD COLUMN "agent_offsets" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "intelligence_agents_idx" ON "intelligence_items" USING gin ("agents");