import type { Bus } from '../../core/bus/bus.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import type { Item, ItemLog } from '../intelligence/index.ts';
import type { Clock } from '../../core/clock.ts';
import type { StreamConnection } from './connection.ts';
import type { StreamMetrics } from './streamMetrics.ts';
import { createSequencer } from './sequencer.ts';
import { isStoredItem, toStreamItem } from './subscription.ts';

/** How long the bus may stay quiet before the node asks the store whether it missed anything. */
const QUIET_POLL_MS = 1_000;

/**
 * A node's live side of the stream: hears stored items on the bus, puts them
 * in offset order (reading the store for any the bus lost) and hands each to
 * the connections that follow one of its agents or every agent. Each item is
 * framed once; a connection only checks its own filters.
 */
export interface StreamHub {
  /** Every stored item up to this offset has been dispatched. */
  readonly position: number;
  readonly connections: ReadonlySet<StreamConnection>;
  add(conn: StreamConnection): void;
  remove(conn: StreamConnection): void;
  setAgents(conn: StreamConnection, agents: ReadonlySet<string>): void;
  stop(): Promise<void>;
}

export async function startStreamHub(deps: {
  bus: Bus;
  log: ItemLog;
  logger: Logger;
  metrics: StreamMetrics;
  clock: Clock;
}): Promise<StreamHub> {
  const { bus, log, logger, metrics, clock } = deps;
  const connections = new Set<StreamConnection>();
  const everyAgent = new Set<StreamConnection>();
  const byAgent = new Map<string, Set<StreamConnection>>();

  function dispatch(item: Item, deliveredAt: number) {
    const routed = toStreamItem(item, deliveredAt);
    let sent = 0;
    // A connection following several of the item's agents is offered it by each: the first delivery
    // moves its position past the item, so it is sent once.
    for (const conn of everyAgent) if (conn.deliver(routed)) sent++;
    for (const agent of routed.agents) for (const conn of byAgent.get(agent) ?? []) if (conn.deliver(routed)) sent++;
    metrics.deliveries.inc(sent);
  }

  function index(conn: StreamConnection, add: boolean) {
    if (conn.agents.size === 0) {
      if (add) everyAgent.add(conn);
      else everyAgent.delete(conn);
      return;
    }
    for (const agent of conn.agents) {
      let followers = byAgent.get(agent);
      if (add) {
        if (!followers) {
          followers = new Set();
          byAgent.set(agent, followers);
        }
        followers.add(conn);
      } else if (followers) {
        followers.delete(conn);
        if (!followers.size) byAgent.delete(agent);
      }
    }
  }

  const sequencer = createSequencer({ start: await log.latest(), log, logger, deliver: dispatch });
  let lastHeard = clock.now();
  const unsubscribe = await bus.subscribe('intelligence.#', ({ routingKey, payload }) => {
    lastHeard = clock.now();
    if (isStoredItem(payload)) sequencer.offer(payload);
    else logger.warn({ routingKey }, 'ignoring a bus message that is not a stored item');
  });

  let polling = false;
  const stopPolling = clock.every(QUIET_POLL_MS, () => {
    if (polling || clock.now() - lastHeard < QUIET_POLL_MS) return;
    polling = true;
    log
      .latest()
      .then((offset) => sequencer.reach(offset))
      .catch((err) => logger.warn({ err: errorText(err) }, 'stream poll failed'))
      .finally(() => (polling = false));
  });

  return {
    get position() {
      return sequencer.position;
    },
    connections,
    add(conn) {
      connections.add(conn);
      index(conn, true);
      metrics.connections.inc();
    },
    remove(conn) {
      if (!connections.delete(conn)) return;
      index(conn, false);
      metrics.connections.dec();
    },
    setAgents(conn, agents) {
      // A connection that closed while its init was in flight must not be indexed again.
      const indexed = connections.has(conn);
      if (indexed) index(conn, false);
      conn.agents = agents;
      if (indexed) index(conn, true);
    },
    async stop() {
      stopPolling();
      sequencer.stop();
      await unsubscribe();
    },
  };
}
