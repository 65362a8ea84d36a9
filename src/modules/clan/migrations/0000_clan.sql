CREATE TABLE "clan_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clan_id" uuid NOT NULL,
	"handle" text NOT NULL,
	"display_name" text,
	"role" text DEFAULT 'member' NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clan_members_handle_key" UNIQUE("handle"),
	CONSTRAINT "clan_members_role_check" CHECK (role IN ('leader', 'officer', 'member'))
);
--> statement-breakpoint
CREATE TABLE "clans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"tag" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clans_slug_key" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "score_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"clan_id" uuid NOT NULL,
	"member_id" uuid,
	"season_id" text NOT NULL,
	"war_id" uuid,
	"points" integer NOT NULL,
	"reason" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seasons" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "seasons_check" CHECK (ends_at > starts_at)
);
--> statement-breakpoint
CREATE TABLE "wars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"season_id" text NOT NULL,
	"clan_a_id" uuid NOT NULL,
	"clan_b_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wars_check" CHECK (clan_a_id <> clan_b_id),
	CONSTRAINT "wars_check1" CHECK (ends_at > starts_at)
);
--> statement-breakpoint
ALTER TABLE "clan_members" ADD CONSTRAINT "clan_members_clan_id_fkey" FOREIGN KEY ("clan_id") REFERENCES "clans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_events" ADD CONSTRAINT "score_events_clan_id_fkey" FOREIGN KEY ("clan_id") REFERENCES "clans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_events" ADD CONSTRAINT "score_events_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "clan_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_events" ADD CONSTRAINT "score_events_season_id_fkey" FOREIGN KEY ("season_id") REFERENCES "seasons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_events" ADD CONSTRAINT "score_events_war_id_fkey" FOREIGN KEY ("war_id") REFERENCES "wars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wars" ADD CONSTRAINT "wars_season_id_fkey" FOREIGN KEY ("season_id") REFERENCES "seasons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wars" ADD CONSTRAINT "wars_clan_a_id_fkey" FOREIGN KEY ("clan_a_id") REFERENCES "clans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wars" ADD CONSTRAINT "wars_clan_b_id_fkey" FOREIGN KEY ("clan_b_id") REFERENCES "clans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clan_members_clan_idx" ON "clan_members" USING btree ("clan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clans_name_idx" ON "clans" USING btree (lower(name));--> statement-breakpoint
CREATE INDEX "score_events_season_clan_idx" ON "score_events" USING btree ("season_id","clan_id");--> statement-breakpoint
CREATE INDEX "score_events_clan_recent_idx" ON "score_events" USING btree ("clan_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "score_events_war_idx" ON "score_events" USING btree ("war_id","clan_id") WHERE war_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "score_events_member_idx" ON "score_events" USING btree ("member_id","season_id");--> statement-breakpoint
CREATE INDEX "wars_clan_a_idx" ON "wars" USING btree ("clan_a_id","starts_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "wars_clan_b_idx" ON "wars" USING btree ("clan_b_id","starts_at" DESC NULLS FIRST);