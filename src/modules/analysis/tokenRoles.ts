import {
  CONVERSION_VERBS,
  DESTINATION_WORDS,
  LOSS_VERBS,
  NETWORK_ATTRIBUTE_NOUNS,
  NETWORK_PREPOSITIONS,
  PRICE_MOVE_WORDS,
  STANCE_WORDS,
} from './lexicon/tokenRoles.ts';
import type { FoundToken } from './mentions.ts';
import { createWordTest } from './phraseMatcher.ts';
import type { Word } from './splitWords.ts';
import type { TokenLookup } from './tokenLookup.ts';
import type { TokenMention } from './types.ts';

/**
 * Which tokens a story is about (its subjects) and which it names in passing.
 *
 * Every time a token is named, the place and the role of that naming score:
 * the headline counts 3, the lead sentence 2, the rest 1; a naming followed
 * by a price move ("SUI fell 7%") adds 2. Some namings are not about the
 * token at all and score nothing: where funds were moved to ("the attacker
 * swapped the loot into SOL", "bridged it to Ethereum") and a chain named as
 * a place ("on Solana", "the Solana memecoin"). The funds a story says were
 * stolen or moved ("drained DAI and USDC") score a quarter: the victim, not
 * the loot, is the story. A token is a subject when it scores at least half
 * of the best score; subjects come best first. A story whose every token is
 * named in passing has no subject: "Protocol X drained of $40M, loot swapped
 * into SOL" is not about SOL, whether or not X is a known token.
 */

const HEADLINE_WEIGHT = 3;
const LEAD_WEIGHT = 2;
const BODY_WEIGHT = 1;
const PRICE_MOVE_BONUS = 2;
const MOVED_FUNDS_FACTOR = 0.25;
/** A subject scores at least this share of the best-scoring token. */
const SUBJECT_SHARE = 0.5;
/** Passing mentions keep this share of how sure the analyser is that they are tokens at all. */
const PASSING_CONFIDENCE_FACTOR = 0.5;
/** How far back in its clause a verb still governs a token. */
const VERB_REACH = 12;

const isConversion = createWordTest(CONVERSION_VERBS);
const isLoss = createWordTest(LOSS_VERBS);
const isPriceMove = createWordTest(PRICE_MOVE_WORDS);
const SIGNED_PERCENT = /^\s*[+\-−]\d[\d.,]*\s?%/;
/** Words between a token and its price move: "the BAL token dropped", "XRP price slips". */
const TOKEN_NOUNS = new Set(['token', 'tokens', 'coin', 'price', 'itself']);
const LIST_JOINERS = new Set(['and', 'or']);

type Role = 'subject' | 'moved' | 'passing';

export interface TokenRoles {
  subjects: TokenMention[];
  mentions: TokenMention[];
}

/** Where the text's parts end: the headline (title, or first sentence) and the lead sentence after it. */
export interface TextLayout {
  headlineEnd: number;
  leadEnd: number;
}

function wordAt(words: readonly Word[], offset: number): number {
  let low = 0;
  let high = words.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (words[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Moved funds or a destination, from the verbs earlier in the same clause. */
function roleFromVerbs(words: readonly Word[], index: number): Role | undefined {
  let destination = false;
  let loss = false;
  for (let k = index - 1; k >= 0 && index - k <= VERB_REACH && !words[k]!.boundaryAfter; k--) {
    const lower = words[k]!.lower;
    if (DESTINATION_WORDS.has(lower)) destination = true;
    else if (isConversion(lower)) return destination ? 'passing' : 'moved';
    else if (isLoss(lower)) loss = true;
  }
  return loss ? 'moved' : undefined;
}

/** The chain's name qualifies a noun, maybe through one lower-case modifier: "a Solana memecoin", "an Ethereum restaking startup". */
function qualifiesNoun(words: readonly Word[], index: number): boolean {
  const [next, after] = [words[index + 1], words[index + 2]];
  if (!next || words[index]!.boundaryAfter) return false;
  if (NETWORK_ATTRIBUTE_NOUNS.has(next.lower)) return true;
  return (
    next.raw === next.lower && !next.boundaryAfter && after !== undefined && NETWORK_ATTRIBUTE_NOUNS.has(after.lower)
  );
}

/** "on Solana", "on Ethereum and Solana", "a Solana memecoin", "Solana-based"; not "bullish on SOL". */
function isPlace(words: readonly Word[], index: number): boolean {
  if (qualifiesNoun(words, index)) return true;
  let k = index - 1;
  if (LIST_JOINERS.has(words[k]?.lower ?? '') && !words[k]!.boundaryAfter && index >= 2)
    return isPlace(words, index - 2);
  if (words[k]?.lower === 'the' && !words[k]!.boundaryAfter) k--;
  const preposition = words[k];
  if (!preposition || preposition.boundaryAfter || !NETWORK_PREPOSITIONS.has(preposition.lower)) return false;
  const stance = words[k - 1];
  return !stance || stance.boundaryAfter || !STANCE_WORDS.has(stance.lower);
}

function movesPrice(text: string, words: readonly Word[], index: number): boolean {
  let k = index;
  while (TOKEN_NOUNS.has(words[k + 1]?.lower ?? '') && !words[k]!.boundaryAfter) k++;
  if (SIGNED_PERCENT.test(text.slice(words[k]!.end, words[k]!.end + 12))) return true;
  const next = words[k + 1];
  return next !== undefined && !words[k]!.boundaryAfter && isPriceMove(next.lower);
}

function score(found: FoundToken, text: string, words: readonly Word[], layout: TextLayout, lookup: TokenLookup) {
  let total = 0;
  for (const at of found.at) {
    const index = wordAt(words, at);
    const place = at < layout.headlineEnd ? HEADLINE_WEIGHT : at < layout.leadEnd ? LEAD_WEIGHT : BODY_WEIGHT;
    const role = lookup.isNetwork(found.record) && isPlace(words, index) ? 'passing' : roleFromVerbs(words, index);
    if (role === 'passing') continue;
    if (role === 'moved') total += place * MOVED_FUNDS_FACTOR;
    else total += place + (movesPrice(text, words, index) ? PRICE_MOVE_BONUS : 0);
  }
  return total;
}

export function assignRoles(
  found: readonly FoundToken[],
  text: string,
  words: readonly Word[],
  layout: TextLayout,
  lookup: TokenLookup,
): TokenRoles {
  const scored = found.map((token, order) => ({ token, order, score: score(token, text, words, layout, lookup) }));
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  const isSubject = (entry: (typeof scored)[number]) => best > 0 && entry.score >= best * SUBJECT_SHARE;
  const subjects = scored
    .filter(isSubject)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((entry) => entry.token.mention);
  const mentions = scored
    .filter((entry) => !isSubject(entry))
    .map(({ token: { mention } }) => ({
      ...mention,
      confidence: Math.round(mention.confidence * PASSING_CONFIDENCE_FACTOR * 100) / 100,
    }));
  return { subjects, mentions };
}
