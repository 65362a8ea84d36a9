import { createBm25Index, type Scored } from './bm25.ts';
import { type DocEntry, docEntries, type Setting } from './docEntries.ts';
import type { DocSection } from './docSections.ts';
import { terms } from './searchTerms.ts';
import { createSpeller } from './spelling.ts';
import { withSynonyms } from './synonyms.ts';

/** Entries read per question: enough for `limit` distinct sections when several rows of one table rank first. */
const ENTRIES_READ = 30;
/** A setting leads the answer when its row scores at least this share of the best entry's score … */
const SETTING_SHARE_OF_BEST = 0.6;
/** … and a second one when it scores this share of the first. */
const SECOND_SETTING_SHARE = 0.75;

interface DocAnswer {
  /** Best first, each section once, scored by its best entry. */
  sections: Array<{ section: DocSection; score: number }>;
  /** The one or two settings the question asks about, when it asks about a setting. */
  settings: Array<{ setting: Setting; section: DocSection }>;
  /** The terms searched for, with their weights (the question's, corrected, and their synonyms), and the leading settings' names above all: what an excerpt should keep. */
  terms: ReadonlyMap<string, number>;
}

/** A leading setting's row outweighs every other line of its section's excerpt. */
const LEADING_WEIGHT = 10;

/** The settings an answer leads with: the best row naming variables when it scores near the best entry, and a close second. */
function leadingSettings(hits: Scored<DocEntry>[]): DocAnswer['settings'] {
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

/** Each section once, in the order of its best entry, scored by it; `first`, when given, leads. */
function sectionsOf(hits: Scored<DocEntry>[], first: DocSection | undefined, limit: number): DocAnswer['sections'] {
  const best = new Map<DocSection, number>();
  for (const { doc, score } of hits) if (!best.has(doc.section)) best.set(doc.section, score);
  const order = new Set([...(first ? [first] : []), ...best.keys()]);
  return [...order].slice(0, limit).map((section) => ({ section, score: best.get(section)! }));
}

/**
 * The docs as a search index, built once: BM25 over sections and their table
 * rows, the question's words corrected when one letter off the docs' and
 * joined by their synonyms.
 */
export function createDocSearch(sections: DocSection[]) {
  const index = createBm25Index<DocEntry>(docEntries(sections), (entry) => entry.text);
  const speller = createSpeller(index.vocabulary(), index.documentFrequency);

  return (question: string, limit: number): DocAnswer => {
    const words = terms(question).map((word) => speller.correct(word) ?? word);
    const weights = withSynonyms(words);
    const hits = index.searchTerms(weights, ENTRIES_READ);
    const settings = leadingSettings(hits);
    for (const { setting } of settings)
      for (const name of setting.variables) weights.set(terms(name)[0]!, LEADING_WEIGHT);
    // The section of the setting the answer leads with comes first, even when a long one outscored its row.
    return { sections: sectionsOf(hits, settings[0]?.section, limit), settings, terms: weights };
  };
}
