CREATE TABLE "secret_rotations" (
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"expires_at" timestamp with time zone,
	CONSTRAINT "secret_rotations_pkey" PRIMARY KEY("kind","scope")
);
