import { NEGATION_REACH, NEGATORS } from './lexicon/sentiment.ts';
import { createPhraseMatcher, type PhraseMatch } from './phraseMatcher.ts';
import type { Word } from './splitWords.ts';

/**
 * Where a text says "not": negators ("no", "denies", "rules out", "isn't")
 * reach the next few words of their clause. Sentiment flips what they reach;
 * events use it to tell a denied listing from a listing.
 */

const negators = createPhraseMatcher(NEGATORS.map((phrase) => [phrase, true] as const));

/** Words with contractions ("isn't", "won’t") rewritten as "not". */
export function withContractionsAsNot(words: readonly Word[]): Word[] {
  return words.map((w) => (/n['’]t$/.test(w.lower) ? { ...w, lower: 'not' } : w));
}

export interface Negations {
  /** Is the phrase starting at word `from` reached by a negator? */
  covers(from: number): boolean;
}

export function findNegations(words: readonly Word[]): Negations {
  const found: PhraseMatch<boolean>[] = negators.match(words);
  return {
    covers(from) {
      return found.some((negation) => {
        if (negation.to > from || from - negation.to >= NEGATION_REACH) return false;
        for (let i = negation.to - 1; i < from; i++) if (words[i]!.boundaryAfter) return false;
        return true;
      });
    },
  };
}
