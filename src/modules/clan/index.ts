import type { AppContext } from '../../core/context.ts';
import { createClanRepository } from './repository.ts';
import { createScoreRepository } from './scoreRepository.ts';
import { databaseLeaderboard, redisLeaderboard } from './leaderboard.ts';
import { createClanAdmin, type ClanAdmin } from './admin.ts';
import { createClanQueries, type ClanQueries } from './queries.ts';
import { seedClanDemo } from './demo.ts';

export interface ClanModule {
  admin: ClanAdmin;
  queries: ClanQueries;
}

/**
 * Clan Warz on this node: the database holds everything; with Redis the
 * leaderboard is a sorted set per season, rebuilt from the database here.
 * DEMO_DATA seeds the demo clans into an empty database first.
 */
export async function createClanModule(ctx: AppContext, now: () => Date = () => new Date()): Promise<ClanModule> {
  const clans = createClanRepository(ctx.db);
  const scores = createScoreRepository(ctx.db);
  const leaderboard = ctx.redis ? redisLeaderboard(ctx.redis, scores, ctx.logger) : databaseLeaderboard(scores);
  const admin = createClanAdmin({ clans, scores, leaderboard, now });
  if (ctx.config.DEMO_DATA && (await seedClanDemo(admin, clans, now()))) ctx.logger.info('seeded the Clan Warz demo');
  await leaderboard.rebuild().catch((err) => ctx.logger.warn({ err: (err as Error).message }, 'clan leaderboard: rebuild failed; each season is rebuilt on its first read'));
  return { admin, queries: createClanQueries({ clans, scores, leaderboard, now }) };
}
