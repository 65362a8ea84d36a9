CREATE TABLE "onchain_internal_transfers" (
	"chain_id" integer NOT NULL,
	"block" bigint NOT NULL,
	"trace_index" integer NOT NULL,
	"tx_index" integer NOT NULL,
	"tx_hash" text NOT NULL,
	"from" text NOT NULL,
	"to" text NOT NULL,
	"value" numeric(78, 0) NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "onchain_internal_transfers_pkey" PRIMARY KEY("chain_id","block","trace_index")
);
--> statement-breakpoint
ALTER TABLE "onchain_agent_cursors" ADD COLUMN "rewinds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "onchain_internal_transfers_from_idx" ON "onchain_internal_transfers" USING btree ("chain_id","from","block");--> statement-breakpoint
CREATE INDEX "onchain_internal_transfers_to_idx" ON "onchain_internal_transfers" USING btree ("chain_id","to","block");