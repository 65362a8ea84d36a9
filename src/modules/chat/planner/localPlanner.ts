import type { TokenLookup } from '../../analysis/index.ts';
import { cues } from './intent.ts';
import { arbitrageIntents } from './intents/arbitrage.ts';
import { clanIntents } from './intents/clan.ts';
import { intelligenceIntents } from './intents/intelligence.ts';
import { marketIntents } from './intents/market.ts';
import { onboardingIntents } from './intents/onboarding.ts';
import { osintIntents } from './intents/osint.ts';
import { shopIntents } from './intents/shop.ts';
import { createPlanner, type Unsupported } from './planner.ts';
import type { Planner } from './types.ts';

/** Requests no registry tool serves yet: checking one token or wallet (the wallet and naughty-coin domains). */
const NOT_YET: Unsupported[] = [
  {
    score: cues(
      [4, /\b(honeypot|dossier|naughty|blacklist(ed)?)\b/i],
      // Above a security alert's cue: "is PEPE a rug pull?" asks about one token, not for the news of rug pulls.
      [
        5,
        /\b(is|was)\s+(?!there\b|any\b)(this|that|it|the|\$?[A-Za-z0-9]{2,44})\s+((token|coin|project|contract|wallet)\s+)?(an? )?(scam|rug( ?pull)?|honeypot|fraud)\b/i,
      ],
      [3, /\b(safe|legit|trustworthy)\b.*\b(token|coin|wallet|contract)\b/i],
    ),
    what: 'check whether a token or wallet is a scam',
  },
];

/** The planner over every domain's intents: what LLM_PROVIDER=local runs. */
export function createLocalPlanner(lookup: TokenLookup, now: () => number = Date.now): Planner {
  return createPlanner(
    lookup,
    [
      ...intelligenceIntents,
      ...marketIntents,
      ...arbitrageIntents,
      ...clanIntents,
      ...osintIntents,
      ...shopIntents,
      ...onboardingIntents,
    ],
    { unsupported: NOT_YET, now },
  );
}
