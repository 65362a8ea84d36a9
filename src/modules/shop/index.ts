import { defineModule } from '../../core/module.ts';
import { defineTool, type ToolPrompt } from '../../core/tool.ts';
import { generateThemeInput, generateThemeOutput } from './schemas.ts';
import { generateTheme } from './theme.ts';

const generateThemeTool = defineTool({
  name: 'shop.generate_theme',
  title: 'Generate an accessible shop theme',
  description:
    'Palette, typography and CSS variables for a shop from a short description and an optional brand colour. ' +
    'Every text/background pair meets WCAG AA (4.5:1); the computed contrast ratios are part of the result.',
  input: generateThemeInput,
  output: generateThemeOutput,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  role: 'guest',
  timeoutMs: 2_000,
  examples: [
    {
      description: 'A crypto hardware wallet shop with its brand blue',
      input: { description: 'crypto hardware wallets, secure and modern tech', brand_color: '#1a73e8' },
    },
    {
      description: 'A dark theme for a night-time coffee bar',
      input: { description: 'late-night coffee bar, dark and cosy' },
    },
  ],
  handler: async ({ description, brand_color }) => generateTheme({ description, brandColor: brand_color }),
});

const shopTheme: ToolPrompt = {
  name: 'shop_theme',
  title: 'Design an accessible shop theme',
  description: 'A palette, fonts and CSS variables for a shop, explained, with the contrast of every pair.',
  arguments: [
    { name: 'description', description: 'what the shop sells and how it should feel', required: true },
    { name: 'brand_color', description: 'a hex brand colour, e.g. #1a73e8', required: false },
  ],
  tools: ['shop.generate_theme'],
  text: ({ description, brand_color }) =>
    `Design a theme for this shop: "${description}"${brand_color ? ` around the brand colour ${brand_color}` : ''}. ` +
    'Call shop.generate_theme, then explain the palette and fonts in a few lines, list the contrast ratios, and end with the CSS ready to paste.',
};

/** Storefront helpers for merchants. */
export const shopModule = defineModule({
  name: 'shop',
  create: () => ({
    tools: {
      name: 'shop',
      description:
        'Storefront helpers: accessible themes (palette, typography, CSS variables) with their contrast ratios.',
      tools: [generateThemeTool],
    },
    prompts: [shopTheme],
  }),
});
export type { generateThemeOutput } from './schemas.ts';
