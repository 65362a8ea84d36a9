import { truncateAtWord } from '../../core/truncate.ts';
import { type Sentence, splitSentences } from './sentences.ts';

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

/** Does `sentence` say little beyond what `headline` says? */
export function repeats(sentence: string, headline: string): boolean {
  const words = contentWords(sentence);
  if (words.size === 0) return true;
  const known = contentWords(headline);
  let shared = 0;
  for (const word of words) if (known.has(word)) shared++;
  return shared / words.size >= REPEAT_SHARE;
}

function asSentence(text: string): string {
  const cut = truncateAtWord(text.replace(/\s*[.!?]*$/, ''), MAX_LENGTH);
  return cut.endsWith('…') ? cut : `${cut}.`;
}

function gist(sentences: readonly Sentence[], headline: string): string {
  const fresh = sentences.filter((sentence) => !ADVICE.test(sentence.text) && !repeats(sentence.text, headline));
  const [first, second] = fresh;
  if (!first) return '';
  if (second && first.text.length + second.text.length + 1 <= MAX_LENGTH) return `${first.text} ${second.text}`;
  return first.text;
}

export function summarise(title: string | undefined, text: string, fallback: string): string {
  const sentences = splitSentences(clean(text));
  const headline = title ? clean(title) : (sentences.shift()?.text ?? '');
  const found = gist(sentences, headline);
  return found ? asSentence(found) : fallback;
}
