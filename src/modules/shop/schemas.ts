import { z } from 'zod';
import { isHex, normaliseHex } from './color.ts';

const hex = z.string().regex(/^#[0-9a-f]{6}$/);

export const generateThemeInput = z.object({
  description: z
    .string()
    .trim()
    .min(3, { message: 'describe the shop in at least 3 characters' })
    .max(500)
    .describe('what the shop sells and how it should feel, e.g. "organic coffee roastery, warm and calm"'),
  brand_color: z
    .string()
    .trim()
    .refine(isHex, { message: 'must be a hex colour like #1a73e8 or #1af' })
    .transform(normaliseHex)
    .optional()
    .describe(
      'the brand colour the theme is built around; kept as is unless it needs darkening or lightening for contrast',
    ),
});

const colourNames = [
  'background',
  'surface',
  'border',
  'text',
  'muted_text',
  'link',
  'primary',
  'on_primary',
  'secondary',
  'on_secondary',
  'accent',
  'on_accent',
] as const;

export const generateThemeOutput = z.object({
  mood: z.string().describe('the style the description suggested (neutral when nothing matched)'),
  matched_keywords: z.array(z.string()),
  scheme: z.enum(['light', 'dark']),
  brand_color: hex,
  brand_color_adjusted: z
    .boolean()
    .describe('true when the primary colour differs from the brand colour to reach AA contrast'),
  palette: z.object(
    Object.fromEntries(colourNames.map((name) => [name, hex])) as Record<(typeof colourNames)[number], typeof hex>,
  ),
  typography: z.object({
    heading_font: z.string(),
    body_font: z.string(),
    base_size_px: z.number(),
    scale_ratio: z.number(),
    sizes: z.object({ small: z.string(), body: z.string(), h3: z.string(), h2: z.string(), h1: z.string() }),
    line_height_body: z.number(),
    line_height_heading: z.number(),
  }),
  radius_px: z.number(),
  css_variables: z.record(z.string(), z.string()),
  css: z.string().describe('the variables as a :root rule, ready to paste'),
  contrast: z.array(
    z.object({
      foreground: z.enum(colourNames),
      background: z.enum(colourNames),
      ratio: z.number().describe('WCAG 2.x contrast ratio, rounded down to 2 decimals'),
      aa: z.boolean().describe('at least 4.5:1 (AA, normal text)'),
      aaa: z.boolean().describe('at least 7:1 (AAA, normal text)'),
    }),
  ),
  all_pairs_pass_aa: z.boolean(),
});
