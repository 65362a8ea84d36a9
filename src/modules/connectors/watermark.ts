import { z } from 'zod';

/**
 * How far a time-ordered source has been read: the newest publication time
 * seen and the ids published at exactly that time (several entries can share
 * a timestamp, and the next poll must neither repeat nor lose them).
 */
export const watermarkSchema = z.object({ at: z.number().int(), ids: z.array(z.string()).max(1000) });
export type Watermark = z.infer<typeof watermarkSchema>;

export interface Stamped {
  at: number;
  id: string;
}

export function isAfter(mark: Watermark | undefined, entry: Stamped): boolean {
  if (!mark) return true;
  return entry.at > mark.at || (entry.at === mark.at && !mark.ids.includes(entry.id));
}

/** The mark after `entries` have been taken. */
export function advance(mark: Watermark | undefined, entries: Stamped[]): Watermark | undefined {
  let next = mark;
  for (const entry of entries) {
    if (!next || entry.at > next.at) next = { at: entry.at, ids: [entry.id] };
    else if (entry.at === next.at && !next.ids.includes(entry.id)) next = { at: next.at, ids: [...next.ids, entry.id] };
  }
  return next;
}
