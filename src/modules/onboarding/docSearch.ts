import { createBm25Index, type Scored } from './bm25.ts';
import { type DocEntry, docEntries, type Setting } from './docEntries.ts';
import type { DocSection } from './docSections.ts';
import { leadingFact } from './sectionFacts.ts';
import { createSettingContext, type SecretPlace, type Switch } from './settingContext.ts';
import { terms } from './searchTerms.ts';
import { createSpeller } from './spelling.ts';
import { withSynonyms } from './synonyms.ts';
import { asksForAKnob, isTuningKnob } from './tuningKnobs.ts';

/** Entries read per question: enough for `limit` distinct sections when several rows of one table rank first. */
const ENTRIES_READ = 30;
/** A setting leads the answer when its row scores at least this share of the best entry's score … */
const SETTING_SHARE_OF_BEST = 0.6;
/** … and a second one when it scores this share of the first. */
const SECOND_SETTING_SHARE = 0.75;
/**
 * A whole section whose heading is words the question typed ("nginx" for
 * "deploy behind nginx") is about what was asked, where a table row that
 * only mentions the word is not, and BM25 favours the short row: such a
 * section's score grows by this share for each of the question's terms its
 * trail names ("Deployment › nginx" names two).
 */
const HEADING_BOOST = 0.5;
/** How many sections a how-to answer leads with (their command or path, and a link). */
const GUIDES = 3;

/** A setting an answer leads with. */
interface LeadSetting {
  setting: Setting;
  section: DocSection;
  /** The variables the question names (`OPENAI_API_KEY` of its row), or all the row's when it names none. */
  asked: string[];
  /** The value to show: the one that turns the asked-about setting on, for a switch. */
  value?: string;
}

export interface DocAnswer {
  /** Best first, each section once, scored by its best entry. */
  sections: Array<{ section: DocSection; score: number }>;
  /** The settings the question asks about, when it asks about a setting, after the switches that turn them on. */
  settings: LeadSetting[];
  /** Where the secrets store can hold an asked-about variable instead. */
  secrets: SecretPlace[];
  /** The section a settings answer sends the reader to: the one explaining them in prose when the results hold one. */
  see: DocSection | undefined;
  /** For a question a section answers better than any setting: the command or path each of the best sections names. */
  guides: Array<{ section: DocSection; fact: string }>;
  /** The terms searched for, with their weights (the question's, corrected, and their synonyms), and the leading settings' names above all: what an excerpt should keep. */
  terms: ReadonlyMap<string, number>;
}

/** A leading setting's row outweighs every other line of its section's excerpt. */
const LEADING_WEIGHT = 10;

/** The settings an answer leads with: the best row naming variables when it scores near the best entry, and a close second. */
function leadingRows(hits: Scored<DocEntry>[]): Array<{ setting: Setting; section: DocSection }> {
  const best = hits[0]?.score ?? 0;
  const rows = hits.filter((hit) => hit.doc.setting && hit.score >= SETTING_SHARE_OF_BEST * best);
  // A variable in two tables (README's and its own doc's) leads once.
  const distinct = rows.filter((row, i) =>
    rows.slice(0, i).every(({ doc }) => !doc.setting!.variables.some((v) => row.doc.setting!.variables.includes(v))),
  );
  return distinct
    .filter((row, i) => i === 0 || (i === 1 && row.score >= SECOND_SETTING_SHARE * distinct[0]!.score))
    .map(({ doc }) => ({ setting: doc.setting!, section: doc.section }));
}

/** The variables of a row the question names word for word (`OPENAI_API_KEY` in "my OpenAI API key"), or all of them. */
function askedOf(variables: string[], typed: ReadonlySet<string>): string[] {
  const named = variables.filter((name) => name.split('_').every((word) => terms(word).every((t) => typed.has(t))));
  return named.length ? named : variables;
}

/** The first section of `source` whose prose (not a table) names every variable: where a reader learns how they work together. */
function proseSection(sections: DocSection[], variables: string[], source: string): DocSection | undefined {
  const names = variables.map((name) => new RegExp(`\\b${name}\\b`));
  return sections.find((section) => {
    if (section.source !== source) return false;
    const prose = section.text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('|'))
      .join('\n');
    return names.every((name) => name.test(prose));
  });
}

/** Each section once, in the order of its best entry, scored by it; `first`, when given, leads. */
function sectionsOf(hits: Scored<DocEntry>[], first: DocSection | undefined, limit: number): DocAnswer['sections'] {
  const best = new Map<DocSection, number>();
  for (const { doc, score } of hits) if (!best.has(doc.section)) best.set(doc.section, score);
  const order = new Set([...(first ? [first] : []), ...best.keys()]);
  return [...order].slice(0, limit).map((section) => ({ section, score: best.get(section)! }));
}

/** The command or path of each of the best sections, when a section (not a row) answers best. */
function guidesOf(hits: Scored<DocEntry>[]): DocAnswer['guides'] {
  const best = hits[0];
  if (best?.doc.kind !== 'section') return [];
  const guides: DocAnswer['guides'] = [];
  for (const { doc, score } of hits) {
    if (guides.length === GUIDES || score < SETTING_SHARE_OF_BEST * best.score) break;
    const fact = doc.kind === 'section' ? leadingFact(doc.section) : undefined;
    if (fact && !guides.some((guide) => guide.fact === fact)) guides.push({ section: doc.section, fact });
  }
  return guides;
}

/** A question asking to make or get something ("how do I create a JWT token", "generate keys"): a command does it. */
const ASKS_TO_MAKE = /\b(create|generate|make|issue|mint|sign|print|get|obtain|new|rotate|revoke)\b/i;

/**
 * The command that makes what a question asks for: a command row among the entries read whose command's own
 * words (`token` of `alphanest token --sub ID`, `keys generate`) are all the question's. It leads before the
 * settings the same words name: "how do I create a JWT token" is `alphanest token`, not `JWT_ISSUER`.
 */
function commandGuide(question: string, hits: Scored<DocEntry>[], typed: ReadonlySet<string>) {
  if (!ASKS_TO_MAKE.test(question)) return undefined;
  for (const { doc } of hits) {
    if (!doc.command) continue;
    // The command's name: its words before the first argument or option ("keys generate" of "keys generate --out DIR").
    const words = doc.command.split(/\s+/).slice(1);
    const end = words.findIndex((word) => !/^[a-z][\w-]*$/.test(word));
    const name = end === -1 ? words : words.slice(0, end);
    if (name.length && name.every((word) => terms(word).every((term) => typed.has(term))))
      return { section: doc.section, fact: doc.command };
  }
  return undefined;
}

/**
 * The docs as a search index, built once: BM25 over sections and their table
 * rows, the question's words corrected when one letter off the docs' and
 * joined by their synonyms, a section whose heading the question names
 * before the rows that mention it.
 */
export function createDocSearch(sections: DocSection[]) {
  const entries = docEntries(sections);
  const index = createBm25Index<DocEntry>(entries, (entry) => entry.text);
  const speller = createSpeller(index.vocabulary(), index.documentFrequency);
  const context = createSettingContext(entries);
  const headingTerms = new Map(sections.map((section) => [section, terms(section.heading)]));
  const trailTerms = new Map(sections.map((section) => [section, new Set(terms(section.trail))]));

  return (question: string, limit: number): DocAnswer => {
    const words = terms(question).map((word) => speller.correct(word) ?? word);
    const weights = withSynonyms(words);
    const named = (term: string) => (weights.get(term) ?? 0) >= 1;
    const found = index.searchTerms(weights, ENTRIES_READ);
    const hits = found
      .map(({ doc, score }) => {
        const heading = headingTerms.get(doc.section)!;
        if (doc.kind !== 'section' || !heading.length || !heading.every(named)) return { doc, score };
        const trail = trailTerms.get(doc.section)!;
        return { doc, score: score * (1 + HEADING_BOOST * [...weights.keys()].filter((t) => trail.has(t)).length) };
      })
      .sort((a, b) => b.score - a.score);
    const typed = new Set(words);
    // A setting leads when its row scores near the best entry as BM25 scored it: the heading boost orders
    // sections, and only takes the lead from a row it outscores by far (then the section's command leads).
    // Tuning knobs lead alone only for a question about a limit (tuningKnobs.ts): "how do I follow an agent?" is
    // not answered with how many agents one connection may follow.
    const leading = leadingRows(found);
    const onlyKnobs =
      leading.length > 0 &&
      leading.every(({ setting }) => isTuningKnob(setting.defaultValue)) &&
      !asksForAKnob(question);
    const rows = (onlyKnobs ? [] : leading).map((row) => ({ ...row, asked: askedOf(row.setting.variables, typed) }));
    const switches = [
      ...new Map(
        rows
          .flatMap(({ asked, section }) => context.switchesFor(asked, section))
          .map((known) => [known.setting, known]),
      ).values(),
    ];
    const settings: LeadSetting[] = [
      ...switches
        .filter((known: Switch) => !rows.some((row) => row.setting === known.setting))
        .map(({ setting, section, value }) => ({ setting, section, asked: setting.variables, value })),
      ...rows.map((row) => {
        const value = switches.find((known) => known.setting === row.setting)?.value;
        return value ? { ...row, value } : row;
      }),
    ];
    const asked = settings.flatMap((setting) => setting.asked);
    // Settings that work together (a switch and what it turns on) are explained in their doc's prose, not its table.
    const see = switches.length
      ? (proseSection(sections, asked, settings[0]!.section.source) ?? settings[0]!.section)
      : settings[0]?.section;
    for (const name of settings.flatMap(({ setting }) => setting.variables))
      weights.set(terms(name)[0]!, LEADING_WEIGHT);
    const command = commandGuide(question, found, typed);
    const guides = command ? [command] : !onlyKnobs && leadingRows(hits).length ? [] : guidesOf(hits);
    return {
      // The section an answer about a setting sends the reader to comes first, even when a long one outscored its row.
      sections: sectionsOf(hits, guides[0]?.section ?? see, limit),
      settings,
      secrets: context.secretsFor(rows.flatMap((row) => row.asked)),
      see,
      guides,
      terms: weights,
    };
  };
}
