CREATE TABLE "followed_agents" (
	"user_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "followed_agents_pkey" PRIMARY KEY("user_id","agent_id")
);
--> statement-breakpoint
CREATE INDEX "followed_agents_agent_idx" ON "followed_agents" USING btree ("agent_id");