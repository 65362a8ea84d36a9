import {
  dynamicTool,
  generateText,
  stepCountIs,
  streamText,
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  type ToolSet,
} from 'ai';
import type { ChatTool, ChatToolRunner } from '../chatTools.ts';
import type { Usage } from '../schemas.ts';
import type { ChatEventListener, ToolCallLog } from '../toolCallLog.ts';
import { emptyReply, type ChatEngine } from './engine.ts';

/**
 * A language model through the AI SDK's multi-step tool loop: the model
 * answers or calls tools, the tools run, their results go back to the
 * model, until it answers or the step cap is reached. JSON answers use
 * `generateText`; streamed ones `streamText`, whose text deltas are passed on.
 */
export function createSdkEngine(model: LanguageModel): ChatEngine {
  return {
    async run({ system, history, message, tools, runTool, log, maxSteps, signal, onEvent }) {
      const settings = {
        model,
        system,
        messages: [
          ...history.map(({ role, content }) => ({ role, content })),
          { role: 'user', content: message },
        ] satisfies ModelMessage[],
        tools: toolSet(tools, runTool),
        stopWhen: stepCountIs(maxSteps),
        abortSignal: signal,
        maxRetries: 1,
        // The SDK's own telemetry (spans, credential redaction) is unused here.
        telemetry: { isEnabled: false },
      };
      const { steps, totalUsage } = onEvent
        ? await streamSteps(settings, onEvent, log)
        : await generateSteps(settings, log);
      const toolCalls = log.all();
      const reply =
        steps
          .map((step) => step.text)
          .filter(Boolean)
          .join('\n\n') || emptyReply(toolCalls.length, maxSteps);
      return { reply, toolCalls, usage: usageOf(totalUsage) };
    },
  };
}

function toolSet(tools: readonly ChatTool[], runTool: ChatToolRunner): ToolSet {
  const set: ToolSet = {};
  for (const tool of tools) {
    set[tool.name] = dynamicTool({
      description: tool.description,
      inputSchema: tool.inputSchema,
      execute: (args, { toolCallId, abortSignal }) => runTool(tool, args, toolCallId, abortSignal),
    });
  }
  return set;
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

function usageOf(usage: LanguageModelUsage): Usage {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return { input_tokens: input, output_tokens: output, total_tokens: usage.totalTokens ?? input + output };
}
