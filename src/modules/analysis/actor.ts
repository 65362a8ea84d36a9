import { splitWords } from './splitWords.ts';
import { isCommonWord } from './tokenLookup.ts';

/**
 * Who a headline is about when no known token says it: the proper name it
 * opens with, as the subject of its verb ("Radiant Capital loses $50M…" →
 * Radiant Capital, "SEC drops…" → SEC, "UK to let…" → UK). Undefined when
 * the headline opens with an ordinary word ("Startup raises…"), when no verb
 * follows the name ("Binance founder…", "Jobs report was…"), and for Title
 * Case headlines, where capitals mark every word and so no name.
 */

const MAX_WORDS = 3;
const TITLE_CASE_SHARE = 0.6;
const TITLE_CASE_MIN_WORDS = 4;
const CAPITALISED = /^\p{Lu}/u;
/** What follows a headline's subject: a present-tense verb ("raises", "denies") or one of these. */
const VERB_AFTER = /^(?:[a-z]+s|to|is|was|has|had|will|said|may|could|plans)$/;
/** Capitalised openers that name no one: "Notice of…", "Startup raises…", "We're excited…". */
// biome-ignore format: a word list, packed
const GENERIC_OPENERS = new Set([
  'notice', 'update', 'announcement', 'introducing', 'important', 'reminder', 'report', 'reports', 'another',
  'startup', 'crypto', 'we', "we're", 'our', 'i', "i'm", 'my', 'this', 'these', 'those', 'there', 'here', 'its',
  'they', 'what', 'why', 'how', 'when', 'who', 'analysts', 'traders', 'investors', 'users', 'exchange', 'exchanges',
  'stablecoin', 'stablecoins', 'blockchain', 'defi', 'protocol', 'hackers', 'attackers', 'regulators', 'lawmakers',
]);

export function headlineActor(headline: string): string | undefined {
  const words = splitWords(headline).filter((word) => !/^[#@$]/.test(word.raw) && /\p{L}/u.test(word.raw));
  const first = words[0];
  if (!first || !CAPITALISED.test(first.raw) || isCommonWord(first.raw) || GENERIC_OPENERS.has(first.lower))
    return undefined;
  const capitalised = words.filter((word) => CAPITALISED.test(word.raw)).length;
  if (words.length >= TITLE_CASE_MIN_WORDS && capitalised / words.length >= TITLE_CASE_SHARE) return undefined;
  const name = [first];
  for (const word of words.slice(1, MAX_WORDS)) {
    if (name.at(-1)!.boundaryAfter || name.at(-1)!.possessive || !CAPITALISED.test(word.raw)) break;
    name.push(word);
  }
  const after = words[name.length];
  if (!after || name.at(-1)!.boundaryAfter || !VERB_AFTER.test(after.raw)) return undefined;
  return name.map((word) => word.raw).join(' ');
}
