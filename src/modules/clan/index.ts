import type { AppContext } from '../../core/context.ts';
import { defineModule } from '../../core/module.ts';
import { createClanAdmin } from './admin.ts';
import { seedClanDemo } from './demo.ts';
import { databaseLeaderboard, redisLeaderboard } from './leaderboard.ts';
import { createClanQueries } from './queries.ts';
import { createClanRepository } from './repository.ts';
import { clanRoutes } from './routes.ts';
import { createScoreRepository } from './scoreRepository.ts';
import { clanMigrations } from './table.ts';
import { clanTools } from './tools.ts';
import { errorText } from '../../core/logger.ts';

/**
 * Clan Warz on this node: the database holds everything; with Redis the
 * leaderboard is a sorted set per season, rebuilt from the database when the
 * platform starts. DEMO_DATA seeds the demo clans into an empty database first.
 */
export function createClanModule(ctx: AppContext, now: () => Date = () => new Date()) {
  const clans = createClanRepository(ctx.db);
  const scores = createScoreRepository(ctx.db);
  const leaderboard = ctx.redis ? redisLeaderboard(ctx.redis, scores, ctx.logger) : databaseLeaderboard(scores);
  const admin = createClanAdmin({ clans, scores, leaderboard, now });
  const queries = createClanQueries({ clans, scores, leaderboard, now });
  return {
    admin,
    queries,
    tools: {
      name: 'clan',
      description:
        'Clan Warz: clans, seasons, wars and leaderboards. Reads for everyone; the admin REST under /api/v1/clans records scores.',
      tools: clanTools(queries),
    },
    resources: [
      {
        uri: 'alphanest://reference/clans',
        name: 'clans',
        title: 'Clan Warz standings',
        description: 'Every clan of the running season with its score and rank (the clan.leaderboard tool, top 100).',
        source: { tool: 'clan.leaderboard', parameters: { limit: 100 } },
      },
    ],
    gatewayRoutes: [{ plugin: clanRoutes(admin) }],
    async prepare() {
      if (ctx.config.DEMO_DATA && (await seedClanDemo(admin, clans, now())))
        ctx.logger.info('seeded the Clan Warz demo');
      await leaderboard.rebuild().catch((err) => {
        ctx.logger.warn(
          { err: errorText(err) },
          'clan leaderboard: rebuild failed; each season is rebuilt on its first read',
        );
      });
    },
  };
}

export const clanModule = defineModule({
  name: 'clan',
  migrations: clanMigrations,
  create: (ctx) => createClanModule(ctx),
});

export type ClanModule = ReturnType<typeof createClanModule>;
export type { clanView, memberView, seasonView, warView } from './schemas.ts';
