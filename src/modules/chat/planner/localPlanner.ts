import type { TokenLookup } from '../../analysis/index.ts';
import { cues } from './intent.ts';
import { arbitrageIntents } from './intents/arbitrage.ts';
import { clanIntents } from './intents/clan.ts';
import { onboardingIntents } from './intents/onboarding.ts';
import { osintIntents } from './intents/osint.ts';
import { shopIntents } from './intents/shop.ts';
import { createPlanner, type Unsupported } from './planner.ts';
import type { Planner } from './types.ts';

/** Requests no registry tool serves yet (the wallet and naughty-coin domains). */
const NOT_YET: Unsupported[] = [
  {
    score: cues(
      [4, /\b(scam|rug ?pull|honeypot|dossier|naughty|blacklist(ed)?)\b/i],
      [3, /\b(safe|legit|trustworthy)\b.*\b(token|coin|wallet|contract)\b/i],
    ),
    what: 'check whether a token or wallet is a scam',
  },
];

/** The planner over every domain's intents: what LLM_PROVIDER=local runs. */
export function createLocalPlanner(lookup: TokenLookup): Planner {
  return createPlanner(
    lookup,
    [...arbitrageIntents, ...clanIntents, ...osintIntents, ...shopIntents, ...onboardingIntents],
    NOT_YET,
  );
}
