import type { Span } from '@opentelemetry/api';
import { tracer } from '../../../telemetry/spans.ts';

/**
 * The span of one model step (an inference, in the GenAI semantic
 * conventions: `chat {model}`), whoever writes it: the language model or
 * the embedded planner. The step's tool calls are its siblings, under the message's span.
 */
export function startStepSpan(provider: string, model: string): Span {
  return tracer.startSpan(`chat ${model}`, {
    attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': provider, 'gen_ai.request.model': model },
  });
}
