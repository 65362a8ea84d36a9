import type { Redis } from 'ioredis';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';

/**
 * Adds `ARGV[2]` requests to a window counter at once. A fresh counter (or one
 * that somehow lost its expiry, which would otherwise limit the client
 * forever) starts its window; a running one reports what is left of it. The
 * counter is the same integer-with-PEXPIRE as @fastify/rate-limit's own Redis
 * store keeps, so nodes running either count together.
 */
const ADD = `
local current = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if current == tonumber(ARGV[2]) or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}`;

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

interface RateLimitRedis extends Redis {
  rateLimitAdd(key: string, windowMs: number, count: number): Promise<[number, number]>;
}

/** The requests of one key on this node: those whose addition is in flight is implicit, `waiting` go in the next one. */
interface KeyState {
  waiting: Callback[];
  windowMs: number;
}

/**
 * A store for @fastify/rate-limit (its documented `store` option) that makes
 * one Redis round trip per key per round trip time instead of one per request:
 * while one addition for a key is in flight, later requests for that key wait
 * and are added together by the next one. INCRBY hands each addition a range
 * of its own, and each request learns its own place in it, so the count stays
 * exact across nodes. Only keys with requests in flight are held, so memory is
 * bounded by the requests being served.
 *
 * Redis errors (including ioredis's command timeout, the deadline) go to the
 * plugin, which lets the request through with `skipOnError`; the requests that
 * were waiting behind a failed addition fail with it, so none waits longer than
 * one command timeout.
 */
export function coalescingRedisStore(redis: Redis, prefix: string) {
  const client = redis as RateLimitRedis;
  if (!client.rateLimitAdd) client.defineCommand('rateLimitAdd', { numberOfKeys: 1, lua: ADD });

  return class CoalescingRedisStore implements FastifyRateLimitStore {
    readonly #keys = new Map<string, KeyState>();
    readonly #prefix: string;

    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }, routePrefix = prefix) {
      // Both restart the window per request past the limit, which a batched addition cannot do for each request.
      if (params.continueExceeding || params.exponentialBackoff) {
        throw new Error('coalescingRedisStore supports neither continueExceeding nor exponentialBackoff');
      }
      this.#prefix = routePrefix;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const state = this.#keys.get(key);
      if (state) {
        state.waiting.push(callback);
        state.windowMs = timeWindow;
        return;
      }
      this.#keys.set(key, { waiting: [], windowMs: timeWindow });
      this.#add(key, [callback], timeWindow);
    }

    /** A route-specific limit (`config.rateLimit` or `createRateLimit(options)`) counts under its own keys. */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): CoalescingRedisStore {
      // The plugin passes its merged limit options, the route under `routeInfo`, not what its typings say.
      const { method = '', url = '' } = (routeOptions as unknown as { routeInfo: { method?: string; url?: string } })
        .routeInfo;
      return new CoalescingRedisStore({}, `${this.#prefix}${method}${url}-`);
    }

    #add(key: string, callbacks: Callback[], windowMs: number): void {
      client.rateLimitAdd(this.#prefix + key, windowMs, callbacks.length).then(
        ([current, ttl]) => {
          const first = current - callbacks.length + 1;
          for (const [index, callback] of callbacks.entries()) callback(null, { current: first + index, ttl });
          this.#next(key);
        },
        (err: Error) => {
          const state = this.#keys.get(key);
          this.#keys.delete(key);
          for (const callback of callbacks) callback(err);
          for (const callback of state?.waiting ?? []) callback(err);
        },
      );
    }

    #next(key: string): void {
      const state = this.#keys.get(key);
      if (!state || state.waiting.length === 0) {
        this.#keys.delete(key);
        return;
      }
      const callbacks = state.waiting;
      state.waiting = [];
      this.#add(key, callbacks, state.windowMs);
    }

    /** Keys with an addition in flight, for tests of the memory bound. */
    get size(): number {
      return this.#keys.size;
    }
  };
}
