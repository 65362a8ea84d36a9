/**
 * Splits text into sentences: after ".", "!" or "?" followed by a space and
 * something that can start a sentence, and at line breaks. A stop after a
 * single letter or a common abbreviation ("U.S.", "Inc.", "vs.") ends no
 * sentence, and neither do the stops inside figures ("$0.03", "v2.1").
 */

export interface Sentence {
  text: string;
  /** Offsets in the text, `end` exclusive. */
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'inc',
  'ltd',
  'corp',
  'co',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'vs',
  'no',
  'eg',
  'ie',
]);
/** A sentence end: terminal punctuation (and closing quotes or brackets) before a space, or a line break. */
const BREAK = /([.!?]+['"’”)\]]*)\s+(?=["'“‘([#@$]?[\p{Lu}\p{N}])|\n+/gu;

function endsWithAbbreviation(text: string): boolean {
  const last = /([\p{L}.]+)\.$/u.exec(text.slice(text.lastIndexOf(' ') + 1))?.[1];
  if (!last) return false;
  const bare = last.replace(/\./g, '').toLowerCase();
  return bare.length === 1 || last.includes('.') || ABBREVIATIONS.has(bare);
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) sentences.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
  };
  for (const match of text.matchAll(BREAK)) {
    const end = match.index + (match[1]?.length ?? 0);
    if (match[1] && endsWithAbbreviation(text.slice(start, end))) continue;
    push(end);
    start = match.index + match[0].length;
  }
  push(text.length);
  return sentences;
}
