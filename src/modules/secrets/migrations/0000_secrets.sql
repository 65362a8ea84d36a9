CREATE TABLE "secret_versions" (
	"path" text NOT NULL,
	"version" integer NOT NULL,
	"sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "secret_versions_pkey" PRIMARY KEY("path","version"),
	CONSTRAINT "secret_versions_version_check" CHECK (version > 0)
);
--> statement-breakpoint
CREATE TABLE "service_accounts" (
	"name" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"agents" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"attempts_since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_accounts_role_check" CHECK (role IN ('agent', 'service'))
);
--> statement-breakpoint
CREATE TABLE "totp_keys" (
	"name" text PRIMARY KEY NOT NULL,
	"sealed" text NOT NULL,
	"issuer" text NOT NULL,
	"account_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transit_keys" (
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transit_keys_pkey" PRIMARY KEY("name","version"),
	CONSTRAINT "transit_keys_version_check" CHECK (version > 0)
);
--> statement-breakpoint
CREATE TABLE "service_account_used_codes" (
	"account" text NOT NULL,
	"code" text NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_account_used_codes_pkey" PRIMARY KEY("account","code")
);
