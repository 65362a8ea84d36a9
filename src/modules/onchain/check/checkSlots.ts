import { currentCallSignal, type ChainClient } from '../chains/chainClient.ts';

/**
 * Checks that run at once on one chain. A check makes a few dozen calls through the chain's request budget: all
 * run together, a burst of checks shares that budget so thinly that every one misses its deadline. In turn, the
 * first ones finish in seconds, and a later one waits, or leaves at its deadline having spent nothing.
 */
export const CHECKS_AT_ONCE = 4;

interface Slots {
  running: number;
  /** Checks waiting for a slot, in arrival order; each is handed a slot as one frees. */
  waiting: Array<() => void>;
}
const slotsOf = new WeakMap<ChainClient, Slots>();

/** Waits for a slot of `chain`, or rejects when `signal` aborts first (its tool call timed out or was cancelled). */
function turn(slots: Slots, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const take = () => {
      signal?.removeEventListener('abort', leave);
      resolve();
    };
    const leave = () => {
      slots.waiting.splice(slots.waiting.indexOf(take), 1);
      reject(signal!.reason);
    };
    slots.waiting.push(take);
    signal?.addEventListener('abort', leave, { once: true });
  });
}

/** Runs `work` (one token check) once fewer than CHECKS_AT_ONCE checks run on `chain`, in arrival order. */
export async function inCheckSlot<T>(chain: ChainClient, work: () => Promise<T>): Promise<T> {
  let slots = slotsOf.get(chain);
  if (!slots) {
    slots = { running: 0, waiting: [] };
    slotsOf.set(chain, slots);
  }
  if (slots.running < CHECKS_AT_ONCE) slots.running++;
  else await turn(slots, currentCallSignal());
  try {
    return await work();
  } finally {
    const next = slots.waiting.shift();
    // The slot passes straight to the next check, or is given back.
    if (next) next();
    else slots.running--;
  }
}
