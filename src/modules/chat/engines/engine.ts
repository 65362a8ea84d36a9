import type { ChatTool, ChatToolRunner } from '../chatTools.ts';
import type { PlannedCall } from '../planner/types.ts';
import type { StoredToolCall, Usage } from '../schemas.ts';
import type { ChatEventListener, ToolCallLog } from '../toolCallLog.ts';

/** One exchange as an engine runs it. */
export interface ChatRequest {
  system: string;
  /** Earlier messages of the conversation, oldest first; an assistant message with the tools it called (registry names). */
  history: Array<{ role: 'user' | 'assistant'; content: string; calls?: PlannedCall[] }>;
  message: string;
  /** The tools this message may use. */
  tools: readonly ChatTool[];
  /** Runs one of them for the message's user. */
  runTool: ChatToolRunner;
  log: ToolCallLog;
  /** Model steps at most; each step may call tools, so an answer needs at least one step after the last call. */
  maxSteps: number;
  /** Aborts the model call and every running tool (client gone, time out). */
  signal: AbortSignal;
  /** Given: the answer streams as text deltas as it is written. */
  onEvent?: ChatEventListener;
}

export interface ChatRun {
  reply: string;
  toolCalls: StoredToolCall[];
  usage: Usage;
}

/**
 * What answers a chat message: a language model behind the AI SDK's tool
 * loop (LLM_PROVIDER=openai), or the embedded planner (local).
 */
export interface ChatEngine {
  run(request: ChatRequest): Promise<ChatRun>;
  /** Begins, in the background, what the first message would otherwise wait for (the local planner's training). */
  warmUp?(): void;
  /**
   * True when the engine writes the answer from the tools' results itself and passes none to a model (the local
   * planner): the cap on a result's size (CHAT_TOOL_RESULT_MAX_BYTES) keeps a model's context small, and cut, a
   * result is one the planner cannot read at all ("returned more than I can summarise").
   */
  readsResultsWhole?: boolean;
}

/** The reply when the model wrote no text: it ran out of steps after calling tools, or said nothing. */
export function emptyReply(calls: number, maxSteps: number): string {
  return calls > 0
    ? `I made ${calls} tool call(s) but reached the limit of ${maxSteps} steps before writing an answer.`
    : 'The model returned an empty answer.';
}
