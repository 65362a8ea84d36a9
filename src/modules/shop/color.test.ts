import { describe, expect, it } from 'vitest';
import { contrastRatio, hexToHsl, hslToHex, luminance, normaliseHex } from './color.ts';
import { AA_NORMAL, textOn, withContrast } from './contrast.ts';

describe('colour arithmetic', () => {
  it('normalises hex colours and refuses anything else', () => {
    expect(normaliseHex('#ABC')).toBe('#aabbcc');
    expect(normaliseHex('1a73e8')).toBe('#1a73e8');
    expect(() => normaliseHex('blue')).toThrow(/not a hex colour/);
  });

  it('round-trips through HSL', () => {
    for (const hex of ['#1a73e8', '#ff8800', '#777777', '#000000', '#ffffff', '#2e7d32'])
      expect(hslToHex(hexToHsl(hex))).toBe(hex);
    expect(hexToHsl('#ff0000')).toEqual({ h: 0, s: 1, l: 0.5 });
  });

  it('matches the WCAG reference values', () => {
    expect(luminance('#ffffff')).toBe(1);
    expect(luminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(4.48, 2); // the classic "just fails AA" grey
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('moves a colour only as far as AA needs, keeping its hue', () => {
    const link = withContrast('#ff8800', '#ffffff');
    expect(contrastRatio(link, '#ffffff')).toBeGreaterThanOrEqual(AA_NORMAL);
    expect(contrastRatio(link, '#ffffff')).toBeLessThan(4.8);
    expect(Math.round(hexToHsl(link).h)).toBe(32);
    expect(withContrast('#111111', '#ffffff')).toBe('#111111');
    expect(contrastRatio(withContrast('#333333', '#101010'), '#101010')).toBeGreaterThanOrEqual(AA_NORMAL);
  });

  it('picks the text colour that reads better on a fill', () => {
    expect(textOn('#ffff00')).toBe('#111111');
    expect(textOn('#0000ff')).toBe('#ffffff');
  });
});
