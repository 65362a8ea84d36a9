import { truncateAtWord } from '../../core/truncate.ts';
import type { Sentence } from './sentences.ts';

/**
 * The gist of a post, extractive: the first sentences of the body that say
 * something the headline does not, one or two as fit in MAX_LENGTH. The
 * headline is the title, or the text's first sentence when there is none
 * (which is what the item gets as its title). When the body adds nothing,
 * the gist is `fallback`, the analyser's own one-line account of what happened.
 * Links, hashtag clutter and "BREAKING:" style prefixes are dropped.
 */

const MAX_LENGTH = 220;
const URL = /https?:\/\/\S+/g;
const ALERT_PREFIX =
  /^(?:[^\p{L}\p{N}$]*\b(?:breaking|just in|update|alert|new|announcement|news|report|scoop)\b\s*[:\-–—|]\s*)+/iu;
const TRAILING_TAGS = /(?:\s+#[\p{L}\p{N}_]+)+\s*$/u;
/** Advice to the reader ("Please revoke…", "Stay vigilant", "DYOR") is not the gist of a story. */
const ADVICE = /^(?:please|do not|don['’]t|never|beware|stay|revoke|check|follow|click|read|note|dyor|nfa)\b/i;
/** Share of a sentence's words the headline already has, from which the sentence only repeats it. */
const REPEAT_SHARE = 0.7;
const MIN_WORD_LENGTH = 3;

export function clean(text: string): string {
  return text
    .replace(URL, '')
    .replace(/[ \t]+/g, ' ')
    .replace(TRAILING_TAGS, '')
    .replace(ALERT_PREFIX, '')
    .trim();
}

function contentWords(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}$%]+/gu) ?? []).filter((word) => word.length >= MIN_WORD_LENGTH),
  );
}

function repeatsWords(sentence: string, known: ReadonlySet<string>): boolean {
  const words = contentWords(sentence);
  if (words.size === 0) return true;
  let shared = 0;
  for (const word of words) if (known.has(word)) shared++;
  return shared / words.size >= REPEAT_SHARE;
}

/** Does `sentence` say little beyond what `headline` says? */
export function repeats(sentence: string, headline: string): boolean {
  return repeatsWords(sentence, contentWords(headline));
}

function asSentence(text: string): string {
  const cut = truncateAtWord(text.replace(/\s*[.!?]*$/, ''), MAX_LENGTH);
  return cut.endsWith('…') ? cut : `${cut}.`;
}

/** The first one or two cleaned sentences that are neither advice nor the headline again. */
function gist(sentences: readonly Sentence[], headline: string): string {
  const known = contentWords(headline);
  const fresh: string[] = [];
  for (const sentence of sentences) {
    const text = clean(sentence.text);
    if (!text || ADVICE.test(text) || repeatsWords(text, known)) continue;
    fresh.push(text);
    if (fresh.length === 2) break;
  }
  const [first, second] = fresh;
  if (!first) return '';
  if (second && first.length + second.length + 1 <= MAX_LENGTH) return `${first} ${second}`;
  return first;
}

/** `sentences` are the text's (splitSentences); an untitled post's first one is its headline. */
export function summarise(title: string | undefined, sentences: readonly Sentence[], fallback: string): string {
  const [headline, body] = title ? [clean(title), sentences] : [clean(sentences[0]?.text ?? ''), sentences.slice(1)];
  const found = gist(body, headline);
  return found ? asSentence(found) : fallback;
}
