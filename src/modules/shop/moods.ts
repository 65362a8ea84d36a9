/**
 * What a shop description suggests: each mood is a hue family, a saturation,
 * type faces and a corner radius, recognised by keywords. Keywords longer
 * than three letters match as word prefixes ("organic" finds "organics");
 * short ones only as whole words or plurals, so "ai" never matches "air".
 */
export interface Mood {
  name: string;
  keywords: string[];
  hue: number;
  saturation: number;
  headingFont: string;
  bodyFont: string;
  /** Modular type scale ratio (1.2 minor third … 1.333 perfect fourth). */
  scale: number;
  radiusPx: number;
}

const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const SERIF = 'Georgia, "Times New Roman", serif';

// biome-ignore format: one mood per line
const moods: Mood[] = [
  { name: 'luxury', keywords: ['luxur', 'premium', 'elegan', 'jewel', 'gold', 'fashion', 'boutique', 'watch'], hue: 43, saturation: 0.62, headingFont: `"Playfair Display", ${SERIF}`, bodyFont: `"Lato", ${SANS}`, scale: 1.333, radiusPx: 2 },
  { name: 'nature', keywords: ['organic', 'eco', 'natur', 'green', 'plant', 'garden', 'vegan', 'sustainab', 'herb'], hue: 135, saturation: 0.45, headingFont: `"Merriweather", ${SERIF}`, bodyFont: `"Source Sans 3", ${SANS}`, scale: 1.25, radiusPx: 8 },
  { name: 'tech', keywords: ['tech', 'crypto', 'blockchain', 'defi', 'nft', 'software', 'gadget', 'ai', 'web3', 'token', 'trading'], hue: 222, saturation: 0.75, headingFont: `"Space Grotesk", ${SANS}`, bodyFont: `"Inter", ${SANS}`, scale: 1.25, radiusPx: 6 },
  { name: 'playful', keywords: ['kid', 'toy', 'candy', 'fun', 'playful', 'game', 'colorful', 'colourful', 'party'], hue: 330, saturation: 0.8, headingFont: `"Baloo 2", ${SANS}`, bodyFont: `"Nunito", ${SANS}`, scale: 1.25, radiusPx: 16 },
  { name: 'food', keywords: ['coffee', 'bakery', 'bread', 'cafe', 'café', 'chocolate', 'food', 'restaurant', 'tea', 'wine'], hue: 24, saturation: 0.55, headingFont: `"Lora", ${SERIF}`, bodyFont: `"Open Sans", ${SANS}`, scale: 1.25, radiusPx: 10 },
  { name: 'sport', keywords: ['sport', 'fitness', 'gym', 'running', 'bike', 'cycling', 'outdoor', 'energy'], hue: 4, saturation: 0.78, headingFont: `"Oswald", ${SANS}`, bodyFont: `"Roboto", ${SANS}`, scale: 1.333, radiusPx: 4 },
  { name: 'ocean', keywords: ['ocean', 'surf', 'beach', 'sea', 'marine', 'swim', 'travel', 'island'], hue: 186, saturation: 0.6, headingFont: `"Poppins", ${SANS}`, bodyFont: `"Open Sans", ${SANS}`, scale: 1.25, radiusPx: 12 },
  { name: 'minimal', keywords: ['minimal', 'clean', 'simple', 'scandinavian', 'nordic', 'monochrome', 'modern'], hue: 220, saturation: 0.12, headingFont: `"Inter", ${SANS}`, bodyFont: `"Inter", ${SANS}`, scale: 1.2, radiusPx: 4 },
];

/** When nothing in the description matches: a calm, neutral blue. */
const defaultMood: Mood = {
  name: 'neutral',
  keywords: [],
  hue: 210,
  saturation: 0.5,
  headingFont: SANS,
  bodyFont: SANS,
  scale: 1.25,
  radiusPx: 6,
};

const DARK = ['dark', 'night', 'noir', 'black', 'midnight', 'gothic'];

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const hit = (token: string, keyword: string) =>
  token === keyword || token === `${keyword}s` || (keyword.length > 3 && token.startsWith(keyword));

const matches = (tokens: string[], keywords: string[]) => keywords.filter((k) => tokens.some((t) => hit(t, k)));

/** The mood with the most keyword hits (the first listed wins a tie), the keywords that chose it, and whether the shop asks for a dark theme. */
export function readMood(description: string): { mood: Mood; keywords: string[]; dark: boolean } {
  const tokens = words(description);
  let best = { mood: defaultMood, keywords: [] as string[] };
  for (const mood of moods) {
    const hits = matches(tokens, mood.keywords);
    if (hits.length > best.keywords.length) best = { mood, keywords: hits };
  }
  return { ...best, dark: matches(tokens, DARK).length > 0 };
}
