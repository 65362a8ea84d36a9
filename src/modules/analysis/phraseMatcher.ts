import type { Word } from './splitWords.ts';

/**
 * Finds lexicon phrases in a word list. A phrase is lower-case words separated
 * by spaces; a word ending in `*` matches any word with that prefix
 * ("surg*" → surge, surged, surging). Longer phrases win over shorter ones
 * that start at the same word, and matches never overlap.
 */

export interface PhraseMatch<T> {
  value: T;
  /** Index of the first and one past the last matched word. */
  from: number;
  to: number;
}

export interface PhraseMatcher<T> {
  match(words: readonly Word[]): PhraseMatch<T>[];
}

interface Part {
  /** The word, or the prefix of a `*` part. */
  text: string;
  prefix: boolean;
}

interface Compiled<T> {
  parts: Part[];
  specificity: number;
  value: T;
}

/** Exact words beat any prefix; a longer prefix beats a shorter one. */
const specificityOf = (parts: Part[]) => parts.reduce((sum, part) => sum + (part.prefix ? part.text.length : 1000), 0);

const partMatches = (part: Part, word: string) => (part.prefix ? word.startsWith(part.text) : part.text === word);

/** Words whose candidate phrases a matcher keeps (a few times the words of a day's feed). */
const MAX_KEPT_WORDS = 20_000;
const NONE: readonly never[] = [];

/** Prefixes are indexed by their first two letters, or their only letter. */
const prefixKey = (text: string) => text.slice(0, 2);

export function createPhraseMatcher<T>(entries: Iterable<readonly [phrase: string, value: T]>): PhraseMatcher<T> {
  // Candidates are looked up by the word itself (exact first parts) or by its first letters
  // (prefix first parts), so a word is only compared with phrases that could start there.
  const exactFirst = new Map<string, Compiled<T>[]>();
  const prefixFirst = new Map<string, Compiled<T>[]>();
  const anyFirst: Compiled<T>[] = [];
  const add = (index: Map<string, Compiled<T>[]>, key: string, entry: Compiled<T>) =>
    index.set(key, [...(index.get(key) ?? []), entry]);
  for (const [phrase, value] of entries) {
    const parts = phrase
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .map((part) => (part.endsWith('*') ? { text: part.slice(0, -1), prefix: true } : { text: part, prefix: false }));
    const compiled = { parts, specificity: specificityOf(parts), value };
    const first = parts[0]!;
    if (!first.prefix) add(exactFirst, first.text, compiled);
    else if (first.text.length > 0) add(prefixFirst, prefixKey(first.text), compiled);
    else anyFirst.push(compiled);
  }
  const better = (a: Compiled<T>, b: Compiled<T>) =>
    a.parts.length > b.parts.length || (a.parts.length === b.parts.length && a.specificity > b.specificity);

  /**
   * The phrases whose first part matches `word`, best first (longest, then most specific; the order they were
   * given among equals), so the first that fits the words after it is the match. A text's words repeat within
   * it and across texts, so each word's list is worked out once and kept; the keeping is bounded (it starts
   * afresh when full), as the words of a feed are not.
   */
  const startingWith = new Map<string, readonly Compiled<T>[]>();
  const candidatesFor = (word: string): readonly Compiled<T>[] => {
    let candidates = startingWith.get(word);
    if (candidates) return candidates;
    const all = [
      ...(exactFirst.get(word) ?? []),
      ...(prefixFirst.get(word.slice(0, 2)) ?? []),
      ...(word.length > 1 ? (prefixFirst.get(word[0]!) ?? []) : []),
      ...anyFirst,
    ].filter((entry) => partMatches(entry.parts[0]!, word));
    // Stable: equals keep their order, as the first of them found wins.
    candidates = all.length === 0 ? NONE : all.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    if (startingWith.size >= MAX_KEPT_WORDS) startingWith.clear();
    startingWith.set(word, candidates);
    return candidates;
  };

  /** Whether the parts after the first match the words after `at`, none across a clause boundary. */
  const restFits = (entry: Compiled<T>, words: readonly Word[], at: number): boolean => {
    const { parts } = entry;
    for (let k = 1; k < parts.length; k++) {
      const word = words[at + k];
      if (word === undefined || words[at + k - 1]!.boundaryAfter || !partMatches(parts[k]!, word.lower)) return false;
    }
    return true;
  };

  return {
    match(words) {
      const found: PhraseMatch<T>[] = [];
      let at = 0;
      while (at < words.length) {
        let best: Compiled<T> | undefined;
        for (const entry of candidatesFor(words[at]!.lower))
          if (restFits(entry, words, at)) {
            best = entry;
            break;
          }
        if (best) {
          found.push({ value: best.value, from: at, to: at + best.parts.length });
          at += best.parts.length;
        } else {
          at += 1;
        }
      }
      return found;
    },
  };
}

/** One-word patterns in the same syntax ("drain*", "stole"): does a lower-case word match one of them? */
export function createWordTest(patterns: readonly string[]): (word: string) => boolean {
  const exact = new Set(patterns.filter((pattern) => !pattern.endsWith('*')));
  // Prefixes by first letter: a word is only compared with the few that could match it.
  const prefixes = new Map<string, string[]>();
  for (const pattern of patterns.filter((p) => p.endsWith('*'))) {
    const prefix = pattern.slice(0, -1);
    prefixes.set(prefix[0]!, [...(prefixes.get(prefix[0]!) ?? []), prefix]);
  }
  return (word) => exact.has(word) || (prefixes.get(word[0] ?? '')?.some((prefix) => word.startsWith(prefix)) ?? false);
}
