import { type FingerprintHalves, fingerprintHalves, halvesDistance, hammingDistance } from './simHash.ts';

export { fingerprint, fingerprintOfWords, fingerprintToSignedDecimal, hammingDistance } from './simHash.ts';

/**
 * Near-duplicate detection over SimHash fingerprints. The index splits the 64
 * bits into maxDistance + 1 bands: two fingerprints at most maxDistance bits
 * apart must agree exactly on at least one band (pigeonhole), so a lookup only
 * compares against items sharing a band bucket instead of every item.
 */

/**
 * Bits two fingerprints may differ in and still be the same story. On the
 * replay dataset's clusters (the same story from 2–4 outlets, re-tagged and
 * lightly reworded, 15–40 words) 5 finds ~61% of same-story pairs while about
 * 1 in 10,000 pairs of different stories within 12 hours come this close
 * (word-for-word template copies aside); 7 finds ~73% at three times the false
 * matches. Precision first: a wrong merge hides a story. Changing it changes
 * the band layout, so persisted bands must be recomputed.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 5;

export function isNearDuplicate(a: string, b: string, maxDistance = NEAR_DUPLICATE_MAX_DISTANCE): boolean {
  return hammingDistance(a, b) <= maxDistance;
}

/** Bit ranges of the bands, as even as 64 bits allow. */
function bandRanges(bands: number): Array<[from: number, width: number]> {
  const ranges: Array<[number, number]> = [];
  for (let band = 0, from = 0; band < bands; band++) {
    const width = Math.floor(64 / bands) + (band < 64 % bands ? 1 : 0);
    ranges.push([from, width]);
    from += width;
  }
  return ranges;
}

/** At most 32 bits wide each (there are at least two bands), so a band's value is a number. */
const BANDS = bandRanges(NEAR_DUPLICATE_MAX_DISTANCE + 1);

/** Bits from..from+width-1 of a fingerprint, width at most 32. */
function bitsOf({ high, low }: FingerprintHalves, from: number, width: number): number {
  const from32 = from >= 32 ? high >>> (from - 32) : from === 0 ? low : (low >>> from) | (high << (32 - from));
  return width === 32 ? from32 >>> 0 : from32 & ((1 << width) - 1);
}

/** A fingerprint as the index files it: its halves and each band's value, worked out once for all its lookups and adds. */
export interface BandedFingerprint extends FingerprintHalves {
  hex: string;
  bands: number[];
}

export function bandFingerprint(hex: string): BandedFingerprint {
  const halves = fingerprintHalves(hex);
  return { hex, ...halves, bands: BANDS.map(([from, width]) => bitsOf(halves, from, width)) };
}

interface NearDuplicateMatch {
  id: string;
  fingerprint: string;
  distance: number;
  seenAt: number;
}

export interface NearDuplicateIndex {
  /** Remembers an item; adding an id again replaces it. `seenAt` is epoch milliseconds (default now). */
  add(id: string, fingerprint: BandedFingerprint, seenAt?: number): void;
  /** The closest item seen within the window before `at` (default now), nearest then newest first. */
  find(fingerprint: BandedFingerprint, at?: number): NearDuplicateMatch | undefined;
  /** Items currently held (old ones are dropped as new ones arrive). */
  size(): number;
  /** Whether an item is still held. */
  has(id: string): boolean;
}

export interface NearDuplicateIndexOptions {
  windowHours: number;
  now?: () => number;
}

interface Entry {
  id: string;
  fingerprint: BandedFingerprint;
  seenAt: number;
}

export function createNearDuplicateIndex(options: NearDuplicateIndexOptions): NearDuplicateIndex {
  const windowMs = options.windowHours * 3_600_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  /** Per band, the entries by that band's value. */
  const buckets = BANDS.map(() => new Map<number, Set<Entry>>());
  // Insertion order, for dropping entries that fell out of the window; items
  // added out of time order are dropped late, and `find` filters them anyway.
  const arrivals: string[] = [];
  let oldest = 0;

  const remove = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    entry.fingerprint.bands.forEach((value, band) => {
      const bucket = buckets[band]!.get(value)!;
      bucket.delete(entry);
      if (bucket.size === 0) buckets[band]!.delete(value);
    });
  };

  const dropExpired = (cutoff: number) => {
    for (; oldest < arrivals.length; oldest++) {
      const entry = entries.get(arrivals[oldest]!);
      if (entry && entry.seenAt >= cutoff) break;
      if (entry) remove(entry.id);
    }
    if (oldest > 1024 && oldest * 2 > arrivals.length) {
      arrivals.splice(0, oldest);
      oldest = 0;
    }
  };

  return {
    add(id, fingerprint, seenAt = now()) {
      remove(id);
      const entry = { id, fingerprint, seenAt };
      entries.set(id, entry);
      arrivals.push(id);
      fingerprint.bands.forEach((value, band) => {
        const bucket = buckets[band]!.get(value);
        if (bucket) bucket.add(entry);
        else buckets[band]!.set(value, new Set([entry]));
      });
      dropExpired(seenAt - windowMs);
    },
    find(fingerprint, at = now()) {
      let best: NearDuplicateMatch | undefined;
      // An entry sharing several bands is looked at once for each; it cannot displace itself.
      fingerprint.bands.forEach((value, band) => {
        for (const entry of buckets[band]!.get(value) ?? []) {
          if (entry.seenAt < at - windowMs || entry.seenAt > at) continue;
          const distance = halvesDistance(fingerprint, entry.fingerprint);
          if (distance > NEAR_DUPLICATE_MAX_DISTANCE) continue;
          if (!best || distance < best.distance || (distance === best.distance && entry.seenAt > best.seenAt)) {
            best = { id: entry.id, fingerprint: entry.fingerprint.hex, distance, seenAt: entry.seenAt };
          }
        }
      });
      return best;
    },
    size: () => entries.size,
    has: (id) => entries.has(id),
  };
}
