import type { Platform } from '../../platform.ts';
import type { ToolDomain } from './tool.ts';
import { shopDomain } from '../shop/domain.ts';
import { onboardingDomain } from '../onboarding/domain.ts';
import { arbitrageDomain } from '../arbitrage/domain.ts';
import { clanDomain } from '../clan/domain.ts';
import { osintDomain } from '../osint/domain.ts';

/**
 * Every tool domain the platform serves, built from the Platform. Adding a
 * domain is adding its folder and one line here; MCP, REST and chat all read
 * the same list through the registry.
 */
export async function createToolDomains(platform: Platform): Promise<ToolDomain[]> {
  return [
    shopDomain(),
    await onboardingDomain(platform),
    // Further domains (arbitrage, clan, osint, wallet, naughty_coin): one line each, below this one.
    arbitrageDomain(platform),
    await clanDomain(platform),
    osintDomain(platform),
  ];
}
