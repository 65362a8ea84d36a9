import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import type { Metrics } from '../../core/metrics.ts';
import { followedAgents } from './table.ts';

/** The agents each signed-in user follows, kept across connections and nodes. */
export interface FollowStore {
  agentsOf(userId: string): Promise<string[]>;
  follow(userId: string, agentId: string): Promise<void>;
  unfollow(userId: string, agentId: string): Promise<void>;
  followerCounts(): Promise<Map<string, number>>;
}

export function createFollowStore(db: Database, metrics: Metrics): FollowStore {
  const d = db.drizzle;
  const t = followedAgents;
  const counted = (query: string) => metrics.dbQueries.inc({ query: `stream.${query}` });
  return {
    async agentsOf(userId) {
      counted('follows_of');
      const rows = await d.select({ agentId: t.agentId }).from(t).where(eq(t.userId, userId)).orderBy(t.agentId);
      return rows.map((row) => row.agentId);
    },
    async follow(userId, agentId) {
      counted('follow');
      await d.insert(t).values({ userId, agentId }).onConflictDoNothing();
    },
    async unfollow(userId, agentId) {
      counted('unfollow');
      await d.delete(t).where(and(eq(t.userId, userId), eq(t.agentId, agentId)));
    },
    async followerCounts() {
      counted('follower_counts');
      const rows = await d.select({ agentId: t.agentId, n: sql<number>`count(*)::int` }).from(t).groupBy(t.agentId);
      return new Map(rows.map((row) => [row.agentId, row.n]));
    },
  };
}
