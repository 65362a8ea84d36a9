import { errorText, type Logger } from '../../core/logger.ts';
import type { Item, ItemLog } from '../intelligence/index.ts';

/** Items held while waiting for a lower offset; past this the store is read instead. */
const MAX_PENDING = 10_000;
const READ_BATCH = 500;
const RETRY_MS = 1_000;

/**
 * Turns what a node hears (bus messages in any order, duplicates, losses) into
 * every stored item exactly once, in offset order. A message whose offset
 * leaves a hole below it means the hole is already committed (offsets become
 * visible in commit order), so the hole is read from the store; a poll that
 * finds a higher stored offset does the same for messages the bus lost.
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
  deliver(item: Item): void;
  logger: Logger;
}): Sequencer {
  const { log, deliver, logger } = options;
  let position = options.start;
  let target = options.start;
  const pending = new Map<number, Item>();
  let draining = false;
  let stopped = false;

  function emit(item: Item) {
    position = item.offset;
    try {
      deliver(item);
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
