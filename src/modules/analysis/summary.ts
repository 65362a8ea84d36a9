import { truncateAtWord } from '../../core/truncate.ts';
import type { Sentence } from './sentences.ts';
import { exchangeOf, nameKey } from './venue.ts';

/**
 * The gist of a post, extractive: the first sentences of the body that say
 * something the headline does not, one or two as fit in MAX_LENGTH. The
 * headline is the title, or the text's first sentence when there is none
 * (which is what the item gets as its title); a transfer alert is said as
 * what moved where ("3,895 BTC moved into OKX"). When the body adds nothing,
 * the gist is that of a transfer alert in the headline, else `fallback`, the
 * analyser's own one-line account of what happened.
 * Links, hashtag clutter and "BREAKING:" style prefixes are dropped.
 */

const MAX_LENGTH = 220;
const URL = /https?:\/\/\S+/g;
const ALERT_PREFIX =
  /^(?:[^\p{L}\p{N}$]*\b(?:breaking|just in|update|alert|new|announcement|news|report|scoop)\b\s*[:\-–—|]\s*)+/iu;
/** Hashtags that close a post or make up a whole sentence of it ("#Bitcoin #crypto"). */
const TRAILING_TAGS = /(?:(?:^|\s+)#[\p{L}\p{N}_]+)+\s*$/u;
/** A hashtag the sentence needs as its word ("sent 500 BTC to #Kraken"): its mark goes, the word stays. */
const TAGGED_OBJECT = /\b(to|from|into|on|at|in|of|for|by|with|via)\s+#(?=[\p{L}\p{N}])/giu;
const HASH_MARK = /(^|\s)#(?=[\p{L}\p{N}])/gu;
/** Advice to the reader ("Please revoke…", "Stay vigilant", "DYOR") is not the gist of a story. */
const ADVICE = /^(?:please|do not|don['’]t|never|beware|stay|revoke|check|follow|click|read|note|dyor|nfa)\b/i;
/** Share of a sentence's words the headline already has, from which the sentence only repeats it. */
const REPEAT_SHARE = 0.7;
const MIN_WORD_LENGTH = 3;

export function clean(text: string): string {
  return text
    .replace(URL, '')
    .replace(/[ \t]+/g, ' ')
    .replace(TAGGED_OBJECT, '$1 ')
    .replace(TRAILING_TAGS, '')
    .replace(ALERT_PREFIX, '')
    .trim();
}

/**
 * A transfer alert ("🚨 3,895 #BTC (370,000,000 USD) transferred from unknown wallet to #OKX"), said as what moved
 * where: into an exchange, out of one, from one holder to another, or between unknown wallets. The alert's own words are the
 * headline of an untitled post, so its gist has to say it differently.
 */
const TRANSFER =
  /^[^\p{L}\p{N}]*(?:[^:]*:\s+)?(?<what>\d[\d,.]*\s?(?:k|m|mn|b|bn|million|billion)?\s+[#$]?[\p{L}\p{N}.]+)(?<worth>\s+\([^)]*\))?\s+(?:transferred|moved|sent)\s+from\s+(?<from>.+?)\s+to\s+(?<to>.+?)\s*$/iu;
const UNKNOWN_HOLDER = /^(?:an?\s+)?(?:unknown|new|fresh)\s+(?:wallet|address)\b|^0x[\da-f]{6,}/i;

function transferGist(sentence: string): string | undefined {
  const found = TRANSFER.exec(sentence)?.groups;
  if (!found) return undefined;
  const name = (holder: string) => (UNKNOWN_HOLDER.test(holder) ? undefined : holder.replace(HASH_MARK, '$1'));
  const [from, to] = [name(found.from!), name(found.to!)];
  const moved = `${found.what!.replace(HASH_MARK, '$1').replace(/\s[#$]/, ' ')}${found.worth ?? ''} moved`;
  const isExchange = (holder: string) => exchangeOf(holder) === nameKey(holder);
  if (from && to) return `${moved} from ${from} to ${to}`;
  if (to) return `${moved} ${isExchange(to) ? 'into' : 'to'} ${to}`;
  if (from) return isExchange(from) ? `${moved} out of ${from}` : `${moved} from ${from} to an unknown wallet`;
  return `${moved} between unknown wallets`;
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
    fresh.push(transferGist(text) ?? text);
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
  const found = gist(body, headline) || transferGist(headline);
  return found ? asSentence(found) : fallback;
}
