import type { JSONValue } from 'ai';
import type { ChatTool } from '../chatTools.ts';
import type { Planner, ToolReport, Turn } from '../planner/types.ts';
import type { Usage } from '../schemas.ts';
import { emptyReply, type ChatEngine, type ChatRequest } from './engine.ts';
import { startStepSpan } from './stepSpans.ts';

/**
 * The embedded `local` engine: the planner turns the message into tool
 * calls (or a plain reply), the tools run, and the planner writes the
 * answer from their results: the two steps a model takes through a tool
 * loop, with the same step cap, abort signal, tool-call log and events.
 * It runs without the AI SDK's loop because it needs none of it (no
 * prompt to build, no calls to parse, no retries), and that machinery
 * costs more per message than the planner and a tool together. It reads
 * only the user's words to choose tools: nothing a tool returns can make it
 * call another (the cursor its own answer wrote under a listing only pages
 * that same search on, when the user asks for more).
 */
export function createPlannerEngine(planner: Planner): ChatEngine {
  return {
    readsResultsWhole: true,
    warmUp() {
      // A failure is not lost: the first message awaits the same promise and answers with it.
      planner.ready?.().catch(() => {});
    },
    async run({ message, history, tools, runTool, log, maxSteps, signal, onEvent }) {
      await planner.ready?.();
      const answered = (text: string, writtenPerStep: number[]) => {
        // A line at a time: the planner has the whole answer at once, and finer deltas would only add events.
        if (onEvent)
          for (const line of text.match(/[^\n]*\n?/g)!.filter(Boolean)) onEvent({ type: 'text-delta', text: line });
        return { reply: text, toolCalls: log.all(), usage: estimate(message, writtenPerStep) };
      };
      signal.throwIfAborted();
      const { byTool, names } = indexOf(tools);
      const plan = step(() => planner.plan(message, names, turnsOf(history)));
      if (plan.kind === 'reply') return answered(plan.text, [plan.text.length]);

      const calls = plan.calls.map((call, i) => ({ ...call, id: `local_${i}`, chatTool: byTool.get(call.tool)! }));
      const outputs: JSONValue[] = await Promise.all(
        calls.map(({ chatTool, args, id }) => runTool(chatTool, args, id, signal)),
      );
      signal.throwIfAborted();
      const argsWritten = calls.reduce((chars, call) => chars + JSON.stringify(call.args).length, 0);
      if (maxSteps < 2)
        return {
          reply: emptyReply(calls.length, maxSteps),
          toolCalls: log.all(),
          usage: estimate(message, [argsWritten]),
        };
      const reports: ToolReport[] = calls.map((call, i) => ({ tool: call.tool, args: call.args, output: outputs[i] }));
      const text = step(() => plan.answer(reports));
      return answered(text, [argsWritten, text.length]);
    },
  };
}

/** Offered lists are kept per role (chatTools.ts), so their index is made once per list, not per message. */
const indexes = new WeakMap<readonly ChatTool[], { byTool: Map<string, ChatTool>; names: ReadonlySet<string> }>();

/** The offered tools by registry name, and those names as the planner reads them. */
function indexOf(tools: readonly ChatTool[]) {
  let index = indexes.get(tools);
  if (!index) {
    const byTool = new Map(tools.map((tool) => [tool.tool, tool]));
    index = { byTool, names: new Set(byTool.keys()) };
    indexes.set(tools, index);
  }
  return index;
}

/** The conversation so far as the planner reads it: each user message with the calls and the text of the answer that followed. */
function turnsOf(history: ChatRequest['history']): Turn[] {
  const turns: Turn[] = [];
  for (const entry of history) {
    if (entry.role === 'user') turns.push({ message: entry.content, calls: [] });
    else if (turns.length > 0) Object.assign(turns.at(-1)!, { calls: entry.calls ?? [], reply: entry.content });
  }
  return turns;
}

/** One of the planner's steps, traced as a model step; its tool calls run between the two, under the message's span. */
function step<T>(write: () => T): T {
  const span = startStepSpan('alphanest', 'local-planner');
  try {
    return write();
  } finally {
    span.end();
  }
}

/**
 * Tokens are estimated at four characters each of the question read at
 * every step and of the text or arguments written: the planner has no
 * tokenizer, and the figures only feed accounting.
 */
function estimate(question: string, writtenPerStep: number[]): Usage {
  const tokens = (chars: number) => Math.ceil(chars / 4);
  const input = writtenPerStep.length * tokens(question.length);
  const output = writtenPerStep.reduce((sum, chars) => sum + tokens(chars), 0);
  return { input_tokens: input, output_tokens: output, total_tokens: input + output };
}
