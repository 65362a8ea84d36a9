import { errorText, type Logger } from '../../core/logger.ts';
import type { Item, ItemLog } from '../intelligence/index.ts';

/** Items held while waiting for a lower offset; past this the store is read instead. */
const MAX_PENDING = 10_000;
const READ_BATCH = 500;
const RETRY_MS = 1_000;
/**
 * Items whose last delivery offset is remembered (see `deliver`): an agent joins a story within minutes of the
 * first, and a few megabytes hold hours of items.
 */
const REMEMBERED_ITEMS = 50_000;

/**
 * Turns what a node hears (bus messages in any order, duplicates, losses) into
 * every stored item exactly once, in offset order. A message whose offset
 * leaves a hole below it means the hole is already committed (offsets become
 * visible in commit order), so the hole is read from the store; a poll that
 * finds a higher stored offset does the same for messages the bus lost.
 *
 * An item moves to a new offset when an agent joins it, so a hole read after
 * the move finds it at the new one only: the node never delivered it at the
 * offset its first agent joined at. `deliver` is told the offset at which this
 * node delivered the item before, so receivers do not take the first join for
 * a delivery they had.
 */
export interface Sequencer {
  /** Every stored item up to this offset has been delivered. */
  readonly position: number;
  offer(item: Item): void;
  /** Makes sure everything stored up to `offset` gets delivered. */
  reach(offset: number): void;
  stop(): void;
}

export function createSequencer(options: {
  start: number;
  log: ItemLog;
  /**
   * `deliveredAt`: the offset at which this node delivered the same item before; 0 when it never did, and for an
   * item it no longer remembers, the highest offset of those it forgot (never delivered above that).
   */
  deliver(item: Item, deliveredAt: number): void;
  logger: Logger;
  /** How many items' delivery offsets are remembered (REMEMBERED_ITEMS). */
  remembered?: number;
}): Sequencer {
  const { log, deliver, logger, remembered: capacity = REMEMBERED_ITEMS } = options;
  let position = options.start;
  let target = options.start;
  const pending = new Map<number, Item>();
  let draining = false;
  let stopped = false;
  /** Item id → the offset it was last delivered at, oldest delivery first (a Map keeps insertion order). */
  const deliveredAt = new Map<string, number>();
  let forgottenUpTo = 0;

  /** The offset the item was delivered at before (see `deliver`), now remembered as `offset`. */
  function redelivery(id: string, offset: number): number {
    const remembered = deliveredAt.get(id);
    // Not remembered: never delivered, or forgotten, delivered at or below what was forgotten before now.
    const before = remembered ?? forgottenUpTo;
    if (remembered !== undefined) deliveredAt.delete(id);
    else if (deliveredAt.size >= capacity) {
      const [oldest, at] = deliveredAt.entries().next().value!;
      deliveredAt.delete(oldest);
      forgottenUpTo = Math.max(forgottenUpTo, at);
    }
    deliveredAt.set(id, offset);
    return before;
  }

  function emit(item: Item) {
    position = item.offset;
    try {
      deliver(item, redelivery(item.id, item.offset));
    } catch (err) {
      logger.error({ err, offset: item.offset }, 'stream delivery failed');
    }
  }

  async function readHole() {
    const upTo = target;
    const items = await log.read(position, upTo, READ_BATCH);
    for (const item of items) if (item.offset > position) emit(item);
    if (items.length < READ_BATCH) position = Math.max(position, upTo);
    for (const offset of pending.keys()) if (offset <= position) pending.delete(offset);
  }

  async function drain() {
    if (draining) return;
    draining = true;
    try {
      while (!stopped) {
        for (let next = pending.get(position + 1); next; next = pending.get(position + 1)) {
          pending.delete(next.offset);
          emit(next);
        }
        if (target <= position) break;
        await readHole().catch(async (err) => {
          logger.warn({ err: errorText(err), position, target }, 'reading missed stream items failed; retrying');
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        });
      }
    } finally {
      draining = false;
    }
  }

  return {
    get position() {
      return position;
    },
    offer(item) {
      if (item.offset <= position) return;
      target = Math.max(target, item.offset);
      if (pending.size < MAX_PENDING) pending.set(item.offset, item);
      void drain();
    },
    reach(offset) {
      if (offset <= target) return;
      target = offset;
      void drain();
    },
    stop() {
      stopped = true;
      pending.clear();
    },
  };
}
