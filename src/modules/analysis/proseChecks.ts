import { splitSentences } from './sentences.ts';
import type { Analysis, AnalysisInput, EventType } from './types.ts';

/**
 * What any analyser's prose must do, checked by the evaluation on every
 * labelled post: `analysis` and `summary` are there and are not the headline
 * again (the title, or the text's first sentence, which is what an untitled
 * item gets as its title), and the analysis names the story's main token and
 * says what happened in words a reader would use for that event.
 */

/** Words that name each event; `other` has none to require. */
const EVENT_WORDS: Readonly<Record<EventType, RegExp | undefined>> = {
  listing: /\blist/i,
  delisting: /\bdelist/i,
  hack: /\b(?:hack|exploit|drain|stol|breach|rug)/i,
  regulation: /\b(?:regulat|legal|court|laws?\b|ruling|enforcement|sec\b)/i,
  partnership: /\b(?:partner|integrat|collaborat)/i,
  funding: /\b(?:fund|rais|token sale|invest)/i,
  token_unlock: /\b(?:unlock|vesting)/i,
  airdrop: /\bairdrop/i,
  macro: /\b(?:macro|rates?|inflation|fed|dollar|yields?)\b/i,
  other: undefined,
};

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function headlineOf(input: AnalysisInput): string {
  return input.title ?? splitSentences(input.text)[0]?.text ?? '';
}

function isHeadlineAgain(text: string, headline: string): boolean {
  const [said, title] = [normalise(text), normalise(headline)];
  return title !== '' && (said === title || said.startsWith(title));
}

/** What is wrong with an analysis's prose, as short phrases (empty when nothing is). */
export function proseProblems(input: AnalysisInput, analysis: Analysis): string[] {
  const headline = headlineOf(input);
  const problems: string[] = [];
  for (const field of ['analysis', 'summary'] as const) {
    if (!analysis[field]?.trim()) problems.push(`no ${field}`);
    else if (isHeadlineAgain(analysis[field], headline)) problems.push(`${field} repeats the headline`);
  }
  const main = analysis.tokens[0];
  const said = analysis.analysis ?? '';
  if (main && !said.includes(main.symbol) && !said.toLowerCase().includes(main.name.toLowerCase()))
    problems.push(`analysis does not name ${main.symbol}`);
  const eventWords = EVENT_WORDS[analysis.event.type];
  if (eventWords && !eventWords.test(said)) problems.push(`analysis does not say ${analysis.event.type}`);
  return problems;
}
