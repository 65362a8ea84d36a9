import type { ToolPrompt } from '../../core/tool.ts';

/** The lists argument completions draw from. */
export interface CompletionSources {
  agentIds(): readonly string[];
  /** Token tickers, best-ranked first. */
  tokenSymbols(): readonly string[];
}

/** At most this many values per answer, as the MCP specification caps completions. */
const MAX_VALUES = 100;

type Ref = { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string } | { type: string };

/** Which list completes an argument, by its name: the same names mean the same thing in prompts and resource templates. */
const listFor = (argument: string, sources: CompletionSources): readonly string[] | undefined => {
  if (argument === 'agent_id' || argument === 'agent') return sources.agentIds();
  if (argument === 'token' || argument === 'symbol') return sources.tokenSymbols();
  return undefined;
};

/**
 * `completion/complete` for the prompts' arguments and the live resource
 * templates' variables: values starting with what the client typed (any
 * case), the best first; nothing for an argument without a list.
 */
export function completer(prompts: readonly ToolPrompt[], sources: CompletionSources | undefined) {
  return (ref: Ref, argument: string, typed: string) => {
    const known =
      ('name' in ref && prompts.some((p) => p.name === ref.name && p.arguments.some((a) => a.name === argument))) ||
      ('uri' in ref && ref.uri.startsWith('intelligence://') && ref.uri.includes(`{${argument}}`));
    const list = known && sources ? (listFor(argument, sources) ?? []) : [];
    const prefix = typed.toLowerCase();
    const matches = [...new Set(list.filter((value) => value.toLowerCase().startsWith(prefix)))];
    return {
      values: matches.slice(0, MAX_VALUES),
      total: matches.length,
      hasMore: matches.length > MAX_VALUES,
    };
  };
}
