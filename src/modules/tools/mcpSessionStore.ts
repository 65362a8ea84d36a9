import type { Redis } from 'ioredis';

/** What a session is beyond its protocol server: kept where every node can read it when Redis is configured. */
export interface SessionRecord {
  /** Who opened it (`user:<sub>` or `ip:<address>` for a guest): only they may use it. */
  owner: string;
  /** The protocol revision the client initialised with. */
  protocolVersion: string;
  /** `logging/setLevel`'s level; unset: every level is sent. */
  logLevel?: string;
  /** Resource URIs the client subscribed to. */
  subscriptions: string[];
  /** Every stored intelligence item up to this stream offset has been considered for its subscriptions. */
  position: number;
}

/**
 * Sessions by id, expiring after `ttlSeconds` without a request. Every call
 * has a deadline: Redis commands fail fast (the client's own command timeout)
 * and a failure reaches the caller, who answers 503.
 */
export interface SessionStore {
  readonly shared: boolean;
  create(id: string, record: SessionRecord): Promise<boolean>;
  /** The record, and its expiry pushed back. */
  touch(id: string): Promise<SessionRecord | undefined>;
  update(id: string, change: Partial<SessionRecord>): Promise<void>;
  delete(id: string): Promise<void>;
}

/** In process: at most `max` sessions, the least recently used dropped first when full of expired ones. */
export function createMemorySessionStore(
  { ttlSeconds, max }: { ttlSeconds: number; max: number },
  now: () => number = Date.now,
): SessionStore {
  // A Map keeps insertion order: touching re-inserts, so the first entries are the least recently used.
  const sessions = new Map<string, { record: SessionRecord; expires: number }>();
  const live = (id: string) => {
    const entry = sessions.get(id);
    if (entry && entry.expires <= now()) sessions.delete(id);
    return sessions.get(id);
  };
  return {
    shared: false,
    async create(id, record) {
      for (const [key, entry] of sessions) {
        if (sessions.size < max) break;
        if (entry.expires <= now()) sessions.delete(key);
        else break;
      }
      if (sessions.size >= max) return false;
      sessions.set(id, { record, expires: now() + ttlSeconds * 1000 });
      return true;
    },
    async touch(id) {
      const entry = live(id);
      if (!entry) return undefined;
      sessions.delete(id);
      sessions.set(id, { record: entry.record, expires: now() + ttlSeconds * 1000 });
      return { ...entry.record };
    },
    async update(id, change) {
      const entry = live(id);
      if (entry) entry.record = { ...entry.record, ...change };
    },
    async delete(id) {
      sessions.delete(id);
    },
  };
}

/** In Redis: one hash per session (`<prefix>mcp:session:<id>`) with its expiry; any node serves any session. */
export function createRedisSessionStore(redis: Redis, { ttlSeconds }: { ttlSeconds: number }): SessionStore {
  const key = (id: string) => `mcp:session:${id}`;
  const encode = (change: Partial<SessionRecord>) =>
    Object.fromEntries(Object.entries(change).map(([field, value]) => [field, JSON.stringify(value)] as const));
  return {
    shared: true,
    async create(id, record) {
      await redis.multi().hset(key(id), encode(record)).expire(key(id), ttlSeconds).exec();
      return true;
    },
    async touch(id) {
      const replies = await redis.multi().hgetall(key(id)).expire(key(id), ttlSeconds).exec();
      const fields = replies?.[0]?.[1] as Record<string, string> | undefined;
      if (!fields?.owner) return undefined;
      return Object.fromEntries(
        Object.entries(fields).map(([field, value]) => [field, JSON.parse(value)]),
      ) as SessionRecord;
    },
    async update(id, change) {
      // Only an existing session is changed: a late write must not bring a deleted one back.
      if (await redis.exists(key(id))) await redis.hset(key(id), encode(change));
    },
    async delete(id) {
      await redis.del(key(id));
    },
  };
}
