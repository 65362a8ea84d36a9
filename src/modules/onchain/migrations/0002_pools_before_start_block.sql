ALTER TABLE "onchain_pairs" ALTER COLUMN "block" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "onchain_pairs" ALTER COLUMN "tx_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "onchain_pairs" ALTER COLUMN "creator" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "onchain_pairs" ALTER COLUMN "timestamp" DROP NOT NULL;