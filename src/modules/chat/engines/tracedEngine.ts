import { inSpan } from '../../../telemetry/spans.ts';
import type { ChatEngine } from './engine.ts';

/**
 * Runs each message inside one span (`invoke_agent`, GenAI semantic
 * conventions) that parents its model steps and tool calls and carries the
 * token usage; a no-op span when tracing is off.
 */
export function tracedEngine(engine: ChatEngine, provider: string, model: string): ChatEngine {
  const attributes = {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.provider.name': provider,
    'gen_ai.request.model': model,
  };
  return {
    warmUp: () => engine.warmUp?.(),
    ...(engine.readsResultsWhole && { readsResultsWhole: true }),
    run: (request) =>
      inSpan('invoke_agent alphanest-chat', { attributes }, async (span) => {
        const run = await engine.run(request);
        if (span.isRecording()) {
          span.setAttributes({
            'gen_ai.usage.input_tokens': run.usage.input_tokens,
            'gen_ai.usage.output_tokens': run.usage.output_tokens,
            'alphanest.chat.tool_calls': run.toolCalls.length,
          });
        }
        return run;
      }),
  };
}
