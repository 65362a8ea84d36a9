import pg from 'pg';
import type { Config } from '../config.ts';
import { TCP_KEEP_ALIVE_DELAY_MS } from '../tcpKeepAlive.ts';
import { markRaisedByDatabaseClient } from '../dependencyErrors.ts';

export type PostgresTimeouts = Pick<
  Config,
  | 'DATABASE_CONNECT_TIMEOUT_MS'
  | 'DATABASE_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'
  | 'DATABASE_OWNER_ROLE'
>;

/**
 * How much longer the client waits for an answer than the server lets a
 * statement run: a slow statement is cancelled by the server first (a clear
 * 57014 error on a healthy connection), so the client-side deadline fires only
 * when the server cannot answer at all (a partition, a frozen host).
 */
const QUERY_TIMEOUT_MARGIN_MS = 2_000;

/** Connection settings every PostgreSQL client of the platform uses: each step has a deadline. */
export function postgresClientConfig(
  url: string,
  schema: string,
  timeouts: PostgresTimeouts,
  statementTimeoutMs = timeouts.DATABASE_STATEMENT_TIMEOUT_MS,
): pg.ClientConfig {
  return {
    connectionString: url,
    // A search_path naming a schema that does not exist yet is accepted (the bootstrap client creates it).
    // With DATABASE_OWNER_ROLE every session acts as that role (SET ROLE at connection): objects it
    // creates belong to it, not to a short-lived login (dynamic credentials), whose removal never waits on them.
    options: `-c search_path="${schema}",public${timeouts.DATABASE_OWNER_ROLE ? ` -c role=${timeouts.DATABASE_OWNER_ROLE}` : ''}`,
    connectionTimeoutMillis: timeouts.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
    idle_in_transaction_session_timeout: timeouts.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: TCP_KEEP_ALIVE_DELAY_MS,
  };
}

/**
 * A pg client that closes its connection when a query hits `query_timeout`.
 * pg rejects the query but keeps waiting for the server's answer on that
 * connection, so everything queued behind it (a transaction's ROLLBACK, the
 * next user of a pooled client) would wait out the deadline again. Closing it
 * makes the client unqueryable, and the pool then discards it instead of
 * handing it out.
 *
 * It also marks the errors it fails a connection or its queries with as the
 * database's (src/core/dependencyErrors.ts), so a bare socket error (refused,
 * reset) from here is told apart from one of any other client. A lost
 * connection reaches its queries from the 'error' it emits (pg-pool's
 * pool.query even answers from that event first), a failed connect through
 * the connect callback.
 */
export class DeadlineClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: overrides every overload of pg's method at once
  override connect(...args: any[]): any {
    const callback = args[0];
    if (typeof callback === 'function')
      return super.connect((err: Error) => callback(err && markRaisedByDatabaseClient(err)));
    return super.connect().catch((err: unknown) => {
      throw markRaisedByDatabaseClient(err);
    });
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'error') markRaisedByDatabaseClient(args[0]);
    return super.emit(event, ...args);
  }

  // biome-ignore lint/suspicious/noExplicitAny: overrides every overload of pg's method at once
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (err: Error | null, result: unknown) => {
        this.closeAfterTimeout(err);
        last(err, result);
      };
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) result.catch((err: Error) => this.closeAfterTimeout(err));
    return result;
  }

  private closeAfterTimeout(err: Error | null) {
    if (err?.message === 'Query read timeout') this.connection.stream.destroy();
  }
}

/**
 * A pg pool whose checked-out clients go back to it (and are discarded) when
 * their connection dies. drizzle sends a transaction's BEGIN before the block
 * that releases the client, so a BEGIN that fails (the connection lost, the
 * query deadline) would keep its client checked out forever, and a partition
 * would shrink the pool for good. Release is made idempotent so drizzle's own
 * release afterwards is harmless.
 *
 * Both forms of checkout are covered. The callback form is what pg-pool's own
 * pool.query uses (it releases on every outcome itself, and release being
 * idempotent, the two agree), but any other caller of it is protected too.
 */
export class DeadlinePool extends pg.Pool {
  /**
   * Whether a client must not serve again (it logged in with credentials since replaced, see
   * Database.useLogin): it is closed instead of handed out, and when it comes back to the pool.
   */
  retired: (client: pg.PoolClient) => boolean = () => false;

  /** Closes the idle clients that are retired (those checked out close as they come back). */
  async closeRetiredIdle(): Promise<void> {
    // Idle clients are handed out first, so as many checkouts as there are idle clients meet each of them.
    for (let left = this.idleCount; left > 0 && this.idleCount > 0; left--) {
      const client = await super.connect();
      client.release(this.retired(client));
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: overrides every overload of pg's method at once
  override connect(...args: any[]): any {
    const callback = args[0];
    if (typeof callback !== 'function')
      return super.connect().then((client) => {
        if (!this.retired(client)) return releasedWhenLost(client, this.retired);
        client.release(true);
        return this.connect();
      });
    return super.connect((err, client, done) => {
      if (err || !client) return callback(err, client, done);
      if (this.retired(client)) {
        done(true);
        return this.connect(callback);
      }
      const guarded = releasedWhenLost(client, this.retired);
      callback(undefined, guarded, guarded.release);
    });
  }
}

function releasedWhenLost(client: pg.PoolClient, retired: (client: pg.PoolClient) => boolean): pg.PoolClient {
  const release = client.release;
  let released = false;
  const releaseOnce = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.off('end', lost);
    release(err || retired(client));
  };
  const lost = () => releaseOnce(new Error('connection lost while checked out'));
  client.once('end', lost);
  client.release = releaseOnce;
  return client;
}
