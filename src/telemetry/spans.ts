import { SpanStatusCode, trace, type Context, type Span, type SpanOptions } from '@opentelemetry/api';

/** The tracer of the platform's own spans (tool calls, chat steps, bus messages). */
export const tracer = trace.getTracer('alphanest');

/**
 * Runs `work` inside an active span that ends when it settles and is marked
 * as an error when it throws. With no SDK started the API hands out a
 * shared non-recording span and no context is stored: nothing is recorded or sent.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
  parent?: Context,
): Promise<T> {
  const run = async (span: Span) => {
    try {
      return await work(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  };
  return parent ? tracer.startActiveSpan(name, options, parent, run) : tracer.startActiveSpan(name, options, run);
}
