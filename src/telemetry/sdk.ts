import { register } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { isOperationalPath } from '../core/http/operationalPaths.ts';
import { nameServerSpansByRoute } from './fastifyRoutes.ts';

/**
 * Starts the OpenTelemetry SDK: spans go to OTEL_EXPORTER_OTLP_ENDPOINT over
 * OTLP/HTTP (JSON) in batches; HTTP servers, pg and ioredis are instrumented.
 * HTTP server spans are named after their Fastify route.
 * The exporter, batch processor and sampler read their standard OTEL_*
 * variables themselves. Must run before the app imports pg, ioredis or
 * Fastify: the instrumentations patch modules as they load.
 */
export function startTracing(): void {
  // Without import-in-the-middle's loader hook, ioredis imported from the app's ESM is never patched (require-in-the-middle
  // does not see that import; pg is patched either way). Checked with a span dump on Node 24.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

  const provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the env detector) override the default name.
    resource: resourceFromAttributes({ 'service.name': 'alphanest' }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  nameServerSpansByRoute();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => isOperationalPath(request.url ?? ''),
        // Outgoing calls are the exporter's own and the market-data providers' (fetch, which this does not patch anyway).
        disableOutgoingRequestInstrumentation: true,
      }),
      // requireParentSpan: queries and commands outside a request (cache refresh timers, the bus's gap fill) would each be a one-span trace.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
}
