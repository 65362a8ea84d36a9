import type { Redis } from 'ioredis';
import { errorText, type Logger } from '../../core/logger.ts';
import type { ScoreRepository } from './scoreRepository.ts';

interface Standing {
  score: number;
  /** Clans strictly ahead: the rank is this plus one, so tied clans share a rank. */
  ahead: number;
}

/** Where standings were read: Redis, or the database (the leaderboard's own, or Redis's fallback while it is away). */
type StandingsSource = 'redis' | 'database';

/** Season standings of the clans that have scored, keyed by clan slug. */
export interface Leaderboard {
  /** Called once a new score event is stored. */
  add(seasonId: string, slug: string, points: number): Promise<void>;
  /** Highest first; ties by slug, reverse alphabetical (the sorted set's own order); with where they were read. */
  top(
    seasonId: string,
    limit: number,
  ): Promise<{ source: StandingsSource; entries: Array<{ slug: string; score: number }> }>;
  standing(seasonId: string, clan: { id: string; slug: string }): Promise<Standing | null>;
  /** Recomputes the standings from the score events. */
  rebuild(): Promise<void>;
}

export function databaseLeaderboard(scores: ScoreRepository): Leaderboard {
  return {
    async add() {},
    async top(seasonId, limit) {
      const standings = await scores.standings(seasonId, limit);
      return { source: 'database', entries: standings.map(({ slug, score }) => ({ slug, score })) };
    },
    standing: (seasonId, clan) => scores.standing(seasonId, clan.id),
    async rebuild() {},
  };
}

/**
 * A sorted set per season (`clan:leaderboard:<season>`, ZINCRBY per event),
 * rebuilt from the database at start. Redis failing never fails a request:
 * reads fall back to the database, and a season this node cannot vouch for
 * (never rebuilt, an increment lost, or Redis reconnected since) is rebuilt on its next read.
 */
export function redisLeaderboard(redis: Redis, scores: ScoreRepository, logger: Logger): Leaderboard {
  const fallback = databaseLeaderboard(scores);
  const key = (seasonId: string) => `clan:leaderboard:${seasonId}`;
  /** Seasons whose sorted set this node knows to match the database. */
  const current = new Set<string>();
  // A Redis that went away may come back empty (or as another server): vouch for nothing until rebuilt.
  redis.on('ready', () => current.clear());

  async function rebuildSeason(seasonId: string) {
    const standings = await scores.standings(seasonId);
    // One transaction: readers on other nodes see the old set or the new one, never a half-built one.
    const batch = redis.multi().del(key(seasonId));
    if (standings.length) batch.zadd(key(seasonId), ...standings.flatMap(({ slug, score }) => [score, slug]));
    for (const [err] of (await batch.exec()) ?? []) if (err) throw err;
    current.add(seasonId);
  }

  /** Reads Redis when it is current and reachable, the database otherwise. */
  async function read<T>(seasonId: string, fromRedis: () => Promise<T>, fromDatabase: () => Promise<T>): Promise<T> {
    try {
      if (!current.has(seasonId)) await rebuildSeason(seasonId);
      return await fromRedis();
    } catch (err) {
      logger.warn({ err: errorText(err), seasonId }, 'clan leaderboard: redis unavailable, reading the database');
      return fromDatabase();
    }
  }

  return {
    async add(seasonId, slug, points) {
      try {
        await redis.zincrby(key(seasonId), points, slug);
      } catch (err) {
        current.delete(seasonId);
        logger.warn({ err: errorText(err), seasonId }, 'clan leaderboard: increment lost, will rebuild');
      }
    },
    top: (seasonId, limit) =>
      read(
        seasonId,
        async () => {
          const flat = await redis.zrevrange(key(seasonId), 0, limit - 1, 'WITHSCORES');
          const entries: Array<{ slug: string; score: number }> = [];
          for (let i = 0; i < flat.length; i += 2) entries.push({ slug: flat[i]!, score: Number(flat[i + 1]) });
          return { source: 'redis' as const, entries };
        },
        () => fallback.top(seasonId, limit),
      ),
    standing: (seasonId, clan) =>
      read(
        seasonId,
        async () => {
          const score = await redis.zscore(key(seasonId), clan.slug);
          if (score === null) return null;
          return { score: Number(score), ahead: await redis.zcount(key(seasonId), `(${score}`, '+inf') };
        },
        () => fallback.standing(seasonId, clan),
      ),
    async rebuild() {
      for (const seasonId of await scores.seasonsWithEvents()) await rebuildSeason(seasonId);
    },
  };
}
