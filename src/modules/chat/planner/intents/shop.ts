import type { z } from 'zod';
import type { generateThemeOutput } from '../../../shop/index.ts';
import { colour, COLOUR_WORDS } from '../extract.ts';
import { cues, guarded, toolIntent, type Intent } from '../intent.ts';

const COMMAND =
  /^\s*(?:please\s+)?(?:can you\s+)?(?:generate|create|make|design|build|give|suggest|i need|i want|need|want)?\s*(?:me\s+)?(?:an?\s+|the\s+|my\s+|our\s+)?(?:new\s+)?/i;
const NOUN = /\b(?:(?:shop|store|storefront)\s+)?(?:themes?|palettes?|colou?r schemes?|look|design|style)\b/i;
const COLOUR_CLAUSE = new RegExp(
  String.raw`[,;]?\s*(?:with|using|in|and)?\s*(?:an?\s+|the\s+|my\s+|our\s+)?(?:brand\s+)?(?:colou?r\s*)?(?:of\s+)?(?:#[0-9a-f]{3,6}\b|\b(?:${COLOUR_WORDS})\b)(?:\s+(?:as\s+)?(?:the\s+)?(?:brand\s+)?colou?r)?`,
  'gi',
);

const tidy = (words: string) =>
  words
    .replace(/^(?:for|about)?\s*(?:my|our|an?|the)\s+/i, '')
    .replace(/[\s,.;:!?]+$/, '')
    .trim();

/** Words that say nothing about a shop: a theme asked for with only these has nothing to be designed from. */
const FILLER = new Set(
  'a an the me my our us for of pls plz please now thanks thx new nice cool good some one shop store can you i need want generate create make design build give suggest'.split(
    ' ',
  ),
);

/**
 * What the shop is and how it should feel, in the user's words: what follows
 * "for"/"about", plus any words before "theme" ("a dark palette for a night
 * club" → "night club, dark"), without the request itself or the colour;
 * undefined when the words say nothing about the shop ("shop theme pls") beyond a colour.
 */
function describe(text: string): string | undefined {
  const plain = text.replace(COLOUR_CLAUSE, '');
  const noun = NOUN.exec(plain);
  const before = noun ? tidy(plain.slice(0, noun.index).replace(COMMAND, '')) : '';
  const after = tidy(
    /\b(?:for|about)\s+(.+)$/i.exec(plain)?.[1] ?? (noun ? plain.slice(noun.index + noun[0].length) : plain),
  );
  const description = [after, before].filter(Boolean).join(', ');
  const described = description.length >= 3 ? description : text.trim();
  const words =
    described
      .replace(COLOUR_CLAUSE, ' ')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? [];
  return words.some((word) => !FILLER.has(word) && !NOUN.test(word)) ? described : undefined;
}

/** The first family of a CSS font stack, unquoted. */
const family = (stack: string) => stack.split(',')[0]!.replace(/["']/g, '').trim();

const generateTheme = toolIntent<z.output<typeof generateThemeOutput>>({
  tool: 'shop.generate_theme',
  topic: 'shop themes',
  capability:
    'generate an accessible shop theme ("a theme for my coffee roastery, warm and calm, brand colour #6f4e37")',
  score: cues(
    [3, /\b(themes?|palettes?|colou?r schemes?|storefront (design|look|style))\b/i],
    [2, /\b(shop|store)\b.*\b(design|look|style|colou?rs)\b/i],
    [3, /\b(css|design) (variables|tokens|custom properties)\b|\b(merch|online) (shop|store)\b/i],
    // A shop described with its brand colour: "pet food e-shop, friendly & playful, #0af".
    [
      3,
      guarded(
        /#/,
        /\b(shop|store|boutique)\b.*#[0-9a-f]{3}(?:[0-9a-f]{3})?\b|#[0-9a-f]{3}(?:[0-9a-f]{3})?\b.*\b(shop|store|boutique)\b/i,
      ),
    ],
  ),
  args(text) {
    const brand = colour(text);
    const description = describe(text);
    // A colour alone is enough to design from; with neither, there is nothing to design.
    if (!description && !brand)
      return {
        ask: 'What does the shop sell, and how should it feel? For example "a theme for my coffee roastery, warm and calm".',
      };
    return { args: { description: description ?? text.trim(), ...(brand && { brand_color: brand }) } };
  },
  answer(t) {
    const brand = t.brand_color_adjusted
      ? `${t.brand_color} (darkened or lightened to reach AA contrast)`
      : t.brand_color;
    const { palette, typography } = t;
    const accessible = t.all_pairs_pass_aa
      ? 'Every text/background pair passes WCAG AA'
      : 'Not every pair passes WCAG AA; see the contrast list';
    return (
      `A ${t.scheme} “${t.mood}” theme around ${brand}: primary ${palette.primary}, background ${palette.background}, text ${palette.text}, accent ${palette.accent}. ` +
      `Headings in ${family(typography.heading_font)}, body in ${family(typography.body_font)} at ${typography.base_size_px}px. ${accessible}. The CSS is in the tool result, ready to paste.`
    );
  },
});

export const shopIntents: Intent[] = [generateTheme];
