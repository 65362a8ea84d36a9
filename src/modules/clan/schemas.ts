import { z } from 'zod';
import { instantSchema } from '../../core/instant.ts';

/** Wire shapes of Clan Warz: admin request bodies, and the views the tools return. */

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2–40 lower-case letters, digits or dashes');
const handle = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_][a-z0-9_.-]{1,31}$/, 'must be 2–32 letters, digits, _ . or -');
const instant = instantSchema();
/** A clan by id, slug or name. */
export const clanRef = z.string().trim().min(1).max(100);

const memberInput = z.object({
  handle,
  display_name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(['leader', 'officer', 'member']).default('member'),
});
export type MemberInput = z.output<typeof memberInput>;

export const createClanBody = z.object({
  slug,
  name: z.string().trim().min(2).max(60),
  tag: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{2,6}$/, 'must be 2–6 capitals or digits')
    .optional(),
  members: z
    .array(memberInput)
    .max(100)
    .default([])
    .refine((members) => new Set(members.map((m) => m.handle)).size === members.length, 'lists a handle twice'),
});
export type CreateClanInput = z.output<typeof createClanBody>;

export const addMemberBody = memberInput;

export const createSeasonBody = z.object({
  id: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits or dashes'),
  name: z.string().trim().min(1).max(60),
  starts_at: instant,
  ends_at: instant,
});
export type CreateSeasonInput = z.output<typeof createSeasonBody>;

export const createWarBody = z.object({ clan_a: clanRef, clan_b: clanRef, starts_at: instant, ends_at: instant });
export type CreateWarInput = z.output<typeof createWarBody>;

export const scoreEventBody = z.object({
  event_id: z.string().trim().min(1).max(200).describe('your id for the event; recording it again changes nothing'),
  points: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((p) => p !== 0, 'must not be zero'),
  member: handle.optional().describe('handle of the member who scored'),
  war_id: z.uuid().optional().describe('default: the clan’s war running at occurred_at, if any'),
  reason: z.string().trim().max(200).optional(),
  occurred_at: instant.optional().describe('default: now'),
});
export type ScoreEventInput = z.output<typeof scoreEventBody>;

export const clanView = z
  .object({ id: z.uuid(), slug: z.string(), name: z.string(), tag: z.string().nullable() })
  .meta({ id: 'Clan' });
export const memberView = z.object({
  handle: z.string(),
  display_name: z.string().nullable(),
  role: z.string(),
  joined_at: z.string(),
});
export const seasonView = z
  .object({ id: z.string(), name: z.string(), starts_at: z.string(), ends_at: z.string() })
  .meta({ id: 'Season' });
export const eventView = z
  .object({
    event_id: z.string(),
    clan: z.string(),
    member: z.string().nullable(),
    season: z.string(),
    war_id: z.string().nullable(),
    points: z.number(),
    reason: z.string().nullable(),
    occurred_at: z.string(),
  })
  .meta({ id: 'ScoreEvent' });
export const warView = z
  .object({
    id: z.uuid(),
    season: z.string(),
    status: z.enum(['scheduled', 'active', 'finished']),
    starts_at: z.string(),
    ends_at: z.string(),
    clans: z.array(z.object({ slug: z.string(), name: z.string(), score: z.number() })),
    leader: z.string().nullable().describe('slug of the clan ahead; null when level'),
    margin: z.number(),
  })
  .meta({ id: 'War' });

export const clanWithMembers = clanView.extend({ members: z.array(memberView) });
