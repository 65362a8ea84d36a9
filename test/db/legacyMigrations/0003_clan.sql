-- Clan Warz: clans and their members compete in seasons; wars pit two clans against each other;
-- score events (idempotent on the caller's event id) are the only source of points.
CREATE TABLE clans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  tag text,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE UNIQUE INDEX clans_name_idx ON clans (lower(name));
--> statement-breakpoint
-- A player belongs to one clan at a time, so the handle alone identifies a member.
CREATE TABLE clan_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clan_id uuid NOT NULL REFERENCES clans (id) ON DELETE CASCADE,
  handle text NOT NULL UNIQUE,
  display_name text,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('leader', 'officer', 'member')),
  joined_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX clan_members_clan_idx ON clan_members (clan_id);
--> statement-breakpoint
CREATE TABLE seasons (
  id text PRIMARY KEY,
  name text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at)
);
--> statement-breakpoint
CREATE TABLE wars (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  season_id text NOT NULL REFERENCES seasons (id),
  clan_a_id uuid NOT NULL REFERENCES clans (id) ON DELETE CASCADE,
  clan_b_id uuid NOT NULL REFERENCES clans (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (clan_a_id <> clan_b_id),
  CHECK (ends_at > starts_at)
);
--> statement-breakpoint
CREATE INDEX wars_clan_a_idx ON wars (clan_a_id, starts_at DESC);
--> statement-breakpoint
CREATE INDEX wars_clan_b_idx ON wars (clan_b_id, starts_at DESC);
--> statement-breakpoint
CREATE TABLE score_events (
  event_id text PRIMARY KEY,
  clan_id uuid NOT NULL REFERENCES clans (id) ON DELETE CASCADE,
  member_id uuid REFERENCES clan_members (id) ON DELETE SET NULL,
  season_id text NOT NULL REFERENCES seasons (id),
  war_id uuid REFERENCES wars (id) ON DELETE SET NULL,
  points integer NOT NULL,
  reason text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX score_events_season_clan_idx ON score_events (season_id, clan_id);
--> statement-breakpoint
CREATE INDEX score_events_clan_recent_idx ON score_events (clan_id, occurred_at DESC);
--> statement-breakpoint
CREATE INDEX score_events_war_idx ON score_events (war_id, clan_id) WHERE war_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX score_events_member_idx ON score_events (member_id, season_id);
