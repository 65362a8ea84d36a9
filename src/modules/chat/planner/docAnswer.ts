import { truncateAtWord } from '../../../core/truncate.ts';
import { asksForAKnob, isTuningKnob, searchTerms } from '../../onboarding/index.ts';

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
  /** A tuning knob: a setting with a numeric default (a timeout, a pool size), which works unset. */
  knob: boolean;
  /** A command the section runs (from a code block), with its continued lines joined. */
  command?: string;
}

/** The default a line states: "(default: `5000`)" of a row as said, "(default 10)" of prose. */
const STATED_DEFAULT = /\(default:? ([^)]*)\)/;
/** The tool's lead line for a command or path to start from: "`alphanest service-account create`: see [trail](link)." */
const GUIDE = /^`([^`]+)`: see \[([^\]]+)\]\(([^)]+)\)\.$/;
/** The tool's closing link of a setting's lead: "See [trail](link)." */
const SEE = /^See \[[^\]]+\]\([^)]+\)\.$/;

/**
 * An answer that leads with what to do: the exact command or variable, then the essential steps in a line or
 * two, then a link to the section to read on. A two-line answer buried in a pasted section is no answer, and
 * neither is a command's name without its form, nor a tuning knob before the setting it tunes.
 */
export function docAnswer(question: string, help: DocHelp): string {
  if (!help.found || help.sections.length === 0)
    return 'I found nothing about that in the README or docs/; try other words.';
  const lines = excerptLines(help.answer, new Set(searchTerms(question)));
  // The tool's lead already names what the question is about (the variable, or the command or path to start from),
  // a tuning knob only after the setting it tunes, or alone when the question asks about a limit.
  const toolLead = help.answer.split(/^## /m)[0]!.trim();
  if (toolLead) return fromLead(toolLead.split('\n'), lines, help);
  // A line naming a variable or command first; of those, the setting itself before a knob tuning it; then by words
  // shared. A knob is no answer to a question asking no limit, as the tool leads (onboarding's asksForAKnob).
  const knobsAnswer = asksForAKnob(question);
  const ranked = lines
    .filter((line) => line.shared > 0 && (knobsAnswer || !line.knob))
    .sort(
      (a, b) =>
        Number(b.names) - Number(a.names) ||
        Number(a.knob) - Number(b.knob) ||
        b.shared - a.shared ||
        a.section - b.section,
    );
  const lead = ranked.length
    ? ranked.slice(0, LEAD_LINES).filter((l) => l.names === ranked[0]!.names)
    : lines.slice(0, 1);
  const section = help.sections[lead[0]?.section ?? 0] ?? help.sections[0]!;
  return `${lead.map((line) => line.text).join('\n')}\nMore: [${section.trail}](${section.link}).`;
}

/**
 * From the tool's lead: a command or path to start from in its full form as its section runs it, then the
 * command that section runs next (a service account created, then its code exchanged for a token); settings
 * as the tool wrote them and in its order (the setting before a knob tuning it); then the link.
 */
function fromLead(leadLines: string[], lines: Line[], help: DocHelp): string {
  const guide = leadLines.map((line) => GUIDE.exec(line)).find((found) => found !== null);
  if (guide) {
    const [, named, trail, link] = guide;
    const section = help.sections.findIndex((s) => s.trail === trail);
    const commands = lines.filter((line) => line.section === section && line.command !== undefined);
    const at = commands.findIndex((line) => line.command!.startsWith(named!));
    const steps =
      at === -1
        ? [COMMAND.test(`\`${named}\``) ? `Run \`${named}\`.` : `Use \`${named}\`.`]
        : [`Run \`${commands[at]!.command}\`.`, ...commands.slice(at + 1, at + 2).map((l) => `Then \`${l.command}\`.`)];
    return `${steps.join('\n')}\nMore: [${trail}](${link}).`;
  }
  const see = leadLines.filter((line) => SEE.test(line));
  const settings = leadLines
    .filter((line) => line.trim() && !SEE.test(line))
    .slice(0, LEAD_LINES)
    .map((line) => withDefault(line, help.answer));
  return [...settings, ...see].join('\n');
}

const DEFAULT_CHARS = 60;
const LEAD_SETTING = /^Set `([A-Z][A-Z0-9_]+)` \(e\.g\. /;

/**
 * A setting's lead line with what it is unset, from its row in the sections, when the lead gives an example instead:
 * "`RSS_FEEDS`: comma-separated feed URLs for every RSS source" leaves out that it replaces each agent's own list,
 * which is its default. A lead that says it already ("Unset: in-process cache.") is left as it is.
 */
function withDefault(line: string, answer: string): string {
  const name = LEAD_SETTING.exec(line)?.[1];
  if (!name || /\b(unset|default)\b/i.test(line)) return line;
  for (const row of answer.split('\n')) {
    const cells = cellsOf(row);
    if (cells?.[0] !== `\`${name}\`` || cells.length < 3) continue;
    const fallback = cells[1]!;
    // A default of a sentence or more is the linked section's to tell.
    const told = fallback && !/^(?:[—–-]|none|unset)$/i.test(fallback) && fallback.length <= DEFAULT_CHARS;
    return told ? `${line.replace(/\.?\s*$/, '')}. Unset: ${fallback}.` : line;
  }
  return line;
}

/** The lines of the tool's sections, each with the question's words it shares; a command split over lines is one. */
function excerptLines(answer: string, wanted: ReadonlySet<string>): Line[] {
  return sectionTexts(answer).flatMap((text, section) => {
    const found: Line[] = [];
    let fenced = false;
    let continued: string | undefined;
    for (const raw of text.split('\n')) {
      if (FENCE.test(raw)) {
        fenced = !fenced;
        continue;
      }
      // An excerpt leaves a code block's fences out: a line that runs a command outside a list or table is one too.
      const runs = continued !== undefined || (SHELL.test(raw) && (fenced || !/^\s*[-*|]/.test(raw)));
      if (runs) {
        const part = raw.replace(/\s+#.*$/, '').trim();
        const whole = continued === undefined ? part : `${continued} ${part}`;
        if (whole.endsWith('\\')) {
          continued = whole.slice(0, -1).trim();
          continue;
        }
        continued = undefined;
        found.push(line(`Run \`${whole}\``, section, wanted, whole));
        continue;
      }
      if (!raw.trim() || raw.trim() === '…' || /^\s*\|?\s*:?-{3,}/.test(raw)) continue;
      found.push(line(said(raw), section, wanted));
    }
    return found;
  });
}

function line(text: string, section: number, wanted: ReadonlySet<string>, command?: string): Line {
  return {
    text,
    section,
    shared: new Set(searchTerms(text).filter((term) => wanted.has(term))).size,
    names: VARIABLE.test(text) || COMMAND.test(text),
    knob: isTuningKnob(STATED_DEFAULT.exec(text)?.[1] ?? ''),
    ...(command !== undefined && { command }),
  };
}

/** The text of each section in the tool's answer, in order. */
function sectionTexts(answer: string): string[] {
  return answer
    .split(/^## .*$/m)
    .slice(1)
    .map((text) => text.trim());
}

/** The cells of a table row (an escaped `\|` is no border), or undefined for a line that is none. */
function cellsOf(line: string): string[] | undefined {
  return CELLS.exec(line)?.[1]
    ?.split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** A line as a sentence: a configuration row as "Set `VAR`: meaning (default …)", a command row as "`command`: what it does". */
function said(line: string): string {
  const cells = cellsOf(line);
  if (!cells) return truncateAtWord(line.replace(/^\s*[-*]\s+/, '').trim(), LINE_CHARS);
  const [first = '', ...rest] = cells;
  if (VARIABLE.test(first) && rest.length >= 2) {
    const fallback = rest[0]!;
    const meaning = rest.slice(1).join('; ');
    const byDefault = fallback && fallback !== '—' && fallback !== '-' ? ` (default: ${fallback})` : '';
    return truncateAtWord(`Set ${first}: ${meaning}${byDefault}.`, LINE_CHARS);
  }
  return truncateAtWord(`${first}: ${rest.join('; ')}`, LINE_CHARS);
}
