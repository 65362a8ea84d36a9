import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { systemClock, type Clock } from '../clock.ts';
import type { Database, Drizzle } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { createFairShares, type Share } from './fairShare.ts';
import { leases } from './table.ts';
import { errorText } from '../logger.ts';

/** A write refused because the lease it was made under is no longer this holder's (expired, taken over, released). */
export class LeaseLostError extends Error {
  readonly lease: string;
  constructor(lease: string) {
    super(`lease ${lease} is no longer held`);
    this.lease = lease;
    this.name = 'LeaseLostError';
  }
}

/** One grant of a lease to this node: valid until `signal` aborts. */
export interface Lease {
  readonly name: string;
  /** The fencing token: grows by one each time the lease is granted, to any holder. */
  readonly token: number;
  /** Aborts when the lease is lost (not renewed in time, taken over) or given up: the work it guards must stop. */
  readonly signal: AbortSignal;
  /**
   * Runs `write` in a transaction that first locks the lease's row and checks this grant is still the
   * current one and unexpired: a takeover waits for the write to commit, and a write under a lost
   * grant is refused with LeaseLostError (the lease's signal aborts too). For the writes a stale holder
   * must not make (a connector's cursor, an indexer's checkpoint).
   */
  fenced<T>(write: (tx: Drizzle) => Promise<T>): Promise<T>;
}

/** Keeps a piece of work running on exactly one node: started once this node holds the lease, stopped when it loses it. */
type Holding = (lease: Lease) => Promise<() => Promise<void>>;

export interface Leases {
  /** This node's name in the leases table (host, process, a random part). */
  readonly holder: string;
  /** The time a grant lasts without renewal. */
  readonly ttlMs: number;
  /** One attempt: the lease when it is free or expired (renewed until lost or released), else null. */
  tryAcquire(name: string): Promise<(Lease & { release(): Promise<void> }) | null>;
  /**
   * Runs `run(lease)` whenever this node holds `name`, until `signal` aborts: tries to take it every
   * fifth of the lease time, runs the work while held (it must return once `lease.signal` aborts),
   * then releases it and tries again. Resolves once stopped and released. With `share`, the group's names are
   * spread over the holders that hold for it (fairShare.ts): this node takes `name` only while it holds less than
   * its share, and gives it up (the lease's signal aborts) when it holds more.
   */
  hold(name: string, run: (lease: Lease) => Promise<void>, signal: AbortSignal, share?: Share): Promise<void>;
  /**
   * `hold` for work that starts and stops (an engine, a schedule): `start` runs on taking the lease,
   * its stop on losing it. Resolves at once with the function that stops it everywhere on this node.
   */
  singleton(name: string, start: Holding): () => Promise<void>;
  /** Stops every renewal and releases every lease this node holds (the context's close). */
  close(): Promise<void>;
}

interface LeaseOptions {
  ttlMs: number;
  clock?: Clock;
  /** Default: this host, process and a random part, so two contexts in one process are two holders. */
  holder?: string;
}

interface Grant {
  token: number;
  controller: AbortController;
  /** Local time by which this node must consider the grant over (renewal sent + ttl). */
  deadline: number;
  stopRenewing: AbortController;
  renewing: Promise<void>;
}

/**
 * Leases in the platform's database (PostgreSQL, or PGlite on a single node): a row per name with its
 * holder, fencing token and expiry on the database's clock. A holder renews every third of the lease
 * time and counts its grant over at (last renewal sent + ttl) on its own clock, which comes before the
 * expiry any other node sees; fenced writes close the remaining gap.
 */
export function createLeases(db: Database, logger: Logger, options: LeaseOptions): Leases {
  const { ttlMs } = options;
  const clock = options.clock ?? systemClock;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const held = new Map<string, Grant>();
  const stopAll = new AbortController();
  const running = new Set<Promise<void>>();
  const d = db.drizzle;

  const rows = async (statement: ReturnType<typeof sql>) =>
    ((await d.execute(statement)) as unknown as { rows: Array<Record<string, unknown>> }).rows;

  function lose(name: string, grant: Grant, why: string) {
    if (held.get(name) !== grant) return;
    held.delete(name);
    grant.stopRenewing.abort();
    if (!grant.controller.signal.aborted) {
      logger.warn({ lease: name, token: grant.token, why }, 'lease lost');
      grant.controller.abort(new LeaseLostError(name));
    }
  }

  async function renewLoop(name: string, grant: Grant) {
    const signal = grant.stopRenewing.signal;
    while (!signal.aborted) {
      // Wake at the next renewal, or at the local deadline if renewals keep failing.
      await clock.sleep(Math.max(0, Math.min(ttlMs / 3, grant.deadline - clock.now())), signal);
      if (signal.aborted) return;
      if (clock.now() >= grant.deadline) return lose(name, grant, 'not renewed in time');
      const sentAt = clock.now();
      try {
        // A renewal still unanswered at the deadline (the database slow or out of reach) loses the lease then, not
        // when the statement's own timeout ends it: other nodes may take it over from that moment.
        const late = new AbortController();
        const renewal = rows(
          sql`UPDATE leases SET expires_at = now() + make_interval(secs => ${ttlMs / 1000})
              WHERE name = ${name} AND holder = ${holder} AND token = ${grant.token} AND expires_at > now()
              RETURNING token`,
        );
        const renewed = await Promise.race([
          renewal,
          clock.sleep(Math.max(0, grant.deadline - clock.now()), late.signal).then(() => null),
        ]).finally(() => late.abort());
        if (renewed === null) {
          renewal.catch(() => {});
          return lose(name, grant, 'not renewed in time');
        }
        if (!renewed.length) return lose(name, grant, 'taken over or expired');
        grant.deadline = sentAt + ttlMs;
      } catch (err) {
        logger.warn({ lease: name, err: errorText(err) }, 'lease renewal failed; retrying');
      }
    }
  }

  function leaseOf(name: string, grant: Grant): Lease & { release(): Promise<void> } {
    return {
      name,
      token: grant.token,
      signal: grant.controller.signal,
      async fenced(write) {
        if (held.get(name) !== grant || clock.now() >= grant.deadline) {
          lose(name, grant, 'not renewed in time');
          throw new LeaseLostError(name);
        }
        return d.transaction(async (tx) => {
          const current = (await tx.execute(
            sql`SELECT 1 FROM leases WHERE name = ${name} AND holder = ${holder} AND token = ${grant.token}
                AND expires_at > now() FOR SHARE`,
          )) as unknown as { rows: unknown[] };
          if (!current.rows.length) {
            lose(name, grant, 'a fenced write found it taken over or expired');
            throw new LeaseLostError(name);
          }
          return write(tx as unknown as Drizzle);
        });
      },
      async release() {
        if (held.get(name) !== grant) return;
        held.delete(name);
        grant.stopRenewing.abort();
        grant.controller.abort(new LeaseLostError(name));
        await grant.renewing;
        await d
          .update(leases)
          .set({ expiresAt: sql`now()` })
          .where(and(eq(leases.name, name), eq(leases.holder, holder), eq(leases.token, grant.token)))
          .catch((err: Error) => logger.warn({ lease: name, err: errorText(err) }, 'lease release failed; it expires'));
      },
    };
  }

  async function tryAcquire(name: string) {
    if (held.has(name) || stopAll.signal.aborted) return null;
    const sentAt = clock.now();
    // Free, expired or released: granted with the next token. Held by anyone (this holder included): refused.
    const granted = await rows(
      sql`INSERT INTO leases (name, holder, token, expires_at)
          VALUES (${name}, ${holder}, 1, now() + make_interval(secs => ${ttlMs / 1000}))
          ON CONFLICT (name) DO UPDATE
            SET holder = excluded.holder, token = leases.token + 1, expires_at = excluded.expires_at
            WHERE leases.expires_at <= now()
          RETURNING token`,
    );
    if (!granted.length || held.has(name)) return null;
    const grant: Grant = {
      token: Number(granted[0]!.token),
      controller: new AbortController(),
      deadline: sentAt + ttlMs,
      stopRenewing: new AbortController(),
      renewing: Promise.resolve(),
    };
    held.set(name, grant);
    grant.renewing = renewLoop(name, grant);
    logger.info({ lease: name, token: grant.token }, 'lease taken');
    return leaseOf(name, grant);
  }

  /** While `lease` is held, gives it up once it is above this node's share of its group (checked every renewal). */
  async function shedWhenAbove(share: Share, lease: Lease & { release(): Promise<void> }) {
    while (!lease.signal.aborted) {
      await clock.sleep(ttlMs / 3, lease.signal);
      if (lease.signal.aborted) return;
      const above = await shares.excess(share, lease.name).catch(() => false);
      if (above) {
        logger.info({ lease: lease.name, token: lease.token }, 'lease given up to even out the share');
        return lease.release();
      }
    }
  }

  async function hold(name: string, run: (lease: Lease) => Promise<void>, signal: AbortSignal, share?: Share) {
    const stopped = AbortSignal.any([signal, stopAll.signal]);
    while (!stopped.aborted) {
      const attempt = async () => ((await shares.mayTake(share!)) ? tryAcquire(name) : null);
      const lease = await (share ? attempt() : tryAcquire(name)).catch((err: Error) => {
        logger.warn({ lease: name, err: errorText(err) }, 'could not try the lease; retrying');
        return null;
      });
      if (lease) {
        const shedding = share ? shedWhenAbove(share, lease) : undefined;
        // Stopping asks the work to finish (its signal aborts) but keeps the grant until it has: a batch in flight
        // still writes its cursor under the lease, and no other node takes the work over before it is released.
        const working: Lease = {
          name: lease.name,
          token: lease.token,
          signal: AbortSignal.any([lease.signal, stopped]),
          fenced: (write) => lease.fenced(write),
        };
        try {
          await run(working);
        } catch (err) {
          if (!working.signal.aborted) logger.error({ lease: name, err }, 'work under a lease failed');
        } finally {
          await lease.release();
          await shedding;
        }
      }
      await clock.sleep(ttlMs / 5, stopped);
    }
  }

  const shares = createFairShares({
    holder,
    tryAcquire,
    heldNames: () => [...held.keys()],
    async countLive(prefix) {
      const [row] = await rows(
        sql`SELECT count(*)::int AS n FROM leases WHERE starts_with(name, ${prefix}) AND expires_at > now()`,
      );
      return Number(row?.n ?? 0);
    },
  });

  function track(work: Promise<void>) {
    running.add(work);
    void work.finally(() => running.delete(work));
    return work;
  }

  return {
    holder,
    ttlMs,
    tryAcquire,
    hold: (name, run, signal, share) => track(hold(name, run, signal, share)),
    singleton(name, start) {
      const controller = new AbortController();
      const done = track(
        hold(
          name,
          async (lease) => {
            const stop = await start(lease);
            if (!lease.signal.aborted)
              await new Promise((resolve) => lease.signal.addEventListener('abort', resolve, { once: true }));
            await stop();
          },
          controller.signal,
        ),
      );
      return async () => {
        controller.abort();
        await done;
      };
    },
    async close() {
      stopAll.abort();
      await Promise.all(running);
      await shares.close();
      await Promise.all([...held.keys()].map((name) => leaseOf(name, held.get(name)!).release()));
    },
  };
}
