import type { StoredToolCall } from './schemas.ts';

/** What a chat exchange reports as it runs (and what the SSE stream carries). */
export type ChatEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call-start'; id: string; name: string; arguments: unknown }
  | { type: 'tool-call-end'; id: string; call: StoredToolCall };

export type ChatEventListener = (event: ChatEvent) => void;

/**
 * The tool calls of one exchange in the order they started, each reported
 * as it starts and ends. Calls the SDK rejects before they run (arguments
 * that are not JSON, a tool that isn't offered) are recorded as errors too,
 * so the client sees every call the model attempted. Entries are kept by
 * position, not by call id: some OpenAI-compatible servers reuse ids across steps.
 */
export function createToolCallLog(onEvent?: ChatEventListener) {
  const calls: StoredToolCall[] = [];
  const running = new Map<string, number>();
  const log = {
    start(id: string, name: string, args: unknown) {
      running.set(id, calls.push({ name, arguments: args, result: null, is_error: false, duration_ms: 0 }) - 1);
      onEvent?.({ type: 'tool-call-start', id, name, arguments: args });
    },
    end(id: string, call: StoredToolCall) {
      const index = running.get(id);
      running.delete(id);
      if (index === undefined) calls.push(call);
      else calls[index] = call;
      onEvent?.({ type: 'tool-call-end', id, call });
    },
    /** A call that never ran. */
    rejected(id: string, name: string, args: unknown, error: unknown) {
      log.start(id, name, args);
      log.end(id, { name, arguments: args, result: rejection(name, args, error), is_error: true, duration_ms: 0 });
    },
    all: (): StoredToolCall[] => [...calls],
    /** The names of the calls started and not yet ended, in the order they started. */
    unfinished: (): string[] => [...running.values()].sort((a, b) => a - b).map((index) => calls[index]!.name),
  };
  return log;
}

export type ToolCallLog = ReturnType<typeof createToolCallLog>;

/** The SDK hands these over as errors while streaming and as strings in step results; both start with the error's name. */
function rejection(name: string, args: unknown, error: unknown) {
  const text = String(error);
  if (text.startsWith('AI_NoSuchToolError'))
    return { code: 'unknown_tool', message: `${name} is not one of the tools offered for this message` };
  if (text.startsWith('AI_InvalidToolInputError'))
    return { code: 'invalid_parameters', message: `the arguments are not valid JSON: ${String(args).slice(0, 200)}` };
  return { code: 'tool_failed', message: text.slice(0, 300) };
}
