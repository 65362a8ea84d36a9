import { defineModule } from '../../core/module.ts';
import type { ToolPrompt } from '../../core/tool.ts';
import type { IntelligenceModule } from '../intelligence/index.ts';
import type { StreamModule } from '../stream/index.ts';
import { checklistTool } from './checklist.ts';
import { loadDocSections } from './docSections.ts';
import { helpTool } from './help.ts';

/** The repository root, where README.md and docs/ live (this file is src/modules/onboarding/index.ts). */
const REPO_ROOT = new URL('../../../', import.meta.url);

const gettingStarted: ToolPrompt = {
  name: 'getting_started',
  title: 'Finish setting up AlphaNest',
  description: 'Your checklist, with how to do each step that is left, from the docs.',
  arguments: [],
  tools: ['onboarding.checklist', 'onboarding.help'],
  text: () =>
    'Call onboarding.checklist to see where my AlphaNest setup stands. For each step not done, call onboarding.help with a question about it ' +
    'and tell me exactly what to do, citing the doc section. Steps required for production come first.',
};

/** Getting started: answers from the docs and the caller's setup checklist. */
export const onboardingModule = defineModule({
  name: 'onboarding',
  create: (ctx, { intelligence, stream }: { intelligence: IntelligenceModule; stream: StreamModule }) => ({
    tools: {
      name: 'onboarding',
      description: 'Getting started with AlphaNest: answers from the README and docs/, and your setup checklist.',
      tools: [
        helpTool(() => loadDocSections(REPO_ROOT)),
        checklistTool(ctx, { countItems: intelligence.count, followedBy: stream.followedBy }),
      ],
    },
    prompts: [gettingStarted],
  }),
});

/** How onboarding.help reads a question, for callers matching its answer's lines to it (the chat). */
export { terms as searchTerms } from './searchTerms.ts';
/** When a setting is a tuning knob, and which questions one answers: the chat leads with a knob as this tool does. */
export { asksForAKnob, isTuningKnob } from './tuningKnobs.ts';
