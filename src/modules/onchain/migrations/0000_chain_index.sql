CREATE TABLE "onchain_agent_cursors" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"next_block" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onchain_agent_published" (
	"chain_id" integer NOT NULL,
	"token" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onchain_agent_published_pkey" PRIMARY KEY("chain_id","token")
);
--> statement-breakpoint
CREATE TABLE "onchain_index_cursors" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"next_block" bigint NOT NULL,
	"genesis_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onchain_indexed_blocks" (
	"chain_id" integer NOT NULL,
	"number" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "onchain_indexed_blocks_pkey" PRIMARY KEY("chain_id","number")
);
--> statement-breakpoint
CREATE TABLE "onchain_pair_events" (
	"chain_id" integer NOT NULL,
	"block" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"tx_hash" text NOT NULL,
	"pair" text NOT NULL,
	"kind" text NOT NULL,
	"account" text NOT NULL,
	"amount0_in" numeric(78, 0) NOT NULL,
	"amount1_in" numeric(78, 0) NOT NULL,
	"amount0_out" numeric(78, 0) NOT NULL,
	"amount1_out" numeric(78, 0) NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "onchain_pair_events_pkey" PRIMARY KEY("chain_id","block","log_index")
);
--> statement-breakpoint
CREATE TABLE "onchain_pairs" (
	"chain_id" integer NOT NULL,
	"pair" text NOT NULL,
	"factory" text NOT NULL,
	"token0" text NOT NULL,
	"token1" text NOT NULL,
	"block" bigint NOT NULL,
	"tx_hash" text NOT NULL,
	"creator" text NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "onchain_pairs_pkey" PRIMARY KEY("chain_id","pair")
);
--> statement-breakpoint
CREATE TABLE "onchain_token_transfers" (
	"chain_id" integer NOT NULL,
	"block" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"tx_hash" text NOT NULL,
	"token" text NOT NULL,
	"from" text NOT NULL,
	"to" text NOT NULL,
	"value" numeric(78, 0) NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "onchain_token_transfers_pkey" PRIMARY KEY("chain_id","block","log_index")
);
--> statement-breakpoint
CREATE TABLE "onchain_transactions" (
	"chain_id" integer NOT NULL,
	"hash" text NOT NULL,
	"block" bigint NOT NULL,
	"tx_index" integer NOT NULL,
	"from" text NOT NULL,
	"to" text,
	"value" numeric(78, 0) NOT NULL,
	"created" text,
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "onchain_transactions_pkey" PRIMARY KEY("chain_id","hash")
);
--> statement-breakpoint
CREATE INDEX "onchain_pair_events_account_idx" ON "onchain_pair_events" USING btree ("chain_id","account","block");--> statement-breakpoint
CREATE INDEX "onchain_pair_events_pair_idx" ON "onchain_pair_events" USING btree ("chain_id","pair","block");--> statement-breakpoint
CREATE INDEX "onchain_pairs_block_idx" ON "onchain_pairs" USING btree ("chain_id","block");--> statement-breakpoint
CREATE INDEX "onchain_pairs_token0_idx" ON "onchain_pairs" USING btree ("chain_id","token0");--> statement-breakpoint
CREATE INDEX "onchain_pairs_token1_idx" ON "onchain_pairs" USING btree ("chain_id","token1");--> statement-breakpoint
CREATE INDEX "onchain_token_transfers_token_idx" ON "onchain_token_transfers" USING btree ("chain_id","token");--> statement-breakpoint
CREATE INDEX "onchain_token_transfers_from_idx" ON "onchain_token_transfers" USING btree ("chain_id","from","block");--> statement-breakpoint
CREATE INDEX "onchain_token_transfers_to_idx" ON "onchain_token_transfers" USING btree ("chain_id","to","block");--> statement-breakpoint
CREATE INDEX "onchain_transactions_from_idx" ON "onchain_transactions" USING btree ("chain_id","from","block");--> statement-breakpoint
CREATE INDEX "onchain_transactions_to_idx" ON "onchain_transactions" USING btree ("chain_id","to","block");--> statement-breakpoint
CREATE INDEX "onchain_transactions_created_idx" ON "onchain_transactions" USING btree ("chain_id","created");--> statement-breakpoint
CREATE INDEX "onchain_transactions_block_idx" ON "onchain_transactions" USING btree ("chain_id","block");