import type { Clock } from '../../core/clock.ts';
import type { Database } from '../../core/db/database.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import { createLogThrottle } from '../../core/logThrottle.ts';
import type { DatabaseCredentialsEngine, DatabaseLease } from './backend.ts';
import { VaultStatusError } from './vault/vaultHttp.ts';

/** A lease is renewed (or, when it cannot be, replaced) once half its time has passed: the other half is for draining. */
const CHECK_AT = 1 / 2;
/** Time kept between the end of draining and the old lease's end, for its revocation. */
const REVOKE_MARGIN_MS = 500;
/** The first retry after a failed renewal or issue; it doubles, never past a quarter of the time left. */
const RETRY_MS = 1_000;
/** The longest wait between retries once the login has ended (Vault sealed past its lease). */
const MAX_RETRY_MS = 30_000;

interface Held extends DatabaseLease {
  issuedAt: number;
  expiresAt: number;
}

interface DatabaseLoginStatus {
  user: string;
  lease_id: string;
  issued_at: string;
  expires_at: string;
  renewable: boolean;
  last_rotation: string | null;
}

export interface DatabaseLogins {
  /** Takes the first login and moves the pool onto it, then keeps it renewed and replaced until `stop`. */
  start(): Promise<void>;
  /** Replaces the login now: resolves once the pool uses a new one; the one before drains, then is revoked. */
  rotate(): Promise<void>;
  status(): DatabaseLoginStatus | null;
  /** Stops renewing, and revokes the login in use (the pool is closing). */
  stop(): Promise<void>;
}

/**
 * Dynamic database credentials for the platform's pool. Each login is renewed at half its lease; when
 * Vault cuts the renewal short (its max_ttl), when it cannot be renewed (the embedded engine's), or once
 * it is ROTATE_DB_EVERY old, a new login is issued, the pool moves onto it (Database.useLogin: new
 * connections use it, the old ones finish their work and close), and once they have the old lease is revoked.
 * Nothing in flight fails unless it outlives the drain's deadline. A failed renewal or issue keeps the login in
 * use and is tried again; a login whose lease has ended meanwhile (Vault sealed or out of reach past it), or
 * whose renewal Vault refuses with 400 (it no longer knows the lease), is replaced by a new one instead, so the node
 * recovers once Vault answers again.
 */
export function createDatabaseLogins(
  engine: DatabaseCredentialsEngine,
  db: Database,
  clock: Clock,
  logger: Logger,
  settings: {
    rotateEveryMs: number;
    /** How long the connections of a replaced login may finish their work before they are ended. */
    drainMs: number;
    onLease?: (login: { user: string; expiresAt: Date }) => Promise<void>;
  },
): DatabaseLogins {
  const useLogin = db.useLogin?.bind(db);
  let held: Held | undefined;
  let lastRotation: number | null = null;
  let nextCheckMs = 0;
  let retryMs = RETRY_MS;
  let queue: Promise<void> = Promise.resolve();
  const stopping = new AbortController();
  let looping: Promise<void> | undefined;

  /** The drains under way, each revoking the login it drained: `stop` waits for them. */
  const draining = new Set<Promise<void>>();
  /** Vault refusing a renewal is logged as an error once a minute: retries come every second at first. */
  const refusals = createLogThrottle(60_000, () => clock.now());

  /**
   * Issues a login and moves the pool onto it; resolves once new connections use it. The connections of the
   * login before drain on their own (never holding up the next rotation or the secrets' refresh), ended at the
   * drain's deadline — DATABASE_DRAIN_TIMEOUT_MS, or just before the old lease ends — and then it is revoked.
   */
  async function take(): Promise<void> {
    if (!useLogin) throw new Error('dynamic database credentials need PostgreSQL (DATABASE_URL)');
    const before = held;
    const lease = await engine.issue();
    const now = clock.now();
    held = { ...lease, issuedAt: now, expiresAt: now + lease.ttlSeconds * 1000 };
    nextCheckMs = Math.min(lease.ttlSeconds * 1000 * CHECK_AT, settings.rotateEveryMs);
    logger.info(
      { user: lease.user, ttl_seconds: lease.ttlSeconds, replaces: before?.user },
      'secrets: database login issued; the pool moves onto it',
    );
    const drainMs = before
      ? Math.max(0, Math.min(settings.drainMs, before.expiresAt - now - REVOKE_MARGIN_MS))
      : settings.drainMs;
    const { drained } = await useLogin(lease, drainMs);
    if (before) lastRotation = clock.now();
    // Registered before anything else is awaited: whatever fails after, the login before is revoked once drained.
    const drain = drained
      .then(
        ({ ended }) => {
          if (ended)
            logger.warn(
              { user: before?.user, ended, drain_ms: drainMs },
              'secrets: connections of the previous database login outlived the drain and were ended',
            );
        },
        (err: Error) =>
          logger.warn(
            { user: before?.user, err: errorText(err) },
            'secrets: draining the previous database login failed',
          ),
      )
      .then(() => before && revoke(before))
      .finally(() => draining.delete(drain));
    draining.add(drain);
    // Recorded through the pool once it uses the new login: the one before may be gone already (its lease ended).
    await settings.onLease?.({ user: lease.user, expiresAt: new Date(held.expiresAt) });
  }

  async function revoke(login: Held): Promise<void> {
    await engine
      .revoke(login.leaseId)
      .then(() => logger.info({ user: login.user }, 'secrets: previous database login revoked'))
      .catch((err: Error) =>
        logger.warn({ user: login.user, err: errorText(err) }, 'secrets: revoking the previous database login failed'),
      );
  }

  /** One at a time: a rotation asked for while the schedule's runs after it. */
  const serial = (work: () => Promise<void>) => {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  };

  async function check(): Promise<void> {
    const current = held!;
    const now = clock.now();
    if (current.renewable && now < current.expiresAt && now - current.issuedAt < settings.rotateEveryMs) {
      const renewed = await engine.renew(current.leaseId, current.ttlSeconds).catch((err: unknown) => {
        // 400 is Vault's "lease not found or lease is not renewable": no retry will renew it. Any other refusal (a
        // 403 from a policy without sys/leases/renew…) is an error to see, retried like an outage.
        if (err instanceof VaultStatusError && err.status === 400) return null;
        throw err;
      });
      if (renewed) {
        const { ttlSeconds } = renewed;
        current.expiresAt = now + ttlSeconds * 1000;
        await settings.onLease?.({ user: current.user, expiresAt: new Date(current.expiresAt) });
        if (ttlSeconds >= current.ttlSeconds) {
          nextCheckMs = Math.min(ttlSeconds * 1000 * CHECK_AT, settings.rotateEveryMs - (now - current.issuedAt));
          return;
        }
      }
    }
    await take();
  }

  async function loop() {
    while (!stopping.signal.aborted) {
      await clock.sleep(nextCheckMs, stopping.signal);
      if (stopping.signal.aborted) return;
      try {
        await serial(check);
        retryMs = RETRY_MS;
      } catch (err) {
        const left = held!.expiresAt - clock.now();
        nextCheckMs = left > 0 ? Math.max(100, Math.min(retryMs, left / 4)) : Math.min(retryMs, MAX_RETRY_MS);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        const fields = { err: errorText(err), user: held!.user, left_ms: left };
        if (!(err instanceof VaultStatusError))
          logger.warn(fields, 'secrets: database login renewal failed; the one in use stays, trying again');
        else if (refusals.admit(err.message))
          logger.error(
            fields,
            'secrets: Vault refused renewing or issuing the database login (its policy?); the one in use stays, trying again',
          );
      }
    }
  }

  return {
    async start() {
      await serial(take);
      looping = loop();
    },
    rotate: () => serial(take),
    status: () =>
      held
        ? {
            user: held.user,
            lease_id: held.leaseId,
            issued_at: new Date(held.issuedAt).toISOString(),
            expires_at: new Date(held.expiresAt).toISOString(),
            renewable: held.renewable,
            last_rotation: lastRotation === null ? null : new Date(lastRotation).toISOString(),
          }
        : null,
    async stop() {
      stopping.abort();
      await looping;
      await queue;
      // The login in use is revoked first: a drain may take DATABASE_DRAIN_TIMEOUT_MS, longer than a node has to stop.
      if (held) await engine.revoke(held.leaseId).catch(() => {});
      await Promise.all(draining);
    },
  };
}
