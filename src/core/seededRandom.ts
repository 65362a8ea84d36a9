/**
 * mulberry32: a 32-bit state, one multiply-xorshift round per draw. Small and
 * fast, and good enough for simulations, demo data and fuzz cases, never for
 * secrets. The same seed gives the same sequence on every machine, which is
 * the point: demo feeds, simulated books and failing fuzz runs replay exactly.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
