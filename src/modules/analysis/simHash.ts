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
/**
 * xxHash64 comes back as a BigInt; its halves are read through this view instead of by BigInt
 * shifts, which cost more than the hash itself. Big-endian, so offset 0 is the high half.
 */
const hashView = new DataView(new ArrayBuffer(8));
/** Each bit's tally, reused: fingerprinting is synchronous. */
const tally = new Int32Array(64);

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

/** The words a fingerprint is made of: all but stop words, unless that leaves none. */
function contentWords(words: string[]): string[] {
  const content = words.filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  return content.length > 0 ? content : words;
}

const namesSomething = (word: string) => /\d|\p{Lu}.*\p{Lu}/u.test(word);

/** Adds a vote for each set bit of the hash (and against each clear one) to its tally. */
function vote(high: number, low: number, weight: number) {
  // Arithmetic, not a branch: hash bits are random, so a branch would be mispredicted half the time.
  const swing = 2 * weight;
  for (let bit = 0; bit < 32; bit++) {
    tally[bit]! += ((low >>> bit) & 1) * swing - weight;
    tally[bit + 32]! += ((high >>> bit) & 1) * swing - weight;
  }
}

/** The 32 bits from `firstBit` on whose tally is positive. */
function winningBits(firstBit: number): number {
  let half = 0;
  for (let bit = 31; bit >= 0; bit--) half = (half << 1) | (tally[firstBit + bit]! > 0 ? 1 : 0);
  return half >>> 0;
}

const hex32 = (half: number) => half.toString(16).padStart(8, '0');

/** The fingerprint of words as normaliseForFingerprint gives them; computed in 32-bit halves. */
export function fingerprintOfWords(words: string[]): string {
  tally.fill(0);
  for (const word of contentWords(words)) {
    const weight = namesSomething(word) ? NAMING_WEIGHT : 1;
    hashView.setBigUint64(0, h64(word.toLowerCase()));
    vote(hashView.getUint32(0), hashView.getUint32(4), weight);
  }
  return hex32(winningBits(32)) + hex32(winningBits(0));
}

export function fingerprint(text: string): string {
  return fingerprintOfWords(normaliseForFingerprint(text));
}

/** A fingerprint as two unsigned 32-bit numbers, which compare without BigInt. */
export interface FingerprintHalves {
  high: number;
  low: number;
}

function checked(hex: string): string {
  if (!/^[0-9a-f]{16}$/i.test(hex)) throw new Error(`not a 64-bit hex fingerprint: ${hex}`);
  return hex;
}

export function fingerprintHalves(hex: string): FingerprintHalves {
  checked(hex);
  return { high: Number.parseInt(hex.slice(0, 8), 16), low: Number.parseInt(hex.slice(8), 16) };
}

/** The fingerprint as a signed 64-bit decimal, for a PostgreSQL `bigint` column. */
export function fingerprintToSignedDecimal(hex: string): string {
  return BigInt.asIntN(64, BigInt(`0x${checked(hex)}`)).toString();
}

function popCount32(n: number): number {
  let x = n - ((n >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function halvesDistance(a: FingerprintHalves, b: FingerprintHalves): number {
  return popCount32(a.high ^ b.high) + popCount32(a.low ^ b.low);
}

export function hammingDistance(a: string, b: string): number {
  return halvesDistance(fingerprintHalves(a), fingerprintHalves(b));
}
