import type { Random } from './random.ts';

/**
 * A smooth weighted rotation (the way nginx spreads requests over servers):
 * each entry comes up in proportion to its weight and evenly spaced. The
 * corpus draws everyday story kinds and majors from rotations, so what is
 * steady in the market stays steady day after day instead of arriving in
 * random bursts that would read as trends. A random start keeps two seeds
 * from marching in step.
 */
export interface Rotation<T> {
  next(): T;
}

export function createRotation<T>(entries: ReadonlyArray<readonly [T, number]>, r: Random): Rotation<T> {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  const credit = entries.map(([, weight]) => r.float(0, weight, 4));
  return {
    next() {
      let best = 0;
      for (const [i, [, weight]] of entries.entries()) {
        credit[i] = credit[i]! + weight;
        if (credit[i]! > credit[best]!) best = i;
      }
      credit[best] = credit[best]! - total;
      return entries[best]![0];
    },
  };
}
