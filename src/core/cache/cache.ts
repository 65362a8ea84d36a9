import type { ServiceHealth } from '../health.ts';

/**
 * A string key/value cache with the few primitives the platform needs.
 * Reads may go to a replica; writes, counters and locks go to the master.
 * Implementations throw when the backing service is unreachable; callers that
 * must keep serving (the feed) catch and fall back to the database.
 */
export interface Cache {
  kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  del(key: string): Promise<void>;
  incr(key: string): Promise<number>;
  /** Takes a lock for `ttlMs`; returns the token that releases it, or null when another holder has it. */
  acquireLock(key: string, ttlMs: number): Promise<string | null>;
  /** Releases the lock only if `token` still owns it, so a slow holder never frees someone else's lock. */
  releaseLock(key: string, token: string): Promise<void>;
  health(): Promise<ServiceHealth>;
  close(): Promise<void>;
}
