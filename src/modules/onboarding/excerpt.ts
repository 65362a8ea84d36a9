import { truncateAtWord } from '../../core/truncate.ts';
import { terms } from './searchTerms.ts';

/** A line sharing only words weighed less (the vague "set up" of a question) is left out. */
const MIN_LINE_WEIGHT = 0.5;

/**
 * The part of a long doc section worth reading for a question: the lines
 * whose terms weigh most among the question's (`wanted`, as the search
 * weighed them), kept in document order, with `…` where lines were left out.
 * The start of a long section (a configuration table, say) rarely holds the
 * answer, so cutting it from the top would answer nothing.
 */
export function excerptFor(text: string, wanted: ReadonlyMap<string, number>, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const lines = text.split('\n');
  const weightOf = (line: string) => [...new Set(terms(line))].reduce((sum, term) => sum + (wanted.get(term) ?? 0), 0);
  const ranked = lines
    .map((line, index) => ({ index, shared: weightOf(line) }))
    .filter((line) => line.shared >= MIN_LINE_WEIGHT)
    .sort((a, b) => b.shared - a.shared || a.index - b.index);
  const chosen: number[] = [];
  let used = 0;
  for (const { index } of ranked) {
    const cost = lines[index]!.length + 2; // the line break, and room for an ellipsis line
    if (used + cost > maxChars) continue;
    chosen.push(index);
    used += cost;
  }
  if (!chosen.length) return truncateAtWord(ranked.length ? lines[ranked[0]!.index]! : text, maxChars);
  // A command split over lines ("curl … \" then "-d '{…}'") is kept whole: half of one runs nothing.
  const continues = (index: number) => lines[index]?.trimEnd().endsWith('\\') ?? false;
  const whole = new Set(chosen);
  for (const index of chosen) {
    for (let before = index - 1; continues(before); before--) whole.add(before);
    for (let after = index; continues(after); after++) whole.add(after + 1);
  }
  const kept = [...whole].sort((a, b) => a - b);
  const parts: string[] = [];
  let previous = -1;
  for (const index of kept) {
    if (index !== previous + 1) parts.push('…');
    parts.push(lines[index]!);
    previous = index;
  }
  if (previous < lines.length - 1) parts.push('…');
  return parts.join('\n');
}
