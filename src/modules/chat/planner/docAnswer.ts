import { truncateAtWord } from '../../../core/truncate.ts';
import { searchTerms } from '../../onboarding/index.ts';

/**
 * What onboarding.help returns: for a question about a setting, a lead (the variables to set with an example
 * and the link to their section), then the matching doc sections, each under `## trail (source)`.
 */
export interface DocHelp {
  found: boolean;
  answer: string;
  sections: Array<{ source: string; heading: string; trail: string; link: string }>;
}

/** Lines in the lead at most, and characters in each. */
const LEAD_LINES = 2;
const LINE_CHARS = 300;

const VARIABLE = /`[A-Z][A-Z0-9]*_[A-Z0-9_]+`|`[A-Z]{3,}`/;
const COMMAND = /`(?:npm|npx|node|alphanest|docker|curl|psql|redis-cli|openssl|git)\b[^`]*`/;
const CELLS = /^\s*\|(.*)\|\s*$/;
const FENCE = /^\s*(```|~~~)/;
/** A line of a code block that runs a command, answered as "Run `…`". */
const SHELL = /^\s*(?:npm|npx|node|alphanest|docker|curl|psql|redis-cli|openssl|git)\s/;

interface Line {
  text: string;
  section: number;
  shared: number;
  names: boolean;
}

/**
 * An answer that leads with what to do: the lines of the sections found that
 * share the most words with the question, those naming an environment
 * variable or a command first, then a link to the section to read on. A
 * two-line answer buried in a pasted section is no answer.
 */
export function docAnswer(question: string, help: DocHelp): string {
  if (!help.found || help.sections.length === 0)
    return 'I found nothing about that in the README or docs/; try other words.';
  // The tool already answers a question about a setting the way a person would: the variable, an example, the link.
  const toolLead = help.answer.split(/^## /m)[0]!.trim();
  if (toolLead) return toolLead;
  const wanted = new Set(searchTerms(question));
  const lines = sectionTexts(help.answer).flatMap((text, section) => {
    let fenced = false;
    return text.split('\n').flatMap((raw): Line[] => {
      if (FENCE.test(raw)) {
        fenced = !fenced;
        return [];
      }
      const line = fenced && SHELL.test(raw) ? `Run \`${raw.replace(/\s+#.*$/, '').trim()}\`` : raw;
      if (!line.trim() || line.trim() === '…' || /^\s*\|?\s*:?-{3,}/.test(line)) return [];
      const shared = new Set(searchTerms(raw).filter((term) => wanted.has(term))).size;
      return [{ text: line, section, shared, names: VARIABLE.test(line) || COMMAND.test(line) }];
    });
  });
  const ranked = lines
    .filter((line) => line.shared > 0)
    .sort((a, b) => Number(b.names) - Number(a.names) || b.shared - a.shared || a.section - b.section);
  const lead = ranked.length
    ? ranked.slice(0, LEAD_LINES).filter((l) => l.names === ranked[0]!.names)
    : lines.slice(0, 1);
  const section = help.sections[lead[0]?.section ?? 0] ?? help.sections[0]!;
  return `${lead.map((line) => said(line.text)).join('\n')}\nMore: [${section.trail}](${section.link}).`;
}

/** The text of each section in the tool's answer, in order. */
function sectionTexts(answer: string): string[] {
  return answer
    .split(/^## .*$/m)
    .slice(1)
    .map((text) => text.trim());
}

/** A line as a sentence: a configuration row as "Set `VAR`: meaning (default …)", a command row as "`command`: what it does". */
function said(line: string): string {
  const row = CELLS.exec(line);
  if (!row) return truncateAtWord(line.replace(/^\s*[-*]\s+/, '').trim(), LINE_CHARS);
  const cells = row[1]!.split(/(?<!\\)\|/).map((cell) => cell.trim());
  const [first = '', ...rest] = cells;
  if (VARIABLE.test(first) && rest.length >= 2) {
    const fallback = rest[0]!;
    const meaning = rest.slice(1).join('; ');
    const byDefault = fallback && fallback !== '—' && fallback !== '-' ? ` (default: ${fallback})` : '';
    return truncateAtWord(`Set ${first}: ${meaning}${byDefault}.`, LINE_CHARS);
  }
  return truncateAtWord(`${first}: ${rest.join('; ')}`, LINE_CHARS);
}
