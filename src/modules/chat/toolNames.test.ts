import { describe, expect, it } from 'vitest';
import { CHAT_ALIASES, chatToolName, registryToolName } from './toolNames.ts';

describe('chat tool names', () => {
  it('offers the six chat aliases under their own names', () => {
    for (const [alias, tool] of Object.entries(CHAT_ALIASES)) {
      expect(chatToolName(tool)).toBe(alias);
      expect(registryToolName(alias)).toBe(tool);
    }
  });

  it('offers every other tool under a provider-safe name and maps it back', () => {
    expect(chatToolName('arbitrage.spread')).toBe('arbitrage__spread');
    expect(registryToolName('arbitrage__spread')).toBe('arbitrage.spread');
    expect(chatToolName('onboarding.checklist')).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
