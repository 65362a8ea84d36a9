import type { ToolPrompt } from '../../core/tool.ts';
import type { ToolRegistry } from './registry.ts';

/** The modules' prompts whose tools this registry has. */
export const availablePrompts = (prompts: readonly ToolPrompt[], registry: ToolRegistry) =>
  prompts.filter((p) => p.tools.every((name) => registry.get(name)));
