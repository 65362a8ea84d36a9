import { describe, expect, it } from 'vitest';
import { taxText } from './taxText.ts';

describe('a simulated tax in text', () => {
  it('says unknown when the simulation could not measure it', () => {
    expect(taxText('sell tax', null)).toBe('sell tax unknown');
  });

  it('gives a measured one with its digits, without a float’s noise', () => {
    expect(taxText('buy tax', 0)).toBe('buy tax 0%');
    expect(taxText('sell tax', 12.5)).toBe('sell tax 12.5%');
    expect(taxText('sell tax', 0.1 + 0.2)).toBe('sell tax 0.3%');
  });
});
