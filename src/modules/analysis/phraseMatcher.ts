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

interface Compiled<T> {
  parts: string[];
  specificity: number;
  value: T;
}

/** Exact words beat any prefix; a longer prefix beats a shorter one. */
const specificityOf = (parts: string[]) =>
  parts.reduce((sum, part) => sum + (part.endsWith('*') ? part.length - 1 : 1000), 0);

function partMatches(part: string, word: string): boolean {
  return part.endsWith('*') ? word.startsWith(part.slice(0, -1)) : part === word;
}

export function createPhraseMatcher<T>(entries: Iterable<readonly [phrase: string, value: T]>): PhraseMatcher<T> {
  // Candidates are looked up by the word itself (exact first parts) or by its first letter
  // (prefix first parts), so a word is only compared with phrases that could start there.
  const exactFirst = new Map<string, Compiled<T>[]>();
  const prefixFirstByInitial = new Map<string, Compiled<T>[]>();
  const anyFirst: Compiled<T>[] = [];
  const add = (index: Map<string, Compiled<T>[]>, key: string, entry: Compiled<T>) =>
    index.set(key, [...(index.get(key) ?? []), entry]);
  for (const [phrase, value] of entries) {
    const parts = phrase.toLowerCase().split(/\s+/).filter(Boolean);
    const compiled = { parts, specificity: specificityOf(parts), value };
    const first = parts[0]!;
    if (!first.endsWith('*')) add(exactFirst, first, compiled);
    else if (first.length > 1) add(prefixFirstByInitial, first[0]!, compiled);
    else anyFirst.push(compiled);
  }
  const better = (a: Compiled<T>, b: Compiled<T>) =>
    a.parts.length > b.parts.length || (a.parts.length === b.parts.length && a.specificity > b.specificity);

  const fits = (entry: Compiled<T>, words: readonly Word[], at: number): boolean =>
    entry.parts.every((part, k) => {
      const word = words[at + k];
      return word !== undefined && partMatches(part, word.lower) && (k === 0 || !words[at + k - 1]!.boundaryAfter);
    });

  return {
    match(words) {
      const found: PhraseMatch<T>[] = [];
      let at = 0;
      while (at < words.length) {
        const lower = words[at]!.lower;
        let best: Compiled<T> | undefined;
        for (const candidates of [exactFirst.get(lower), prefixFirstByInitial.get(lower[0] ?? ''), anyFirst]) {
          for (const entry of candidates ?? []) {
            if ((!best || better(entry, best)) && fits(entry, words, at)) best = entry;
          }
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
  const prefixes = patterns.filter((pattern) => pattern.endsWith('*')).map((pattern) => pattern.slice(0, -1));
  return (word) => exact.has(word) || prefixes.some((prefix) => word.startsWith(prefix));
}
