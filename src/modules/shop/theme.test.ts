import { describe, expect, it } from 'vitest';
import { contrastRatio } from './color.ts';
import { generateTheme } from './theme.ts';

const requests = [
  { description: 'organic coffee roastery, warm and calm' },
  { description: 'crypto hardware wallets, secure and modern tech', brandColor: '#1a73e8' },
  { description: 'late-night cocktail bar, dark and moody', brandColor: '#8e24aa' },
  { description: 'toys and games for kids', brandColor: '#ffff00' },
  { description: 'surf shop on the beach', brandColor: '#00ffff' },
  { description: 'luxury watches', brandColor: '#d4af37' },
  { description: 'midnight gothic jewellery', brandColor: '#000000' },
  { description: 'minimal scandinavian furniture', brandColor: '#ffffff' },
  { description: 'hardware store', brandColor: '#777777' },
];

describe('shop themes', () => {
  it.each(requests)('meets WCAG AA on every text/background pair: $description', (request) => {
    const theme = generateTheme(request);
    expect(theme.all_pairs_pass_aa).toBe(true);
    expect(theme.contrast).toHaveLength(9);
    for (const pair of theme.contrast) {
      // Recomputed here from the palette, so the reported ratios cannot drift from the colours.
      const actual = contrastRatio(theme.palette[pair.foreground], theme.palette[pair.background]);
      expect(actual).toBeGreaterThanOrEqual(4.5);
      expect(pair.ratio).toBeLessThanOrEqual(actual);
      expect(pair.ratio).toBeGreaterThan(actual - 0.01);
    }
  });

  it('reads the mood and the scheme from the description', () => {
    const coffee = generateTheme({ description: 'Organic coffee roastery' });
    expect(coffee).toMatchObject({ mood: 'nature', scheme: 'light', matched_keywords: ['organic'] });
    expect(generateTheme({ description: 'late-night coffee bar, dark and cosy' })).toMatchObject({
      mood: 'food',
      scheme: 'dark',
    });
    expect(generateTheme({ description: 'fresh air for everyone' }).mood).toBe('neutral'); // "ai" must not match "air"
  });

  it('keeps a brand colour that already reads well, and says when it had to move one', () => {
    const blue = generateTheme({ description: 'wallets', brandColor: '#1A73E8' });
    expect(blue).toMatchObject({
      brand_color: '#1a73e8',
      brand_color_adjusted: false,
      palette: { primary: '#1a73e8' },
    });
    const grey = generateTheme({ description: 'hardware', brandColor: '#777777' });
    expect(grey.brand_color_adjusted).toBe(true);
    expect(grey.palette.primary).not.toBe('#777777');
  });

  it('writes CSS variables for the palette, fonts and sizes', () => {
    const theme = generateTheme({ description: 'crypto tech shop', brandColor: '#1a73e8' });
    expect(theme.css_variables).toMatchObject({
      '--color-primary': '#1a73e8',
      '--color-on-primary': theme.palette.on_primary,
      '--font-body': theme.typography.body_font,
      '--font-size-body': '1rem',
      '--radius': '6px',
    });
    expect(theme.css).toContain('  --color-primary: #1a73e8;\n');
    expect(theme.css.startsWith(':root {\n')).toBe(true);
  });

  it('is deterministic', () => {
    expect(generateTheme(requests[1]!)).toEqual(generateTheme(requests[1]!));
  });
});
