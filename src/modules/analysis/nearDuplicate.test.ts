import { describe, expect, it } from 'vitest';
import {
  bandFingerprint,
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

  it('keeps the values stored items carry (computed with BigInt before it worked in 32-bit halves)', () => {
    // Stored items are matched against new ones, so any change here splits stories already stored.
    expect(fingerprint(story)).toBe('1448bd1e1a53ef22');
    expect(fingerprint('🚨 3,895 #BTC transferred from unknown wallet to #OKX')).toBe('b4989b17f50dfc94');
    // A word longer than 32 bytes takes xxHash64's other path.
    expect(fingerprint('Whale moved 12,000 ETH to 0x28C6c06298d514Db089934071355E5743bf21d60 on Ethereum')).toBe(
      '5e64ce1c4ae689ee',
    );
    expect(fingerprint('Über-Rallye: Bitcoin erreicht 100.000 $ — Ethereum folgt')).toBe('4014ee2634b8f498');
    expect(fingerprint('the and of for')).toBe('0211040408831202');
  });

  it('ignores case, links and handles', () => {
    expect(fingerprint('Bitcoin tops $100K @someone https://x.com/a')).toBe(fingerprint('bitcoin tops $100K'));
  });

  it('converts to a signed 64-bit decimal for a bigint column', () => {
    expect(fingerprintToSignedDecimal('ffffffffffffffff')).toBe('-1');
    expect(fingerprintToSignedDecimal('7fffffffffffffff')).toBe('9223372036854775807');
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow();
  });

  it('counts differing bits in both halves', () => {
    expect(hammingDistance('ffffffff00000000', '00000000ffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('ABCDEF0123456789', 'abcdef0123456789')).toBe(0);
  });
});

describe('bands', () => {
  it('cuts the 64 bits into six bands, one of them across the halves', () => {
    // Bits 0–10, 11–21, 22–32, 33–43, 44–53, 54–63.
    expect(bandFingerprint('ffffffffffffffff').bands).toEqual([2047, 2047, 2047, 2047, 1023, 1023]);
    expect(bandFingerprint('0000000100000000').bands).toEqual([0, 0, 1024, 0, 0, 0]);
    expect(bandFingerprint('0000000080000000').bands).toEqual([0, 0, 512, 0, 0, 0]);
    expect(bandFingerprint('8000000000000001').bands).toEqual([1, 0, 0, 0, 0, 512]);
  });
});

describe('near-duplicate index', () => {
  const hour = 3_600_000;
  const banded = (text: string) => bandFingerprint(fingerprint(text));

  it('answers with the closest item seen within the window', () => {
    const index = createNearDuplicateIndex({ windowHours: 24 });
    index.add('a', banded(story), 0);
    index.add('b', banded(otherStories[2]!), 0);
    expect(index.find(banded(sameStory[0]!), hour)).toMatchObject({
      id: 'a',
      fingerprint: fingerprint(story),
      seenAt: 0,
    });
    expect(index.find(banded(otherStories[0]!), hour)).toBeUndefined();
  });

  it('forgets items older than the window', () => {
    const index = createNearDuplicateIndex({ windowHours: 2 });
    index.add('old', banded(story), 0);
    expect(index.find(banded(story), 3 * hour)).toBeUndefined();
    index.add('new', banded(otherStories[2]!), 3 * hour);
    expect(index.size()).toBe(1);
    expect([index.has('old'), index.has('new')]).toEqual([false, true]);
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
      index.add(`f${flips}`, bandFingerprint(hex), 0);
    }
    const match = index.find(banded(story), 0);
    expect(match).toMatchObject({ id: 'f0', distance: 0 });
    for (const [i, hex] of stored.entries()) {
      const solo = createNearDuplicateIndex({ windowHours: 1 });
      solo.add('x', bandFingerprint(hex), 0);
      expect(solo.find(banded(story), 0) !== undefined).toBe(i <= NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });

  it('replaces an item added again under the same id', () => {
    const index = createNearDuplicateIndex({ windowHours: 24, now: () => 0 });
    index.add('a', banded(story));
    index.add('a', banded(otherStories[2]!));
    expect(index.size()).toBe(1);
    expect(index.find(banded(story))).toBeUndefined();
  });
});
