import { z } from 'zod';
import { defineTool } from '../../core/tool.ts';
import { createDocSearch, type DocAnswer } from './docSearch.ts';
import type { DocSection } from './docSections.ts';
import { excerptFor } from './excerpt.ts';
import { settingLine } from './settingExamples.ts';
import { isTuningKnob } from './tuningKnobs.ts';

/** Long sections are answered with an excerpt this long at most; the source and heading say where to read on. */
const SECTION_CHARS = 1_500;

const input = z.object({
  question: z
    .string()
    .trim()
    .min(3, { message: 'ask in at least 3 characters' })
    .max(500)
    .describe('a question about running or using AlphaNest'),
  limit: z.number().int().min(1).max(5).default(3).describe('how many doc sections to answer from'),
});

const output = z.object({
  question: z.string(),
  found: z.boolean().describe('false when no section of the docs shares a word with the question'),
  answer: z
    .string()
    .describe(
      'first, for a question a section answers best, the command or path each of the best sections names with a link; for a setting, the variables to set (the switch that turns them on first) with an example, where the secrets store can hold them instead, and a link to their section; then the matching sections of the docs, best first, each under `## trail (source)`',
    ),
  sections: z.array(
    z.object({
      source: z.string(),
      heading: z.string(),
      trail: z.string(),
      link: z.string().describe('the section on GitHub, relative to the repository root: `README.md#configuration`'),
      score: z.number(),
    }),
  ),
});

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
const linkTo = ({ source, heading }: DocSection) =>
  `${source}#${heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-')}`;

const link = (section: DocSection) => `[${section.trail}](${linkTo(section)})`;

/**
 * What an answer says before the sections: for a question a section answers
 * best, the command or path to start from and its section; for a setting,
 * what to set (the switch that turns it on first, a tuning knob after the
 * setting it tunes), where else it can be kept, and the section to read.
 */
function leadLines({ settings, secrets, see, guides }: Omit<DocAnswer, 'sections' | 'terms'>) {
  const lines = [
    ...guides.map(({ section, fact }) => `\`${fact}\`: see ${link(section)}.`),
    // A tuning knob after the setting it tunes: DATABASE_URL before DATABASE_CONNECT_TIMEOUT_MS.
    ...settings
      .toSorted((a, b) => Number(isTuningKnob(a.setting.defaultValue)) - Number(isTuningKnob(b.setting.defaultValue)))
      .map(({ setting, asked, value }) => settingLine(setting, asked, value)),
    ...secrets.map(
      ({ secret, section, fields }) =>
        `Or keep it in the secrets store's \`${secret.path}\` entry (${fields.map((field) => `\`${field}\``).join(', ')}), when ${link(section)} says it is read: \`alphanest secrets put ${secret.path} ${fields.map((field) => `${field}=…`).join(' ')}\`; the environment variable wins.`,
    ),
    ...(see ? [`See ${link(see)}.`] : []),
  ];
  return lines.length ? `${lines.join('\n')}\n\n` : '';
}

/**
 * Answers from the platform's own docs (see docSearch.ts for the ranking).
 * A question about a setting is answered first with the variable to set and
 * an example, the way a person would answer it, then with the sections.
 */
export function helpTool(loadSections: () => Promise<DocSection[]>) {
  // The docs are read and indexed on the first question, once, not when the platform is built.
  let search: Promise<ReturnType<typeof createDocSearch>> | undefined;
  const docSearch = () => (search ??= loadSections().then(createDocSearch));
  return defineTool({
    name: 'onboarding.help',
    title: 'Answer a question from the AlphaNest docs',
    description:
      'Searches the README and docs/ (BM25 over their sections and table rows) and answers a setup question with the variable to set and an example (or the command or path to start from), then the best sections, naming each source file and heading.',
    input,
    output,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    role: 'guest',
    timeoutMs: 2_000,
    examples: [
      { description: 'How to get a token', input: { question: 'How do I create a JWT token for a user?' } },
      {
        description: 'Configuring the cache',
        input: { question: 'Which variable points AlphaNest at Redis?', limit: 2 },
      },
    ],
    async handler({ question, limit }) {
      const { sections, settings, secrets, see, guides, terms } = (await docSearch())(question, limit);
      const lead = leadLines({ settings, secrets, see, guides });
      const answer = sections.length
        ? lead +
          sections
            .map(
              ({ section }) =>
                `## ${section.trail} (${section.source})\n\n${excerptFor(section.text, terms, SECTION_CHARS)}`,
            )
            .join('\n\n')
        : 'Nothing in the README or docs/ matches that question; try other words, or read the README from the top.';
      return {
        question,
        found: sections.length > 0,
        answer,
        sections: sections.map(({ section, score }) => ({
          source: section.source,
          heading: section.heading,
          trail: section.trail,
          link: linkTo(section),
          score,
        })),
      };
    },
  });
}
