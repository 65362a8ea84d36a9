import type { TokenLookup } from '../../analysis/index.ts';
import { arbitrageIntents } from './intents/arbitrage.ts';
import { clanIntents } from './intents/clan.ts';
import { intelligenceIntents } from './intents/intelligence.ts';
import { marketIntents } from './intents/market.ts';
import { naughtyCoinIntents } from './intents/naughtyCoin.ts';
import { onboardingIntents } from './intents/onboarding.ts';
import { osintIntents } from './intents/osint.ts';
import { shopIntents } from './intents/shop.ts';
import { walletIntents } from './intents/wallet.ts';
import { createPlanner } from './planner.ts';
import type { Planner } from './types.ts';

/** Every domain's intents; where two score the same, the first listed wins. */
const INTENTS = [
  ...intelligenceIntents,
  ...naughtyCoinIntents,
  ...walletIntents,
  ...marketIntents,
  ...arbitrageIntents,
  ...clanIntents,
  ...osintIntents,
  ...shopIntents,
  ...onboardingIntents,
];

/** Every tool the planner may call. */
export const PLANNER_TOOLS: ReadonlySet<string> = new Set(INTENTS.flatMap((intent) => intent.tools));

/** The planner over every domain's intents: what LLM_PROVIDER=local runs. */
export function createLocalPlanner(lookup: TokenLookup, now: () => number = Date.now): Planner {
  return createPlanner(lookup, INTENTS, { now });
}
