/**
 * Words that say a token is named in passing rather than being what a story
 * is about: where stolen funds went ("swapped the loot into SOL"), the chain
 * something runs on ("on Solana", "a Solana memecoin"). Prefixes end in `*`.
 * Written from general crypto-news usage; never derived from an evaluation set.
 */

/** Verbs that move or convert funds: what follows "into/to/for" after them is a destination. */
export const CONVERSION_VERBS: readonly string[] = [
  'swap*',
  'convert*',
  'bridg*',
  'launder*',
  'funnel*',
  'exchanged',
  'cashed',
  'sent',
  'routed',
  'tumbled',
  'mixed',
];

/** Verbs of losing funds: the tokens after them are the loot, not the victim. */
export const LOSS_VERBS: readonly string[] = [
  'stole',
  'stolen',
  'steal*',
  'drain*',
  'took',
  'lost',
  'loses',
  'siphon*',
  'loot*',
];

/**
 * Verbs of being attacked, right after whom it happened to ("Pump drained", "Cetus Protocol exploited"): a
 * capitalised name there is the victim, a protocol the registry may not know.
 */
export const ATTACKED_WORDS: ReadonlySet<string> = new Set([
  'drained',
  'hacked',
  'exploited',
  'breached',
  'compromised',
  'attacked',
  'rugged',
]);

/** Between a victim's name and such a verb: "Radiant was hacked", "Pump has been drained". */
export const PASSIVE_AUXILIARIES: ReadonlySet<string> = new Set(['was', 'is', 'has', 'been', 'gets', 'got']);

/** Before such a verb, these name who attacked, not whom: "Hackers drained $5M". */
export const PERPETRATOR_WORDS: ReadonlySet<string> = new Set([
  'hacker',
  'hackers',
  'attacker',
  'attackers',
  'exploiter',
  'exploiters',
  'thief',
  'thieves',
  'scammer',
  'scammers',
  'someone',
]);

/** Verbs of trading: the token right after "with", "using" or "for" then is what the trade was paid in. */
export const TRADE_VERBS: readonly string[] = [
  'bought',
  'buy',
  'buys',
  'buying',
  'purchas*',
  'sold',
  'sell',
  'sells',
  'selling',
];

/** Right before a token, after a trade verb, these make it the currency paid ("bought 2,000 ETH with USDT"). */
export const PAYMENT_WORDS: ReadonlySet<string> = new Set(['with', 'using', 'for']);

/** After a conversion verb, these introduce where the funds went. */
export const DESTINATION_WORDS: ReadonlySet<string> = new Set(['into', 'to', 'for', 'as']);

/** Before a chain's coin, these make it a place: "on Solana", "across Ethereum and Base". */
export const NETWORK_PREPOSITIONS: ReadonlySet<string> = new Set(['on', 'onto', 'over', 'across', 'via']);

/** ...unless a stance precedes them: "bullish on SOL" and "bets on ETH" are about the coin. */
export const STANCE_WORDS: ReadonlySet<string> = new Set([
  'bullish',
  'bearish',
  'long',
  'short',
  'bet',
  'bets',
  'betting',
  'focus',
  'focused',
  'views',
  'odds',
  'pressure',
]);

/** Nouns a chain's name qualifies: "the Solana memecoin", "a Base wallet", "Ethereum startups". */
export const NETWORK_ATTRIBUTE_NOUNS: ReadonlySet<string> = new Set([
  'memecoin',
  'memecoins',
  'wallet',
  'wallets',
  'dex',
  'dexes',
  'dapp',
  'dapps',
  'app',
  'apps',
  'startup',
  'startups',
  'project',
  'projects',
  'game',
  'games',
  'nft',
  'nfts',
  'aggregator',
  'defi',
  'based',
  'layer',
  'users',
  'miner',
  'miners',
  'lender',
]);

/** Words after a token that say the story moved its price ("SUI fell 7%", "ALCX rose"). */
export const PRICE_MOVE_WORDS: readonly string[] = [
  'rose',
  'rise*',
  'rising',
  'fell',
  'fall*',
  'jump*',
  'climb*',
  'slid',
  'slide*',
  'slip*',
  'drop*',
  'tumbl*',
  'surg*',
  'soar*',
  'gain*',
  'rall*',
  'plung*',
  'crash*',
  'sank',
  'sink*',
  'dip*',
  'pop*',
  'spik*',
  'slump*',
  'rebound*',
  'trad*',
  'hit*',
  'top*',
];
