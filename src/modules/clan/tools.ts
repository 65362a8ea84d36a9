import { z } from 'zod';
import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import type { ClanQueries } from './queries.ts';
import { clanRef, clanView, eventView, memberView, seasonView, warView } from './schemas.ts';

const seasonId = z.string().trim().toLowerCase().min(1).max(40).optional().describe('default: the season running now');
const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

export function clanTools(queries: ClanQueries): ToolDefinition[] {
  return [
    defineTool({
      name: 'clan.score_lookup',
      title: 'A clan’s score and standing',
      description:
        'Season score, leaderboard rank (tied clans share one), member count, latest score events and the clan’s current or latest war.',
      input: z.object({ clan: clanRef.describe('clan id, slug or name'), season: seasonId }),
      output: z.object({
        clan: clanView,
        season: seasonView,
        score: z.number(),
        rank: z.number().nullable().describe('null until the clan scores this season'),
        members: z.number(),
        recent_events: z.array(eventView),
        war: warView.nullable(),
      }),
      annotations: readOnly,
      role: 'guest',
      examples: [{ description: 'Moon Cartel this season', input: { clan: 'moon-cartel' } }],
      handler: ({ clan, season }) => queries.scoreLookup(clan, season),
    }),
    defineTool({
      name: 'clan.leaderboard',
      title: 'Clan Warz leaderboard',
      description: 'Clans by season score, highest first, with competition ranks (ties share a rank).',
      input: z.object({ season: seasonId, limit: z.number().int().min(1).max(100).default(10) }),
      output: z.object({
        season: seasonView,
        source: z
          .enum(['redis', 'database'])
          .describe('where the standings were read: the database also while Redis is away'),
        entries: z.array(z.object({ rank: z.number(), clan: clanView, score: z.number() })),
      }),
      annotations: readOnly,
      role: 'guest',
      examples: [{ description: 'Top five', input: { limit: 5 } }],
      handler: ({ season, limit }) => queries.leaderboard(season, limit),
    }),
    defineTool({
      name: 'clan.war_status',
      title: 'Where a clan war stands',
      description:
        'A war by id, a clan’s running (else latest, else next) war, or with neither the war running now: status, both clans’ war scores, the leader and the margin. ' +
        'With neither, when several wars run the error names them; when none runs, the latest war.',
      input: z
        .object({ war_id: z.uuid().optional(), clan: clanRef.optional() })
        .refine((q) => q.war_id === undefined || q.clan === undefined, {
          message: 'give war_id or clan, not both',
          path: ['war_id'],
        }),
      output: z.object({ war: warView }),
      annotations: readOnly,
      role: 'guest',
      examples: [
        { description: 'Diamond Hands’ war', input: { clan: 'diamond-hands' } },
        { description: 'The war running now', input: {} },
      ],
      handler: (query) => queries.warStatus(query),
    }),
    defineTool({
      name: 'clan.member_stats',
      title: 'A member’s season statistics',
      description:
        'Points, number of score events, rank within the clan, share of the clan’s points and the latest event of one member.',
      input: z.object({
        member: z.string().trim().toLowerCase().min(1).max(32).describe('member handle'),
        season: seasonId,
      }),
      output: z.object({
        member: memberView,
        clan: clanView,
        season: seasonView,
        points: z.number(),
        events: z.number(),
        rank_in_clan: z.number().nullable(),
        share_of_clan_pct: z.number(),
        last_event_at: z.string().nullable(),
      }),
      annotations: readOnly,
      role: 'guest',
      examples: [{ description: 'Stats of a demo member', input: { member: 'vega_dmnd' } }],
      handler: ({ member, season }) => queries.memberStats(member, season),
    }),
  ];
}
