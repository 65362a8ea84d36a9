/** Shorter words are left alone: one letter off a four-letter word is too often another word. */
const MIN_LENGTH = 5;

/** The word with each of its letters left out in turn. */
function deletions(word: string): string[] {
  return Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));
}

/**
 * Corrects a question's word that the docs never use to the word they do,
 * one letter off ("conect" → "connect", "postgress" → "postgres",
 * "deploymnet" → "deployment"): symmetric deletion, so each lookup is a
 * handful of map reads instead of a pass over the vocabulary. Of several
 * candidates the one in most documents wins.
 */
export function createSpeller(vocabulary: Iterable<string>, documentFrequency: (term: string) => number) {
  const byDeletion = new Map<string, string[]>();
  for (const term of vocabulary) {
    if (term.length < MIN_LENGTH - 1) continue;
    for (const key of [term, ...deletions(term)]) {
      const terms = byDeletion.get(key);
      if (terms) terms.push(term);
      else byDeletion.set(key, [term]);
    }
  }
  return {
    /** The vocabulary's word for `word`, or undefined when it has none one letter away (or `word` is in it already). */
    correct(word: string): string | undefined {
      if (word.length < MIN_LENGTH || documentFrequency(word) > 0) return undefined;
      const candidates = new Set([word, ...deletions(word)].flatMap((key) => byDeletion.get(key) ?? []));
      let best: string | undefined;
      for (const term of candidates) if (!best || documentFrequency(term) > documentFrequency(best)) best = term;
      return best;
    },
  };
}
