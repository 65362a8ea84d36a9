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

/** FNV-1a: a stable 32-bit hash, identical across processes and machines. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic number in [0, 1) for a key and a purpose: random-looking
 * values that are a pure function of their name, for simulations that must
 * answer any point (an asset, a minute) without replaying a sequence to it.
 */
export const unitHash = (key: string, purpose: string) => fnv1a(`${key}#${purpose}`) / 2 ** 32;
