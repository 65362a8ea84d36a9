import { contrastRatio, hexToHsl, hslToHex } from './color.ts';

/** WCAG AA for normal-size text. */
export const AA_NORMAL = 4.5;

const STEP = 0.01;

/** The colour moved in lightness, one step at a time, towards `target` (0 black, 1 white) until it reaches `min` against `other`. */
function walk(colour: string, other: string, target: 0 | 1, min: number): string | undefined {
  const hsl = hexToHsl(colour);
  for (let l = hsl.l; target === 1 ? l <= 1 : l >= 0; l += target === 1 ? STEP : -STEP) {
    const candidate = hslToHex({ ...hsl, l: Math.min(1, Math.max(0, l)) });
    if (contrastRatio(candidate, other) >= min) return candidate;
  }
  return undefined;
}

/**
 * `foreground` adjusted as little as possible (in lightness, keeping its hue)
 * so that it reaches `min` contrast against `background`: darker on light
 * backgrounds, lighter on dark ones, the other way if that one cannot reach it.
 * Black or white always reach 4.5:1 against one of them, so this only falls
 * back to the extreme when the hue cannot.
 */
export function withContrast(foreground: string, background: string, min = AA_NORMAL): string {
  if (contrastRatio(foreground, background) >= min) return foreground;
  const darkFirst = hexToHsl(background).l >= 0.5;
  const order: Array<0 | 1> = darkFirst ? [0, 1] : [1, 0];
  for (const target of order) {
    const found = walk(foreground, background, target, min);
    if (found) return found;
  }
  return contrastRatio('#000000', background) >= contrastRatio('#ffffff', background) ? '#000000' : '#ffffff';
}

/** Near-black or near-white text for a filled surface (a button), whichever reads better. */
export function textOn(fill: string): string {
  return contrastRatio('#111111', fill) >= contrastRatio('#ffffff', fill) ? '#111111' : '#ffffff';
}
