import type { Platform } from '../../platform.ts';
import type { ToolDomain } from '../tools/tool.ts';
import { checklistTool } from './checklist.ts';
import { loadDocSections } from './docSections.ts';
import { helpTool } from './help.ts';

/** The repository root, where README.md and docs/ live (this file is src/modules/onboarding/domain.ts). */
const REPO_ROOT = new URL('../../../', import.meta.url);

/** Getting started: answers from the docs and the caller's setup checklist. The docs are read once, at start. */
export async function onboardingDomain(platform: Platform, docsRoot: URL = REPO_ROOT): Promise<ToolDomain> {
  return {
    name: 'onboarding',
    description: 'Getting started with AlphaNest: answers from the README and docs/, and your setup checklist.',
    tools: [helpTool(await loadDocSections(docsRoot)), checklistTool(platform)],
  };
}
