import { terms } from './searchTerms.ts';

export interface Scored<T> {
  doc: T;
  score: number;
}

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Length normalisation (0 none, 1 full). */
  b?: number;
}

/**
 * Okapi BM25 over a fixed set of documents, built once: each query costs a
 * pass over the postings of its own terms, never over the whole corpus.
 */
export function createBm25Index<T>(docs: T[], textOf: (doc: T) => string, { k1 = 1.2, b = 0.75 }: Bm25Options = {}) {
  const lengths: number[] = [];
  const postings = new Map<string, Map<number, number>>();
  docs.forEach((doc, i) => {
    const words = terms(textOf(doc));
    lengths.push(words.length);
    for (const word of words) {
      const posting = postings.get(word) ?? new Map<number, number>();
      posting.set(i, (posting.get(i) ?? 0) + 1);
      postings.set(word, posting);
    }
  });
  const averageLength = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, docs.length);

  /** Best first; only documents sharing at least one term with the query, each term counted with its weight. */
  const searchTerms = (weights: ReadonlyMap<string, number>, limit: number): Scored<T>[] => {
    const scores = new Map<number, number>();
    for (const [word, weight] of weights) {
      const posting = postings.get(word);
      if (!posting) continue;
      const idf = Math.log(1 + (docs.length - posting.size + 0.5) / (posting.size + 0.5));
      for (const [i, tf] of posting) {
        const norm = tf + k1 * (1 - b + (b * lengths[i]!) / averageLength);
        scores.set(i, (scores.get(i) ?? 0) + (weight * idf * tf * (k1 + 1)) / norm);
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, limit)
      .map(([i, score]) => ({ doc: docs[i]!, score: Math.round(score * 1000) / 1000 }));
  };

  return {
    /** How many documents hold a term (0: not in the vocabulary). */
    documentFrequency: (term: string): number => postings.get(term)?.size ?? 0,
    /** The terms of the vocabulary, for a speller to correct a question's words against. */
    vocabulary: (): Iterable<string> => postings.keys(),
    /** Best first; only documents sharing at least one term with the query. */
    search: (query: string, limit: number): Scored<T>[] =>
      searchTerms(new Map(terms(query).map((term) => [term, 1])), limit),
    /** As `search`, for terms already read from a question (a synonym may weigh less than a word typed). */
    searchTerms,
  };
}
