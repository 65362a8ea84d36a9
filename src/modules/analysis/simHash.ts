import xxhash from 'xxhash-wasm';

/**
 * 64-bit SimHash of a text: every word shingle of the normalised text votes on
 * each bit with its xxHash64, and the sign of the tally is the bit. Texts that
 * share most shingles get fingerprints a few bits apart, so "same story,
 * different outlet" is a small Hamming distance. Fingerprints travel as
 * 16-digit lower-case hex strings (what the database stores).
 *
 * Shingles are single words without stop words: posts are short, and with
 * two-word shingles one reworded clause flips as many bits as a different
 * story from the same template (measured on listing announcements: a
 * reordered rewrite 11–13 bits, another token's listing 13; with single words
 * 0–7 against 26). Words that name things (capitalised, tickers, figures)
 * vote three times: "BTC" vs "ETH" or "$20M" vs "$200M" is what tells two
 * templated stories apart.
 */

// The WebAssembly hasher loads once per process, in a few milliseconds.
const { h64 } = await xxhash();

/** Function words and wire boilerplate: they say nothing about which story it is. */
const STOP_WORDS = new Set(
  `a an the and or but of for to in on at by is are was were be been being will would can could has have had it its
  this that these those with from as into over after before about says said now just new breaking update alert
  report reports according per via amid while than then also more most`.split(/\s+/),
);
const URL = /https?:\/\/\S+|www\.\S+/g;
const HANDLE = /@[\w_]+/g;

const NAMING_WEIGHT = 3;

/** Words without links, handles and punctuation, case kept; numbers stay ($100M ≠ $10M). */
export function normaliseForFingerprint(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(URL, ' ')
    .replace(HANDLE, ' ')
    .replace(/[^\p{L}\p{N}$%.]+/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .split(' ')
    .filter(Boolean);
}

/** Lower-case shingles with their votes. */
function shingles(words: string[]): Array<[shingle: string, weight: number]> {
  const content = words.filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  return (content.length > 0 ? content : words).map((word) => [
    word.toLowerCase(),
    /\d|\p{Lu}.*\p{Lu}/u.test(word) ? NAMING_WEIGHT : 1,
  ]);
}

export function fingerprint(text: string): string {
  const tally = new Array<number>(64).fill(0);
  for (const [shingle, weight] of shingles(normaliseForFingerprint(text))) {
    const hash = h64(shingle);
    const high = Number(hash >> 32n);
    const low = Number(hash & 0xffffffffn);
    for (let bit = 0; bit < 32; bit++) {
      tally[bit]! += (low >>> bit) & 1 ? weight : -weight;
      tally[bit + 32]! += (high >>> bit) & 1 ? weight : -weight;
    }
  }
  let value = 0n;
  for (let bit = 63; bit >= 0; bit--) value = (value << 1n) | (tally[bit]! > 0 ? 1n : 0n);
  return value.toString(16).padStart(16, '0');
}

export function parseFingerprint(hex: string): bigint {
  if (!/^[0-9a-f]{16}$/i.test(hex)) throw new Error(`not a 64-bit hex fingerprint: ${hex}`);
  return BigInt(`0x${hex}`);
}

/** The fingerprint as a signed 64-bit decimal, for a PostgreSQL `bigint` column. */
export function fingerprintToSignedDecimal(hex: string): string {
  return BigInt.asIntN(64, parseFingerprint(hex)).toString();
}

function popCount32(n: number): number {
  let x = n - ((n >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hammingDistance(a: string, b: string): number {
  const diff = parseFingerprint(a) ^ parseFingerprint(b);
  return popCount32(Number(diff >> 32n)) + popCount32(Number(diff & 0xffffffffn));
}
