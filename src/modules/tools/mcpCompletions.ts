import { ErrorCode, McpError, type Prompt, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';

/** The lists argument completions draw from. */
export interface CompletionSources {
  agentIds(): readonly string[];
  /** Token tickers, best-ranked first. */
  tokenSymbols(): readonly string[];
}

/** What the server lists (prompts/list, resources/templates/list): what a completion may refer to. */
interface Offered {
  prompts: readonly Prompt[];
  templates: readonly ResourceTemplate[];
}

/** At most this many values per answer, as the MCP specification caps completions. */
const MAX_VALUES = 100;

type Ref = { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

/** Which list completes an argument, by its name: the same names mean the same thing in prompts and resource templates. */
const listFor = (argument: string, sources: CompletionSources): readonly string[] | undefined => {
  if (argument === 'agent_id' || argument === 'agent') return sources.agentIds();
  if (argument === 'token' || argument === 'symbol') return sources.tokenSymbols();
  return undefined;
};

/**
 * Whether `ref` takes `argument`. A prompt or template the server does not offer is refused with -32602
 * naming it, as prompts/get refuses an unknown prompt (and the SDK's own server both): an empty answer
 * would read as "nothing starts with that" to a client that misspelt the name.
 */
function takes(ref: Ref, argument: string, offered: Offered): boolean {
  if (ref.type === 'ref/prompt') {
    const prompt = offered.prompts.find((p) => p.name === ref.name);
    if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${ref.name}`);
    return prompt.arguments?.some((a) => a.name === argument) ?? false;
  }
  const template = offered.templates.find((t) => t.uriTemplate === ref.uri);
  if (!template) throw new McpError(ErrorCode.InvalidParams, `Unknown resource template: ${ref.uri}`);
  return template.uriTemplate.includes(`{${argument}}`);
}

/**
 * `completion/complete` for the prompts' arguments and the live resource
 * templates' variables: values starting with what the client typed (any
 * case), the best first; nothing for an argument without a list.
 */
export function completer(offered: Offered, sources: CompletionSources | undefined) {
  return (ref: Ref, argument: string, typed: string) => {
    const list = takes(ref, argument, offered) && sources ? (listFor(argument, sources) ?? []) : [];
    const prefix = typed.toLowerCase();
    const matches = [...new Set(list.filter((value) => value.toLowerCase().startsWith(prefix)))];
    return {
      values: matches.slice(0, MAX_VALUES),
      total: matches.length,
      hasMore: matches.length > MAX_VALUES,
    };
  };
}
