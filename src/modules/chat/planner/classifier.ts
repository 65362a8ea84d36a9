import { findAddresses, type TokenLookup } from '../../analysis/index.ts';

/**
 * A small intent classifier: multinomial logistic regression over the words
 * of a message (stemmed, word pairs, and character n-grams that survive
 * typos), with what varies between requests of one kind — tokens,
 * addresses, numbers, handles, variables, colours — written as placeholders.
 * It learns from labelled phrasings rather than cues written from misses,
 * so it reads phrasings nobody wrote a rule for; the planner asks it when
 * its rules are unsure (router.ts). Trained in a fixed order from a fixed
 * seed: the same examples give the same model.
 */

interface Classifier {
  /** The most probable label of a message (its words, `wordsOf`), with its probability. */
  predict(words: readonly MessageWord[]): { label: string; confidence: number; probabilityOf(label: string): number };
}

/** A word as the features read it: stemmed, or a placeholder or `ztoken`, whose letters are no features (not `spelled`). */
export interface MessageWord {
  word: string;
  spelled: boolean;
}

/**
 * What varies between requests of one kind, as placeholder words, in the order applied (an address
 * before the numbers in it). Each pattern runs only on a message holding its `mark`: most hold none.
 */
const PLACEHOLDERS: Array<[mark: RegExp, pattern: RegExp, placeholder: string]> = [
  [/http/i, /\bhttps?:\/\/\S+/gi, ' zurl '],
  [/0x/i, /\b0x[0-9a-f]{64}\b/gi, ' ztxhash '],
  [/-/, /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' zid '],
  [/#/, /#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi, ' zcolour '],
  [/@|_/, /(^|\s)@\w{2,}|\b[a-z0-9]+_[a-z0-9_]+\b/g, ' zhandle '],
  [/_/, /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g, ' zvariable '],
  [/\d/, /\d+(?:[.,]\d+)?\s?%/g, ' znumber zpercent '],
  [/\d/, /\b\d+\s?(?:h|hrs?|hours?|d|days?|w|wks?|weeks?|mins?|minutes?|m)\b/gi, ' zwindow '],
  [/\d/, /\$?\d+(?:[.,]\d+)*(?:k|m|b)?\b/gi, ' znumber '],
];
const PLACEHOLDER_WORDS = new Set(
  ['zaddress', 'ztoken', ...PLACEHOLDERS.map(([, , placeholder]) => placeholder)].flatMap((words) =>
    words.trim().split(' '),
  ),
);

/** A light suffix stripper: "prices", "priced" and "pricing" read alike. */
function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  let stemmed = word;
  for (const suffix of ['ing', 'ed', 'ly', 'es', 's']) {
    if (stemmed.endsWith(suffix) && stemmed.length - suffix.length >= 3 && !stemmed.endsWith('ss')) {
      stemmed = stemmed.slice(0, -suffix.length);
      break;
    }
  }
  return stemmed.endsWith('e') && stemmed.length > 3 ? stemmed.slice(0, -1) : stemmed;
}

/** A run of base58 as long as the shortest Solana key (addresses.ts). */
const BASE58_RUN = /[1-9A-HJ-NP-Za-km-z]{32}/;
/** Whether a text may hold an address: "0x", or a base58 run, which a text shorter than one cannot hold (most messages). */
const mayHoldAddress = (text: string) => text.includes('0x') || (text.length >= 32 && BASE58_RUN.test(text));

/**
 * The words of a message, stemmed, with what varies between requests written as placeholders.
 * `assets`: the tokens the message names (extract.ts), written as `ztoken`.
 */
export function wordsOf(message: string, lookup: TokenLookup, assets: readonly string[]): MessageWord[] {
  let text = message;
  // A contract the token registry knows names its token (and so its chain): an unknown address may lack the chain it needs.
  if (mayHoldAddress(text))
    for (const found of findAddresses(text))
      text = text.replace(found.address, lookup.byAddress(found.address) ? ' ztoken ' : ' zaddress ');
  for (const [mark, pattern, placeholder] of PLACEHOLDERS)
    if (mark.test(text)) text = text.replace(pattern, placeholder);
  text = text.toLowerCase();
  for (const symbol of assets) {
    const name = lookup.bySymbol(symbol)?.name.toLowerCase();
    if (name && text.includes(name)) text = text.replaceAll(name, ' ztoken ');
  }
  const named = new Set(assets.map((symbol) => symbol.toLowerCase()));
  return (text.match(/[a-z0-9]+/g) ?? []).map((written) => {
    const placeholder = PLACEHOLDER_WORDS.has(written);
    const token = !placeholder && named.has(written);
    return { word: token ? 'ztoken' : placeholder ? written : stem(written), spelled: !(placeholder || token) };
  });
}

/** The character 3- and 4-grams of a word, with marks for its start and end. */
function gramsOf(word: string): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= padded.length; i++) grams.push(`c:${padded.slice(i, i + n)}`);
  return grams;
}

/** The features of a message's words, each kind as `featuresOfWords` gives them to a reader. */
interface FeatureReader {
  word(word: string): void;
  /** A word with the one before it, the first with a start mark ('^'). */
  pair(before: string, word: string): void;
  /** A spelled word, whose character grams (`gramsOf`) are features. */
  spelled(word: string): void;
}
const wordFeature = (word: string) => `w:${word}`;
const pairFeature = (before: string, word: string) => `b:${before}_${word}`;

/** A message's features in order: each word, then it with the one before, then its grams if spelled. */
function featuresOfWords(words: readonly MessageWord[], reader: FeatureReader): void {
  let before = '^';
  for (const { word, spelled } of words) {
    reader.word(word);
    reader.pair(before, word);
    before = word;
    if (spelled) reader.spelled(word);
  }
}

/** The features of a message, by name (see `wordsOf` and `featuresOfWords`). */
export function featuresOf(message: string, lookup: TokenLookup, assets: readonly string[]): string[] {
  const features: string[] = [];
  featuresOfWords(wordsOf(message, lookup, assets), {
    word: (word) => features.push(wordFeature(word)),
    pair: (before, word) => features.push(pairFeature(before, word)),
    spelled: (word) => features.push(...gramsOf(word)),
  });
  return features;
}

/** A fixed-seed generator (mulberry32), so training visits examples in the same order every time. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A gradient this small moves no weight worth the time: the example sits firmly in (or far from) that class. */
const SETTLED = 1e-3;

/** Passes over the examples, and the first step's size (it shrinks with each pass). */
const EPOCHS = 20;
const RATE = 1;

/**
 * Softmax regression by stochastic gradient descent; each example's
 * features weigh 1/√n so long and short messages count alike. A generator
 * that pauses after each pass, so a caller may let other work run between.
 */
export function* trainClassifier(
  examples: ReadonlyArray<{ features: readonly string[]; label: string }>,
): Generator<void, Classifier> {
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const classes = labels.length;
  const index = new Map<string, number>();
  const encoded = examples.map((example) => ({
    features: Int32Array.from(new Set(example.features), (feature) => {
      if (!index.has(feature)) index.set(feature, index.size);
      return index.get(feature)!;
    }),
    label: labels.indexOf(example.label),
  }));
  const weights = new Float64Array(index.size * classes);
  const bias = new Float64Array(classes);
  const probabilities = new Float64Array(classes);

  const softmax = (features: Int32Array, value: number) => {
    probabilities.fill(0);
    for (const f of features) {
      const row = f * classes;
      for (let k = 0; k < classes; k++) probabilities[k]! += weights[row + k]!;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < classes; k++) {
      probabilities[k] = bias[k]! + probabilities[k]! * value;
      max = Math.max(max, probabilities[k]!);
    }
    let total = 0;
    for (let k = 0; k < classes; k++) {
      probabilities[k] = Math.exp(probabilities[k]! - max);
      total += probabilities[k]!;
    }
    for (let k = 0; k < classes; k++) probabilities[k] = probabilities[k]! / total;
  };

  const random = seeded(12);
  const order = encoded.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const step = RATE / (1 + epoch / 10);
    for (const at of order) {
      const { features, label } = encoded[at]!;
      const value = 1 / Math.sqrt(features.length || 1);
      softmax(features, value);
      for (let k = 0; k < classes; k++) {
        const gradient = probabilities[k]! - (k === label ? 1 : 0);
        if (Math.abs(gradient) < SETTLED) continue;
        bias[k] = bias[k]! - step * gradient;
        const change = step * gradient * value;
        for (const f of features) weights[f * classes + k]! -= change;
      }
    }
    yield;
  }

  // The features of the words it learnt as numbers, by word (and for a pair, by the word before):
  // looking each feature up by name (a string built and hashed) cost more than the rest of a
  // prediction. A pair's name splits at its first '_', as no word holds one.
  const wordsKnown = new Map<string, number>();
  const pairsKnown = new Map<string, Map<string, number>>();
  const gramsKnown = new Map<string, Int32Array>();
  for (const [feature, f] of index) {
    if (feature.startsWith('b:')) {
      const split = feature.indexOf('_');
      const before = feature.slice(2, split);
      if (!pairsKnown.has(before)) pairsKnown.set(before, new Map());
      pairsKnown.get(before)!.set(feature.slice(split + 1), f);
    }
    if (!feature.startsWith('w:')) continue;
    const word = feature.slice(2);
    wordsKnown.set(word, f);
    const grams = gramsOf(word).map((gram) => index.get(gram));
    if (grams.every((g) => g !== undefined)) gramsKnown.set(word, Int32Array.from(grams));
  }
  // Scratch for `predict`, allocated once: a message's distinct known features, which are taken, and its unknown ones.
  const known = new Int32Array(index.size);
  const taken = new Uint8Array(index.size);
  const unknown = new Set<string>();
  let count = 0;
  const takeNumber = (f: number) => {
    if (taken[f] === 0) {
      taken[f] = 1;
      known[count++] = f;
    }
  };
  const take = (feature: string) => {
    const f = index.get(feature);
    if (f === undefined) unknown.add(feature);
    else takeNumber(f);
  };
  // `wordsKnown` and `pairsKnown` hold every word and pair learnt: one they lack is unknown, with no
  // second look-up by name.
  const reader: FeatureReader = {
    word(word) {
      const f = wordsKnown.get(word);
      if (f === undefined) unknown.add(wordFeature(word));
      else takeNumber(f);
    },
    pair(before, word) {
      const f = pairsKnown.get(before)?.get(word);
      if (f === undefined) unknown.add(pairFeature(before, word));
      else takeNumber(f);
    },
    spelled(word) {
      const grams = gramsKnown.get(word);
      if (grams) for (const f of grams) takeNumber(f);
      else for (const gram of gramsOf(word)) take(gram);
    },
  };
  return {
    predict(words) {
      // Each distinct feature once, in the order first written (the order its weights are summed in,
      // so the sums match to the last bit); unknown ones weigh nothing but count in the length.
      count = 0;
      featuresOfWords(words, reader);
      for (let i = 0; i < count; i++) taken[known[i]!] = 0;
      const distinct = count + unknown.size;
      unknown.clear();
      softmax(known.subarray(0, count), 1 / Math.sqrt(distinct || 1));
      const p = Float64Array.from(probabilities);
      let best = 0;
      for (let k = 1; k < classes; k++) if (p[k]! > p[best]!) best = k;
      return { label: labels[best]!, confidence: p[best]!, probabilityOf: (label) => p[labels.indexOf(label)] ?? 0 };
    },
  };
}
