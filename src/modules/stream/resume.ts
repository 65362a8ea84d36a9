import type { StreamConnection } from './connection.ts';
import type { StreamHub } from './hub.ts';
import type { ItemLog } from '../intelligence/index.ts';
import type { StreamMetrics } from './streamMetrics.ts';
import { serverFrames } from './protocol.ts';
import { toStreamItem } from './subscription.ts';

const PAGE = 500;

export interface ResumeDeps {
  hub: StreamHub;
  log: ItemLog;
  metrics: StreamMetrics;
  /** How many offsets back a client may resume from; further back it gets `reset`. */
  window: number;
}

/**
 * Brings a connection from `since` up to the hub and makes it live, with no
 * gap and no duplicate. The store is read up to the hub's position, again
 * and again while the hub moves on; the switch to live happens in the same
 * turn of the event loop in which the reader has caught up, so the hub's next
 * item is the first one the reader did not send.
 *
 * `starting` is told where delivery starts before any frame goes out: `since`,
 * or the hub's position when `since` cannot be resumed from (a `reset` follows).
 */
export async function resume(
  conn: StreamConnection,
  since: number,
  deps: ResumeDeps,
  starting: (offset: number) => void,
): Promise<void> {
  const { hub, log, metrics } = deps;
  // A client ahead of this node came from a node that heard of newer items first; ahead of the store, it saw a store that was reset.
  const ahead = since > hub.position && since > (await log.latest());
  if (ahead || hub.position - since > deps.window) {
    starting(hub.position);
    return goLive(conn, hub.position, true);
  }
  starting(since);

  let cursor = since;
  while (cursor < hub.position) {
    const upTo = hub.position;
    const items = await log.read(cursor, upTo, PAGE);
    for (const item of items) {
      if (conn.closing) return;
      const routed = toStreamItem(item);
      if (!conn.wants(routed, since)) continue;
      await conn.replay(routed);
      metrics.replayed.inc();
    }
    cursor = items.length < PAGE ? upTo : items.at(-1)!.offset;
  }
  goLive(conn, cursor, false);
}

function goLive(conn: StreamConnection, from: number, reset: boolean) {
  if (reset) conn.send(serverFrames.reset(from));
  conn.goLive(from);
}
