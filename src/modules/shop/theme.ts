import { contrastRatio, hexToHsl, hslToHex, normaliseHex } from './color.ts';
import { AA_NORMAL, textOn, withContrast } from './contrast.ts';
import { readMood } from './moods.ts';

export interface ThemeRequest {
  description: string;
  brandColor?: string;
}

const AAA_NORMAL = 7;

/** Text colours and the surfaces they are read on: every one must reach WCAG AA. */
const PAIRS = [
  ['text', 'background'],
  ['text', 'surface'],
  ['muted_text', 'background'],
  ['muted_text', 'surface'],
  ['link', 'background'],
  ['link', 'surface'],
  ['on_primary', 'primary'],
  ['on_secondary', 'secondary'],
  ['on_accent', 'accent'],
] as const;

/** Readable on every one of `backgrounds` (all light or all dark, so moving away from one never moves towards another). */
const readableOn = (colour: string, backgrounds: string[]) =>
  backgrounds.reduce((c, bg) => withContrast(c, bg), colour);

/** A filled colour (a button) and the text on it, the fill nudged when neither near-black nor white reads well enough on it. */
function filled(fill: string): [string, string] {
  const on = textOn(fill);
  return [withContrast(fill, on), on];
}

/** Ratios are rounded down, so a reported 4.5 is never really 4.49. */
const floor2 = (n: number) => Math.floor(n * 100) / 100;

const kebab = (name: string) => name.replace(/_/g, '-');

/**
 * A shop theme from a description and an optional brand colour: the same
 * request always gives the same theme. Colours keep their hue and move only
 * in lightness until every text/background pair meets AA (4.5:1).
 */
export function generateTheme({ description, brandColor }: ThemeRequest) {
  const { mood, keywords, dark } = readMood(description);
  const moodColour = hslToHex({ h: mood.hue, s: mood.saturation, l: 0.45 });
  // A colour the theme chose itself starts out readable, so only a caller's brand colour is ever reported as adjusted.
  const brand = brandColor ? normaliseHex(brandColor) : filled(moodColour)[0];
  const { h, s } = hexToHsl(brand);
  const tint = Math.min(s, 0.3);

  const background = hslToHex({ h, s: tint, l: dark ? 0.08 : 0.985 });
  const surface = hslToHex({ h, s: tint, l: dark ? 0.14 : 0.95 });
  const border = hslToHex({ h, s: tint, l: dark ? 0.28 : 0.85 });
  const surfaces = [background, surface];
  const text = readableOn(hslToHex({ h, s: Math.min(s, 0.15), l: dark ? 0.94 : 0.12 }), surfaces);
  const mutedText = readableOn(hslToHex({ h, s: Math.min(s, 0.1), l: dark ? 0.72 : 0.4 }), surfaces);
  const link = readableOn(brand, surfaces);
  const [primary, onPrimary] = filled(brand);
  const [secondary, onSecondary] = filled(
    hslToHex({ h: (h + 30) % 360, s: Math.max(0.25, s * 0.8), l: dark ? 0.6 : 0.4 }),
  );
  const [accent, onAccent] = filled(hslToHex({ h: (h + 180) % 360, s: Math.max(0.35, s), l: 0.5 }));

  const palette = {
    background,
    surface,
    border,
    text,
    muted_text: mutedText,
    link,
    primary,
    on_primary: onPrimary,
    secondary,
    on_secondary: onSecondary,
    accent,
    on_accent: onAccent,
  };
  const contrast = PAIRS.map(([foreground, bg]) => {
    const ratio = floor2(contrastRatio(palette[foreground], palette[bg]));
    return { foreground, background: bg, ratio, aa: ratio >= AA_NORMAL, aaa: ratio >= AAA_NORMAL };
  });

  const rem = (steps: number) => `${Math.round(mood.scale ** steps * 1000) / 1000}rem`;
  const typography = {
    heading_font: mood.headingFont,
    body_font: mood.bodyFont,
    base_size_px: 16,
    scale_ratio: mood.scale,
    sizes: { small: rem(-1), body: rem(0), h3: rem(2), h2: rem(3), h1: rem(4) },
    line_height_body: 1.6,
    line_height_heading: 1.2,
  };

  const cssVariables: Record<string, string> = {
    ...Object.fromEntries(Object.entries(palette).map(([name, value]) => [`--color-${kebab(name)}`, value])),
    '--font-heading': typography.heading_font,
    '--font-body': typography.body_font,
    ...Object.fromEntries(Object.entries(typography.sizes).map(([name, value]) => [`--font-size-${name}`, value])),
    '--line-height-body': String(typography.line_height_body),
    '--line-height-heading': String(typography.line_height_heading),
    '--radius': `${mood.radiusPx}px`,
  };

  return {
    mood: mood.name,
    matched_keywords: keywords,
    scheme: dark ? ('dark' as const) : ('light' as const),
    brand_color: brand,
    brand_color_adjusted: primary !== brand,
    palette,
    typography,
    radius_px: mood.radiusPx,
    css_variables: cssVariables,
    css: `:root {\n${Object.entries(cssVariables)
      .map(([name, value]) => `  ${name}: ${value};`)
      .join('\n')}\n}\n`,
    contrast,
    all_pairs_pass_aa: contrast.every((pair) => pair.aa),
  };
}
