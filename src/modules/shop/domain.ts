import type { ToolDomain } from '../tools/tool.ts';
import { defineTool } from '../tools/tool.ts';
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
    { description: 'A crypto hardware wallet shop with its brand blue', input: { description: 'crypto hardware wallets, secure and modern tech', brand_color: '#1a73e8' } },
    { description: 'A dark theme for a night-time coffee bar', input: { description: 'late-night coffee bar, dark and cosy' } },
  ],
  handler: async ({ description, brand_color }) => generateTheme({ description, brandColor: brand_color }),
});

/** Storefront helpers for merchants. */
export function shopDomain(): ToolDomain {
  return {
    name: 'shop',
    description: 'Storefront helpers: accessible themes (palette, typography, CSS variables) with their contrast ratios.',
    tools: [generateThemeTool],
  };
}
