import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { wrapLanguageModel, type LanguageModelMiddleware } from 'ai';
import { startStepSpan } from './stepSpans.ts';

type WrappableModel = Parameters<typeof wrapLanguageModel>[0]['model'];

/**
 * The model with a span around each of its calls: one per step of the AI
 * SDK's tool loop. A streamed step's span ends when its stream has been read
 * to the end; one cut short (aborted, failed) is never ended, so not exported.
 */
export function withStepSpans(model: WrappableModel, provider: string, modelId: string) {
  const middleware: LanguageModelMiddleware = {
    async wrapGenerate({ doGenerate }) {
      const span = startStepSpan(provider, modelId);
      try {
        return await doGenerate();
      } catch (err) {
        failed(span, err);
        throw err;
      } finally {
        span.end();
      }
    },
    async wrapStream({ doStream }) {
      const span = startStepSpan(provider, modelId);
      try {
        const result = await doStream();
        return { ...result, stream: result.stream.pipeThrough(new TransformStream({ flush: () => span.end() })) };
      } catch (err) {
        failed(span, err);
        span.end();
        throw err;
      }
    },
  };
  return wrapLanguageModel({ model, middleware });
}

function failed(span: Span, err: unknown): void {
  span.recordException(err as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
}
