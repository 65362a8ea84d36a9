CREATE TABLE "flagged_addresses" (
	"chain_id" integer NOT NULL,
	"address" text NOT NULL,
	"category" text NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flagged_addresses_pkey" PRIMARY KEY("chain_id","address"),
	CONSTRAINT "flagged_addresses_address_check" CHECK (address ~ '^0x[0-9a-f]{40}$'),
	CONSTRAINT "flagged_addresses_category_check" CHECK (category IN ('scam', 'mixer', 'sanctioned', 'phishing', 'exploit'))
);
--> statement-breakpoint
CREATE INDEX "flagged_addresses_category_idx" ON "flagged_addresses" USING btree ("category","chain_id");--> statement-breakpoint
CREATE INDEX "flagged_addresses_source_idx" ON "flagged_addresses" USING btree ("source");