import { z } from 'zod';
import { defineTool } from '../../core/tool.ts';
import { createBm25Index } from './bm25.ts';
import { excerptFor } from './excerpt.ts';
import type { DocSection } from './docSections.ts';

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
  answer: z.string().describe('the matching sections of the docs, best first, each under its heading'),
  sections: z.array(z.object({ source: z.string(), heading: z.string(), trail: z.string(), score: z.number() })),
});

/**
 * Answers from the platform's own docs: BM25 over README and docs/ sections,
 * the heading trail counted twice so a section titled "Configuration" wins a
 * question about configuration over one that mentions it once.
 */
export function helpTool(loadSections: () => Promise<DocSection[]>) {
  // The docs are read on the first question, not when the platform is built.
  let index: Promise<ReturnType<typeof createBm25Index<DocSection>>> | undefined;
  const sectionIndex = () =>
    (index ??= loadSections().then((sections) => createBm25Index(sections, (s) => `${s.trail} ${s.trail} ${s.text}`)));
  return defineTool({
    name: 'onboarding.help',
    title: 'Answer a question from the AlphaNest docs',
    description:
      'Searches the README and docs/ (BM25 over their sections) and answers with the best sections, naming each source file and heading.',
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
      const hits = (await sectionIndex()).search(question, limit);
      const answer = hits.length
        ? hits
            .map(({ doc }) => `## ${doc.trail} (${doc.source})\n\n${excerptFor(doc.text, question, SECTION_CHARS)}`)
            .join('\n\n')
        : 'Nothing in the README or docs/ matches that question; try other words, or read the README from the top.';
      return {
        question,
        found: hits.length > 0,
        answer,
        sections: hits.map(({ doc, score }) => ({ source: doc.source, heading: doc.heading, trail: doc.trail, score })),
      };
    },
  });
}
