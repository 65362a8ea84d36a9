import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4Content, LanguageModelV4GenerateResult, LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { registryToolName, chatToolName } from '../toolNames.ts';
import type { Planner, ToolReport } from '../planner/types.ts';

/**
 * The embedded `local` provider: the planner behind the AI SDK's language
 * model interface, so it runs through the very same multi-step tool loop as
 * a hosted model. Its first step answers the user's message with tool calls
 * (or a plain reply); the step after the tools ran writes the answer from
 * the results in the prompt. It reads only the user's words to choose tools:
 * nothing a tool returns can make it call another.
 */
export function createLocalModel(planner: Planner): LanguageModelV4 {
  return {
    specificationVersion: 'v4',
    provider: 'alphanest',
    modelId: 'local-planner',
    supportedUrls: {},
    doGenerate: async (options) => respond(planner, options),
    doStream: async (options) => ({ stream: streamOf(respond(planner, options)) }),
  };
}

function respond(planner: Planner, options: LanguageModelV4CallOptions): LanguageModelV4GenerateResult {
  const { prompt } = options;
  const lastUser = prompt.findLastIndex((m) => m.role === 'user');
  const question = textOf(prompt[lastUser]);
  const reports = reportsAfter(prompt, lastUser);
  let content: LanguageModelV4Content[];
  if (reports.length > 0) {
    content = [{ type: 'text', text: planner.answer(question, reports) }];
  } else {
    const offered = new Set((options.tools ?? []).filter((t) => t.type === 'function').map((t) => registryToolName(t.name)));
    const plan = planner.plan(question, offered);
    content =
      plan.kind === 'reply'
        ? [{ type: 'text', text: plan.text }]
        : plan.calls.map((call, i) => ({ type: 'tool-call', toolCallId: `local_${lastUser}_${i}`, toolName: chatToolName(call.tool), input: JSON.stringify(call.args) }));
  }
  const calls = content.some((part) => part.type === 'tool-call');
  const written = content.reduce((chars, part) => chars + (part.type === 'text' ? part.text.length : part.type === 'tool-call' ? part.input.length : 0), 0);
  return {
    content,
    finishReason: { unified: calls ? 'tool-calls' : 'stop', raw: undefined },
    usage: usage(question.length, written),
    warnings: [],
  };
}

function textOf(message: LanguageModelV4Prompt[number] | undefined): string {
  if (!message || message.role !== 'user') return '';
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
}

/** The tool calls of this turn paired with their results, in call order. */
function reportsAfter(prompt: LanguageModelV4Prompt, lastUser: number): ToolReport[] {
  const results = new Map<string, unknown>();
  const calls: Array<{ id: string; name: string; input: unknown }> = [];
  for (const message of prompt.slice(lastUser + 1)) {
    if (message.role !== 'assistant' && message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type === 'tool-call') calls.push({ id: part.toolCallId, name: part.toolName, input: part.input });
      if (part.type === 'tool-result') results.set(part.toolCallId, 'value' in part.output ? part.output.value : part.output.type);
    }
  }
  return calls.filter((c) => results.has(c.id)).map((c) => ({ tool: registryToolName(c.name), args: c.input, output: results.get(c.id) }));
}

/**
 * Tokens are estimated at four characters each of the question read and the
 * text or arguments written: the planner has no tokenizer, and the figures
 * only feed accounting.
 */
function usage(promptChars: number, outputChars: number): LanguageModelV4GenerateResult['usage'] {
  const input = Math.ceil(promptChars / 4);
  const output = Math.ceil(outputChars / 4);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}

/**
 * The same response as a stream: text a line at a time (the planner has the
 * whole answer at once; finer deltas would only add per-part work), tool
 * inputs in one delta each.
 */
function streamOf(result: LanguageModelV4GenerateResult): ReadableStream<LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  result.content.forEach((part, i) => {
    if (part.type === 'text') {
      const id = `text_${i}`;
      parts.push({ type: 'text-start', id });
      for (const delta of part.text.match(/[^\n]*\n?/g)?.filter(Boolean) ?? []) parts.push({ type: 'text-delta', id, delta });
      parts.push({ type: 'text-end', id });
    } else if (part.type === 'tool-call') {
      parts.push({ type: 'tool-input-start', id: part.toolCallId, toolName: part.toolName });
      parts.push({ type: 'tool-input-delta', id: part.toolCallId, delta: part.input });
      parts.push({ type: 'tool-input-end', id: part.toolCallId });
      parts.push(part);
    }
  });
  parts.push({ type: 'finish', usage: result.usage, finishReason: result.finishReason });
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}
