import { describe, expect, it } from 'vitest';
import {
  createNearDuplicateIndex,
  fingerprint,
  fingerprintToSignedDecimal,
  hammingDistance,
  isNearDuplicate,
  NEAR_DUPLICATE_MAX_DISTANCE,
} from './nearDuplicate.ts';

const story =
  'Binance will list Thena (THE) and open trading for THE/USDT and THE/BTC pairs at 10:00 UTC on 12 March. Deposits are open now.';
const sameStory = [
  `BREAKING: ${story} https://t.co/abc`,
  'Binance will list Thena (THE) and open trading for THE/USDT, THE/BTC pairs at 10:00 UTC on 12 March. Deposits are now open.',
  'Binance is set to list Thena (THE) and open trading for THE/USDT and THE/BTC pairs at 10:00 UTC on 12 March. Deposits are open now.',
];
const otherStories = [
  'Coinbase will list Aptos (APT) and open trading for APT/USD pairs at 16:00 UTC on 14 March. Transfers are open now.',
  'Binance will list Pendle (PENDLE) and open trading for PENDLE/USDT and PENDLE/BTC pairs at 10:00 UTC on 12 March. Deposits are open now.',
  'Ethereum developers confirmed the date of the next hard fork during the core devs call on Thursday.',
];

describe('SimHash fingerprints', () => {
  it('is a stable 16-digit hex string', () => {
    expect(fingerprint(story)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(story)).toBe(fingerprint(story));
  });

  it('puts the same story from other outlets within the threshold', () => {
    for (const text of sameStory) expect(isNearDuplicate(fingerprint(story), fingerprint(text))).toBe(true);
  });

  it('keeps different stories apart, even from the same template', () => {
    for (const text of otherStories) {
      expect(hammingDistance(fingerprint(story), fingerprint(text))).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });

  it('ignores case, links and handles', () => {
    expect(fingerprint('Bitcoin tops $100K @someone https://x.com/a')).toBe(fingerprint('bitcoin tops $100K'));
  });

  it('converts to a signed 64-bit decimal for a bigint column', () => {
    expect(fingerprintToSignedDecimal('ffffffffffffffff')).toBe('-1');
    expect(fingerprintToSignedDecimal('7fffffffffffffff')).toBe('9223372036854775807');
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow();
  });
});

describe('near-duplicate index', () => {
  const hour = 3_600_000;

  it('answers with the closest item seen within the window', () => {
    const index = createNearDuplicateIndex({ windowHours: 24 });
    index.add('a', fingerprint(story), 0);
    index.add('b', fingerprint(otherStories[2]!), 0);
    expect(index.find(fingerprint(sameStory[0]!), hour)).toMatchObject({
      id: 'a',
      fingerprint: fingerprint(story),
      seenAt: 0,
    });
    expect(index.find(fingerprint(otherStories[0]!), hour)).toBeUndefined();
  });

  it('forgets items older than the window', () => {
    const index = createNearDuplicateIndex({ windowHours: 2 });
    index.add('old', fingerprint(story), 0);
    expect(index.find(fingerprint(story), 3 * hour)).toBeUndefined();
    index.add('new', fingerprint(otherStories[2]!), 3 * hour);
    expect(index.size()).toBe(1);
  });

  it('agrees with a brute-force scan (banding misses nothing within the threshold)', () => {
    const index = createNearDuplicateIndex({ windowHours: 1 });
    const base = BigInt(`0x${fingerprint(story)}`);
    const stored: string[] = [];
    // Flip 0..12 bits spread over all bands.
    for (let flips = 0; flips <= 12; flips++) {
      let value = base;
      for (let k = 0; k < flips; k++) value ^= 1n << BigInt((k * 23) % 64);
      const hex = value.toString(16).padStart(16, '0');
      stored.push(hex);
      index.add(`f${flips}`, hex, 0);
    }
    const match = index.find(fingerprint(story), 0);
    expect(match).toMatchObject({ id: 'f0', distance: 0 });
    for (const [i, hex] of stored.entries()) {
      const solo = createNearDuplicateIndex({ windowHours: 1 });
      solo.add('x', hex, 0);
      expect(solo.find(fingerprint(story), 0) !== undefined).toBe(i <= NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });

  it('replaces an item added again under the same id', () => {
    const index = createNearDuplicateIndex({ windowHours: 24, now: () => 0 });
    index.add('a', fingerprint(story));
    index.add('a', fingerprint(otherStories[2]!));
    expect(index.size()).toBe(1);
    expect(index.find(fingerprint(story))).toBeUndefined();
  });
});
