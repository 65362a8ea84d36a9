import { createTokenLookup } from '../../analysis/index.ts';
import type { TokenRegistry } from '../../tokens/index.ts';
import { plannerTokens } from './extract.ts';
import { arbitrageIntents } from './intents/arbitrage.ts';
import { clanIntents } from './intents/clan.ts';
import { intelligenceIntents } from './intents/intelligence.ts';
import { marketIntents } from './intents/market.ts';
import { naughtyCoinIntents } from './intents/naughtyCoin.ts';
import { onboardingIntents } from './intents/onboarding.ts';
import { osintIntents } from './intents/osint.ts';
import { shopIntents } from './intents/shop.ts';
import { walletIntents } from './intents/wallet.ts';
import { answeringToToolNames } from './intent.ts';
import { createPlanner } from './planner.ts';
import { createRouter, TRAINING_SETS, training, trainRouting } from './router.ts';
import { readRoutingCases } from './routingEvaluation.ts';
import type { Planner } from './types.ts';

/** Every domain's intents, each also cued by its tools' names; where two score the same, the first listed wins. */
export const INTENTS = answeringToToolNames([
  ...intelligenceIntents,
  ...naughtyCoinIntents,
  ...walletIntents,
  ...marketIntents,
  ...arbitrageIntents,
  ...clanIntents,
  ...osintIntents,
  ...shopIntents,
  ...onboardingIntents,
]);

/** Every tool the planner may call. */
export const PLANNER_TOOLS: ReadonlySet<string> = new Set(INTENTS.flatMap((intent) => intent.tools));

/**
 * The planner over every domain's intents, its rules seconded by a classifier trained from the
 * labelled phrasings (router.ts): what LLM_PROVIDER=local runs. Training starts here, when the chat
 * module builds its engine, and runs in slices with the event loop free between, so no message
 * pays for it: one that arrives in the first fraction of a second awaits `ready` without blocking
 * other work. A caller that plans without waiting (the tests, the evaluation) finishes it at once.
 */
export function createLocalPlanner(
  registry: TokenRegistry,
  now: () => number = Date.now,
  chains?: () => readonly string[] | undefined,
): Planner {
  const lookup = plannerTokens(registry, createTokenLookup(registry));
  const model = training(() =>
    trainRouting(
      INTENTS,
      lookup,
      Object.values(TRAINING_SETS).flatMap((file) => readRoutingCases(file)),
    ),
  );
  const trained = model.ready();
  // Handled here so a failure is not an unhandled rejection at start; every message that awaits `ready` gets it.
  trained.catch(() => {});
  return { ...createPlanner(lookup, INTENTS, { now, route: createRouter(model.now), chains }), ready: () => trained };
}
