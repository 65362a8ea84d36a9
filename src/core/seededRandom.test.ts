import { describe, expect, it } from 'vitest';
import { seededRandom, unitHash } from './seededRandom.ts';

describe('seededRandom', () => {
  it('is mulberry32: the reference sequence for seed 42', () => {
    const random = seededRandom(42);
    const draws = Array.from({ length: 3 }, () => Math.round(random() * 2 ** 32));
    expect(draws).toEqual([2581720956, 1925393290, 3661312704]);
  });

  it('repeats for a seed, differs between seeds, and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(first);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('treats a seed as its unsigned 32 bits', () => {
    const negative = seededRandom(-1);
    const unsigned = seededRandom(2 ** 32 - 1);
    expect([negative(), negative()]).toEqual([unsigned(), unsigned()]);
  });
});

describe('unitHash', () => {
  it('is FNV-1a of key and purpose, scaled into [0, 1): the same everywhere, different per purpose', () => {
    expect(unitHash('bitcoin', 'price')).toBe(unitHash('bitcoin', 'price'));
    expect(unitHash('bitcoin', 'price')).not.toBe(unitHash('bitcoin', 'volume'));
    expect(Math.round(unitHash('a', 'b') * 2 ** 32)).toBe(0x42ac976d);
    for (let n = 0; n < 1000; n++) {
      const x = unitHash(`key${n}`, 'test');
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
