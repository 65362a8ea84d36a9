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
import { readRoutingCases, type RoutingCase } from './routingEvaluation.ts';
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

/** The labelled phrasings the classifier learns from (router.ts), read from the repository's sets. */
const trainingCases = () => Object.values(TRAINING_SETS).flatMap((file) => readRoutingCases(file));

/**
 * The planner over every domain's intents, its rules seconded by a classifier trained from the
 * labelled phrasings (router.ts): what LLM_PROVIDER=local runs. Training starts when first asked
 * for (`ready`: the gateway asks when it mounts the chat, so no message pays for it), never in a
 * process that answers no chat message (a CLI command, the agents worker), where it was half the
 * start's CPU. It runs in slices with the event loop free between; a message that arrives in the
 * first fraction of a second awaits `ready` without blocking other work. A caller that plans
 * without waiting (the tests, the evaluation) finishes it at once.
 */
export function createLocalPlanner(
  registry: TokenRegistry,
  now: () => number = Date.now,
  chains?: () => readonly string[] | undefined,
  { cases = trainingCases }: { cases?: () => RoutingCase[] } = {},
): Planner {
  const lookup = plannerTokens(registry, createTokenLookup(registry));
  const model = training(() => trainRouting(INTENTS, lookup, cases()));
  let trained: Promise<void> | undefined;
  return {
    ...createPlanner(lookup, INTENTS, { now, route: createRouter(model.now), chains }),
    ready: () => (trained ??= model.ready()),
  };
}
