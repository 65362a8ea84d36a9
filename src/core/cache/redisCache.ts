import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Cache } from './cache.ts';
import { timed } from '../health.ts';
import type { Logger } from '../logger.ts';
import { withDeadline } from '../deadline.ts';
import { TCP_KEEP_ALIVE_DELAY_MS } from '../tcpKeepAlive.ts';
import { errorText } from '../logger.ts';

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * How long a connection may stay silent while commands wait on it, in command
 * timeouts. Past one, a command is just slow (Redis stalled on a fork or a long
 * script); past two, the connection is taken for partitioned.
 */
const SILENT_SOCKET_COMMAND_TIMEOUTS = 2;

/**
 * Options shared by every Redis connection of the platform (cache, rate limit,
 * leaderboard, chat limits): fail fast while Redis is away (no offline queue,
 * one retry) so requests go on without it at once, give up on a command Redis
 * does not answer within `commandTimeoutMs` (a partition drops packets instead
 * of refusing them, so nothing else would end the wait), and reconnect forever
 * in the background.
 *
 * A partition also keeps the socket open (TCP gives up only after minutes), so
 * every command would wait out its timeout again. `socketTimeout` destroys a
 * socket on which commands are pending but nothing arrives: from then on until
 * Redis answers again every caller fails at once with the offline-queue error
 * (a reconnection through the partition never gets past its ready check, which
 * the same deadline ends).
 */
export function redisOptions(prefix: string, commandTimeoutMs: number): RedisOptions {
  return {
    keyPrefix: prefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    socketTimeout: SILENT_SOCKET_COMMAND_TIMEOUTS * commandTimeoutMs,
    connectTimeout: 2_000,
    keepAlive: TCP_KEEP_ALIVE_DELAY_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  };
}

export function connectRedis(
  url: string,
  prefix: string,
  commandTimeoutMs: number,
  logger: Logger,
  role: string,
): Redis {
  const client = new Redis(url, redisOptions(prefix, commandTimeoutMs));
  // ioredis reports errors on every reconnect attempt, alternating between a few kinds; log each kind once per outage.
  const seen = new Set<string>();
  client.on('error', (err: Error) => {
    if (!seen.has(err.message)) logger.warn({ role, err: errorText(err) }, 'redis connection error');
    seen.add(err.message);
  });
  client.on('ready', () => {
    if (seen.size > 0) logger.info({ role }, 'redis connection restored');
    seen.clear();
  });
  return client;
}

/**
 * Waits (briefly) for a new connection to be usable: without an offline queue,
 * commands sent before then fail. If Redis is down the node starts anyway, degraded.
 */
export function whenReady(client: Redis, timeoutMs = 2_000): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.once('ready', onReady);
  });
}

/** Redis with writes on the master and reads on the replica (which may be the master itself). */
export function createRedisCache(master: Redis, replica: Redis): Cache {
  return {
    kind: 'redis',
    get: (key) => replica.get(key),
    async set(key, value, ttlMs) {
      await master.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async del(key) {
      await master.del(key);
    },
    incr: (key) => master.incr(key),
    async acquireLock(key, ttlMs) {
      const token = randomUUID();
      const ok = await master.set(key, token, 'PX', ttlMs, 'NX');
      return ok === 'OK' ? token : null;
    },
    async releaseLock(key, token) {
      await master.eval(RELEASE_LOCK, 1, key, token);
    },
    health: () =>
      timed(async () => {
        await master.ping();
        if (replica !== master) await replica.ping();
      }, 'redis'),
    async close() {
      await Promise.all([master, ...(replica !== master ? [replica] : [])].map(closeWithin));
    },
  };
}

/** How long closing waits for Redis to acknowledge QUIT before dropping the connection. */
const QUIT_DEADLINE_MS = 1_000;

/** QUIT lets commands already sent finish; a Redis that does not answer must not hold a shutdown, so the socket is then just closed. */
async function closeWithin(client: Redis): Promise<void> {
  await withDeadline(client.quit(), QUIT_DEADLINE_MS, 'redis quit').catch(() => {});
  client.disconnect();
}
