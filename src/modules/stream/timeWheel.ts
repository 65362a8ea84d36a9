import type { Clock } from '../../core/clock.ts';

interface Link {
  prev: Link;
  next: Link;
}

/** One tracked value's place on the wheel: a node of its slot's circular list, so moving it allocates nothing. */
export interface WheelEntry<T> extends Link {
  value: T;
  /** The tick at (or after) which the value expires. */
  deadline: number;
  /** The tick by which it expires however often it is touched (`expireBy`); Infinity when there is none. */
  latest: number;
}

export interface TimeWheel<T> {
  /** Starts tracking `value`; it expires `timeoutMs` from now unless touched. */
  add(value: T): WheelEntry<T>;
  /** Moves the deadline to `timeoutMs` from now, in O(1). */
  touch(entry: WheelEntry<T>): void;
  remove(entry: WheelEntry<T>): void;
  /**
   * Makes the entry expire by `atMs` (epoch ms), touched or not, in place of any earlier bound; undefined lifts the
   * bound. onExpire is then told the value reached it.
   */
  expireBy(entry: WheelEntry<T>, atMs: number | undefined): void;
  readonly size: number;
  stop(): void;
}

export interface TimeWheelOptions<T> {
  clock: Clock;
  timeoutMs: number;
  tickMs?: number;
  slots?: number;
  /** `atLatest`: the value reached the bound of `expireBy` (it may have been silent for the timeout as well). */
  onExpire(value: T, atLatest: boolean): void;
}

function unlink(link: Link) {
  link.prev.next = link.next;
  link.next.prev = link.prev;
  link.prev = link.next = link;
}

/**
 * A hashed timing wheel: deadlines hash into `slots` buckets of one tick each.
 * A touch relinks the entry into its new bucket; each tick visits only the
 * bucket falling due, expiring what is due and leaving entries that wrap
 * around to a later revolution (timeouts longer than the wheel).
 */
export function createTimeWheel<T>(options: TimeWheelOptions<T>): TimeWheel<T> {
  const { clock, timeoutMs, onExpire } = options;
  const tickMs = options.tickMs ?? 1_000;
  const slots = options.slots ?? 300;
  const buckets: Link[] = Array.from({ length: slots }, () => {
    const head = {} as Link;
    head.prev = head.next = head;
    return head;
  });
  let size = 0;
  let current = Math.floor(clock.now() / tickMs);

  function link(entry: WheelEntry<T>) {
    // Rounding up: an entry never expires before it has been silent for the full timeout.
    entry.deadline = Math.min(Math.ceil((clock.now() + timeoutMs) / tickMs), entry.latest);
    const head = buckets[entry.deadline % slots]!;
    entry.prev = head.prev;
    entry.next = head;
    head.prev.next = entry;
    head.prev = entry;
  }

  function expireDue(bucket: Link, now: number) {
    let link = bucket.next;
    while (link !== bucket) {
      const entry = link as WheelEntry<T>;
      link = link.next;
      if (entry.deadline > now) continue;
      unlink(entry);
      size--;
      onExpire(entry.value, entry.deadline >= entry.latest);
    }
  }

  function advance() {
    const target = Math.floor(clock.now() / tickMs);
    // After a stall longer than a revolution, one pass over every bucket is enough.
    for (let tick = Math.max(current + 1, target - slots + 1); tick <= target; tick++)
      expireDue(buckets[tick % slots]!, target);
    current = Math.max(current, target);
  }

  const stop = clock.every(tickMs, advance);
  return {
    add(value) {
      const entry = { value, deadline: 0, latest: Number.POSITIVE_INFINITY } as WheelEntry<T>;
      link(entry);
      size++;
      return entry;
    },
    touch(entry) {
      if (entry.next === entry) return; // expired or removed already
      unlink(entry);
      link(entry);
    },
    remove(entry) {
      if (entry.next === entry) return;
      unlink(entry);
      size--;
    },
    expireBy(entry, atMs) {
      if (entry.next === entry) return;
      // A bound already passed falls due at the next tick: a bucket behind the current one would wait a revolution.
      entry.latest = atMs === undefined ? Number.POSITIVE_INFINITY : Math.max(current + 1, Math.ceil(atMs / tickMs));
      unlink(entry);
      link(entry);
    },
    get size() {
      return size;
    },
    stop,
  };
}
