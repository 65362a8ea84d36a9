import { generateText, stepCountIs, streamText, type LanguageModel, type LanguageModelUsage, type ModelMessage, type ToolSet } from 'ai';
import type { StoredToolCall, Usage } from './schemas.ts';
import type { ChatEventListener, ToolCallLog } from './toolCallLog.ts';

export interface ChatRunOptions {
  model: LanguageModel;
  system: string;
  messages: ModelMessage[];
  tools: ToolSet;
  log: ToolCallLog;
  maxSteps: number;
  /** Aborts the model call and every running tool (client gone, time out). */
  signal: AbortSignal;
  /** Given: the model streams and text arrives as deltas. Absent: one plain request per step. */
  onEvent?: ChatEventListener;
}

export interface ChatRun {
  reply: string;
  toolCalls: StoredToolCall[];
  usage: Usage;
}

/**
 * One exchange through the AI SDK's multi-step tool loop, the same for every
 * provider: the model answers or calls tools, the tools run, their results
 * go back to the model, until it answers or the step cap is reached.
 */
export async function runChat(options: ChatRunOptions): Promise<ChatRun> {
  const settings = {
    model: options.model,
    system: options.system,
    messages: options.messages,
    tools: options.tools,
    stopWhen: stepCountIs(options.maxSteps),
    abortSignal: options.signal,
    maxRetries: 1,
    // The SDK's own telemetry (spans, credential redaction) is unused here and costs more than the local planner's whole step.
    telemetry: { isEnabled: false },
  };
  const { steps, totalUsage } = options.onEvent ? await streamSteps(settings, options.onEvent, options.log) : await generateSteps(settings, options.log);
  const toolCalls = options.log.all();
  const reply = steps.map((step) => step.text).filter(Boolean).join('\n\n') || emptyReply(toolCalls.length, options.maxSteps);
  return { reply, toolCalls, usage: usageOf(totalUsage) };
}

async function generateSteps(settings: Parameters<typeof generateText>[0], log: ToolCallLog) {
  const result = await generateText(settings);
  for (const part of result.steps.flatMap((step) => step.content)) {
    if (part.type === 'tool-error') log.rejected(part.toolCallId, part.toolName, part.input, part.error);
  }
  return result;
}

async function streamSteps(settings: Parameters<typeof streamText>[0], onEvent: ChatEventListener, log: ToolCallLog) {
  // Errors surface as stream parts (thrown below); the SDK would otherwise also print them.
  const result = streamText({ ...settings, onError: () => {} });
  let wrote = false;
  let stepHasText = false;
  for await (const part of result.fullStream) {
    if (part.type === 'start-step') stepHasText = false;
    else if (part.type === 'text-delta' && part.text) {
      // Text of a later step starts a new paragraph, as in the stored reply.
      onEvent({ type: 'text-delta', text: wrote && !stepHasText ? `\n\n${part.text}` : part.text });
      wrote = stepHasText = true;
    } else if (part.type === 'tool-error') log.rejected(part.toolCallId, part.toolName, part.input, part.error);
    else if (part.type === 'error') throw part.error;
    else if (part.type === 'abort') settings.abortSignal?.throwIfAborted();
  }
  return { steps: await result.steps, totalUsage: await result.totalUsage };
}

function emptyReply(calls: number, maxSteps: number): string {
  return calls > 0 ? `I made ${calls} tool call(s) but reached the limit of ${maxSteps} steps before writing an answer.` : 'The model returned an empty answer.';
}

function usageOf(usage: LanguageModelUsage): Usage {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return { input_tokens: input, output_tokens: output, total_tokens: usage.totalTokens ?? input + output };
}
