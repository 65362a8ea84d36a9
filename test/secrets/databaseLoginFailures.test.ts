import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.ts';
import type { Database } from '../../src/core/db/database.ts';
import type { DatabaseCredentialsEngine } from '../../src/modules/secrets/backend.ts';
import { createDatabaseLogins } from '../../src/modules/secrets/databaseLogins.ts';
import { VaultStatusError } from '../../src/modules/secrets/vault/vaultHttp.ts';

/** Time moved by the loop's own sleeps, each one a turn of the event loop so the test's awaits get theirs. */
function steppingClock(): Clock {
  let now = Date.parse('2026-01-01T00:00:00Z');
  return {
    now: () => now,
    sleep: (ms) =>
      new Promise((resolve) => {
        now += ms;
        setImmediate(resolve);
      }),
    every: () => () => {},
  };
}

/** An engine issuing hour-long logins whose renewals fail with `renewError`, and a pool that drains at once. */
function bed(options: { renewError?: Error; onLease?: () => Promise<void>; renewsBeforeStop?: number } = {}) {
  const issued: string[] = [];
  const revoked: string[] = [];
  let renews = 0;
  let reached!: () => void;
  const renewedEnough = new Promise<void>((resolve) => (reached = resolve));
  const engine: DatabaseCredentialsEngine = {
    async issue() {
      const user = `login-${issued.length + 1}`;
      issued.push(user);
      return { user, password: 'p', leaseId: `lease/${user}`, ttlSeconds: 3600, renewable: true };
    },
    async renew() {
      if (++renews >= (options.renewsBeforeStop ?? 1)) reached();
      if (options.renewError) throw options.renewError;
      return { ttlSeconds: 3600 };
    },
    async revoke(leaseId) {
      revoked.push(leaseId);
    },
  };
  const db = { useLogin: async () => ({ drained: Promise.reject(new Error('pool closed')) }) } as unknown as Database;
  const logs: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const logins = createDatabaseLogins(engine, db, steppingClock(), logger, {
    rotateEveryMs: 86_400_000,
    drainMs: 1000,
    onLease: options.onLease,
  });
  return { logins, issued, revoked, logs, renewedEnough, renews: () => renews };
}

describe('database logins when something around them fails', () => {
  it('revokes the login before even when recording the new one throws, its failed drain handled', async () => {
    let calls = 0;
    const { logins, revoked } = bed({
      onLease: async () => {
        if (++calls > 1) throw new Error('rotation log down');
      },
    });
    await logins.start();
    await expect(logins.rotate()).rejects.toThrow('rotation log down');
    await logins.stop();
    expect(revoked).toContain('lease/login-1');
  });

  it('logs a refused renewal (403) as an error once a minute and keeps the login, retrying', async () => {
    const { logins, issued, logs, renewedEnough, renews } = bed({
      renewError: new VaultStatusError(403, ['permission denied']),
      renewsBeforeStop: 5,
    });
    await logins.start();
    await renewedEnough; // at 30 min, then 1, 2, 4 and 8 s later
    await logins.stop();
    expect(renews()).toBeGreaterThanOrEqual(5);
    expect(issued).toEqual(['login-1']);
    const refused = logs.filter((line) => line.msg.startsWith('secrets: Vault refused'));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.level).toBe(50);
  });

  it('replaces a login whose lease Vault no longer knows (400)', async () => {
    const { logins, issued, logs, renewedEnough } = bed({
      renewError: new VaultStatusError(400, ['lease not found or lease is not renewable']),
    });
    await logins.start();
    await renewedEnough;
    await logins.stop();
    expect(issued.slice(0, 2)).toEqual(['login-1', 'login-2']);
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});
