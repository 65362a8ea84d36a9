import { truncateAtWord } from '../../core/truncate.ts';

/**
 * A one-sentence extractive summary: the headline when there is one,
 * otherwise the first sentence of the text, without links, hashtag clutter or
 * "BREAKING:" style prefixes, cut at a word boundary.
 */

const MAX_LENGTH = 220;
const URL = /https?:\/\/\S+/g;
const ALERT_PREFIX =
  /^(?:[^\p{L}\p{N}$]*\b(?:breaking|just in|update|alert|new|announcement|news|report)\b\s*[:\-–—|]\s*)+/iu;
const TRAILING_TAGS = /(?:\s+#[\p{L}\p{N}_]+)+\s*$/u;
const SENTENCE = /^.*?[.!?](?=\s|$)/s;

function clean(text: string): string {
  return text.replace(URL, '').replace(/\s+/g, ' ').replace(TRAILING_TAGS, '').replace(ALERT_PREFIX, '').trim();
}

function firstSentence(text: string): string {
  return (text.match(SENTENCE)?.[0] ?? text).trim();
}

export function summarise(title: string | undefined, text: string): string {
  const headline = title ? clean(title) : '';
  const sentence = headline || firstSentence(clean(text));
  const summary = truncateAtWord(sentence.replace(/\s*[.!?]*$/, ''), MAX_LENGTH);
  return summary.endsWith('…') || summary === '' ? summary : `${summary}.`;
}
